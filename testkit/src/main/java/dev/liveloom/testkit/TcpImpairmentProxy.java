package dev.liveloom.testkit;

import dev.liveloom.testkit.internal.ImpairmentModel;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP impairment proxy: accepts connections, opens one upstream connection for each and copies
 * bytes both ways, delayed (with jitter), rate-capped and stalled as {@link Impairments} say; the
 * bytes themselves arrive unchanged and in order. A full bandwidth queue stops reading from the
 * sender (TCP back-pressure) instead of dropping. {@link #resetConnections()} and {@link
 * #closeConnections()} cut every connection on demand.
 *
 * <p>Each connection lives on one event loop; no thread per connection. Random choices (jitter) are
 * seeded from {@link ProxyConfig#seed()} and the connection's number. Close it to stop; closing twice
 * is fine.
 */
public final class TcpImpairmentProxy implements AutoCloseable {
    /** Chunks are cut to this size under a bandwidth cap so the rate is smooth. */
    static final int MAX_CHUNK_UNDER_CAP = 8 * 1024;

    /** Without a cap, reading stops once this much waits in a lane (delay or stall). */
    private static final long DEFAULT_BACKLOG_BYTES = 4 << 20;

    private final ProxyConfig config;
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final Counters c2sCounters = new Counters();
    private final Counters s2cCounters = new Counters();
    private final StallGate c2sGate = new StallGate();
    private final StallGate s2cGate = new StallGate();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final List<Future<?>> scheduled = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel server;

    private TcpImpairmentProxy(ProxyConfig config, EventLoopGroup group, boolean ownGroup) {
        this.config = config;
        this.group = group;
        this.ownGroup = ownGroup;
    }

    /** Starts a proxy on an event loop of its own (shut down by {@link #close()}). */
    public static TcpImpairmentProxy start(ProxyConfig config) {
        check(config);
        TcpImpairmentProxy p = new TcpImpairmentProxy(config, new NioEventLoopGroup(1), true);
        p.bind();
        return p;
    }

    /** Starts a proxy on {@code group}, which the caller owns. */
    public static TcpImpairmentProxy start(ProxyConfig config, EventLoopGroup group) {
        check(config);
        TcpImpairmentProxy p = new TcpImpairmentProxy(config, group, false);
        p.bind();
        return p;
    }

    private static void check(ProxyConfig config) {
        for (Direction d : Direction.values()) {
            if (config.impairments(d).changesPacketSet()) {
                throw new IllegalArgumentException("TCP is a byte stream: drop, burst loss, reorder and duplicate"
                        + " do not apply (" + d + ": " + config.impairments(d) + ")");
            }
        }
    }

    private void bind() {
        try {
            server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            new Connection(ch, accepted.getAndIncrement()).connect();
                        }
                    })
                    .bind(config.bind())
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot bind the TCP proxy on " + config.bind() + ": " + e, e);
        }
        for (Direction d : Direction.values()) {
            for (Stall s : config.impairments(d).stalls()) {
                scheduled.add(server.eventLoop()
                        .schedule(() -> stall(d, s.length()), s.at().toNanos(), TimeUnit.NANOSECONDS));
            }
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    public ProxyConfig config() {
        return config;
    }

    /** Connections open now. */
    public int connections() {
        return connections.size();
    }

    /** Connections accepted since the start. */
    public long accepted() {
        return accepted.get();
    }

    /** The counters of one direction, summed over every connection so far. */
    public LaneStats stats(Direction d) {
        return (d == Direction.CLIENT_TO_SERVER ? c2sCounters : s2cCounters).snapshot();
    }

    /** Pauses one direction of every connection (open now or later) from now for {@code length}. */
    public void stall(Direction d, Duration length) {
        (d == Direction.CLIENT_TO_SERVER ? c2sGate : s2cGate).stall(Lane.now(), length);
        for (Connection c : connections) {
            c.wake();
        }
    }

    /** Pauses both directions from now for {@code length}. */
    public void stall(Duration length) {
        stall(Direction.CLIENT_TO_SERVER, length);
        stall(Direction.SERVER_TO_CLIENT, length);
    }

    /** Resets every open connection (TCP RST both ways); bytes still queued are lost. */
    public void resetConnections() {
        for (Connection c : connections) {
            c.cut(true);
        }
    }

    /** Closes every open connection (FIN both ways) now; bytes still queued are lost. */
    public void closeConnections() {
        for (Connection c : connections) {
            c.cut(false);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduled.forEach(f -> f.cancel(false));
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        for (Connection c : connections) {
            c.cut(false);
        }
        if (ownGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "TcpImpairmentProxy[" + (server == null ? config.bind() : address()) + " -> " + config.upstream() + "]";
    }

    /** One accepted connection and its upstream twin, both on the accepted channel's event loop. */
    private final class Connection {
        private final Channel front;
        private final long number;
        private Channel back;
        private Lane c2s;
        private Lane s2c;

        Connection(Channel front, long number) {
            this.front = front;
            this.number = number;
        }

        void connect() {
            connections.add(this);
            front.closeFuture().addListener(f -> frontGone());
            new Bootstrap()
                    .group(front.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new Reader(false))
                    .connect(config.upstream())
                    .addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            front.close();
                            return;
                        }
                        back = f.channel();
                        back.closeFuture().addListener(x -> backGone());
                        lanes();
                        front.pipeline().addLast(new Reader(true));
                        updateReading();
                    });
        }

        private void lanes() {
            long seed = config.seed() + 0x9E3779B97F4A7C15L * number;
            c2s = new Lane(
                    front.eventLoop(),
                    new ImpairmentModel(config.impairments(Direction.CLIENT_TO_SERVER), new Random(seed), false),
                    c2sCounters,
                    c2sGate,
                    output(back),
                    this::updateReading);
            s2c = new Lane(
                    front.eventLoop(),
                    new ImpairmentModel(config.impairments(Direction.SERVER_TO_CLIENT), new Random(~seed), false),
                    s2cCounters,
                    s2cGate,
                    output(front),
                    this::updateReading);
        }

        private Lane.Output output(Channel to) {
            return new Lane.Output() {
                @Override
                public void write(ByteBuf data) {
                    to.write(data, to.voidPromise());
                }

                @Override
                public void flush() {
                    to.flush();
                }

                @Override
                public void drained() {
                    // the other side closed: pass the FIN on once everything before it has gone
                    to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                }
            };
        }

        /** Reads from a side only while its lane has room and the other side takes writes. */
        void updateReading() {
            if (c2s == null) {
                return;
            }
            front.config().setAutoRead(room(c2s, Direction.CLIENT_TO_SERVER) && back.isWritable());
            back.config().setAutoRead(room(s2c, Direction.SERVER_TO_CLIENT) && front.isWritable());
        }

        private boolean room(Lane lane, Direction d) {
            Impairments i = config.impairments(d);
            long limit = i.bandwidthBytesPerSecond() > 0 ? i.queueLimitBytes() : DEFAULT_BACKLOG_BYTES;
            return lane.queuedBytes() < limit;
        }

        void wake() {
            front.eventLoop().execute(() -> {
                if (c2s != null) {
                    c2s.wake();
                    s2c.wake();
                }
            });
        }

        void cut(boolean reset) {
            front.eventLoop().execute(() -> {
                for (Channel ch : new Channel[] {front, back}) {
                    if (ch != null && ch.isOpen()) {
                        if (reset) {
                            ch.config().setOption(ChannelOption.SO_LINGER, 0);
                        }
                        ch.close();
                    }
                }
            });
        }

        private void frontGone() {
            if (c2s != null) {
                s2c.discard();
                c2s.closeWhenDrained();
            }
            if (back == null || !back.isOpen()) {
                connections.remove(this);
            }
        }

        private void backGone() {
            c2s.discard();
            s2c.closeWhenDrained();
            if (!front.isOpen()) {
                connections.remove(this);
            }
        }

        /** Hands each chunk read from one side to that side's lane. */
        private final class Reader extends ChannelInboundHandlerAdapter {
            private final boolean fromClient;

            Reader(boolean fromClient) {
                this.fromClient = fromClient;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                Lane lane = fromClient ? c2s : s2c;
                if (lane == null) {
                    buf.release();
                    return;
                }
                Direction d = fromClient ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
                if (config.impairments(d).bandwidthBytesPerSecond() > 0) {
                    try {
                        while (buf.readableBytes() > MAX_CHUNK_UNDER_CAP) {
                            lane.offer(buf.readRetainedSlice(MAX_CHUNK_UNDER_CAP));
                        }
                    } catch (RuntimeException e) {
                        buf.release();
                        throw e;
                    }
                }
                lane.offer(buf);
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                updateReading();
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                updateReading();
                ctx.fireChannelWritabilityChanged();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // a reset by the peer: close this side; the close handling ends the other
                ctx.close();
            }
        }
    }
}
