package dev.liveloom.testkit;

import dev.liveloom.testkit.internal.ImpairmentModel;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A UDP impairment proxy: one local port that a client sends to; datagrams go on to the upstream
 * server from a second socket, and the server's answers come back to the client address that sent
 * last. Each direction is impaired by its own {@link Impairments} with its own random sequence
 * seeded from {@link ProxyConfig#seed()}.
 *
 * <p>Runs on one event loop (its own, or one of a given group): no thread per client. Datagrams up
 * to 65,507 bytes pass whole. Close it to stop; closing twice is fine.
 */
public final class UdpImpairmentProxy implements AutoCloseable {
    /** Socket buffers, so that a burst towards the proxy is not lost in the kernel. */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private static final int MAX_DATAGRAM_BYTES = 65_536;

    private final ProxyConfig config;
    private final EventLoopGroup ownGroup;
    private final EventLoop loop;
    private final Counters c2sCounters = new Counters();
    private final Counters s2cCounters = new Counters();
    private final StallGate c2sGate = new StallGate();
    private final StallGate s2cGate = new StallGate();
    private final List<Future<?>> scheduled = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Channel front;
    private Channel back;
    private Lane c2s;
    private Lane s2c;
    private volatile InetSocketAddress client;

    private UdpImpairmentProxy(ProxyConfig config, EventLoopGroup ownGroup, EventLoop loop) {
        this.config = config;
        this.ownGroup = ownGroup;
        this.loop = loop;
    }

    /** Starts a proxy on an event loop of its own (shut down by {@link #close()}). */
    public static UdpImpairmentProxy start(ProxyConfig config) {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            return start(config, group, group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts a proxy on one event loop of {@code group}, which the caller owns. */
    public static UdpImpairmentProxy start(ProxyConfig config, EventLoopGroup group) {
        return start(config, null, group);
    }

    private static UdpImpairmentProxy start(ProxyConfig config, EventLoopGroup own, EventLoopGroup group) {
        UdpImpairmentProxy p = new UdpImpairmentProxy(config, own, group.next());
        p.bind();
        return p;
    }

    private void bind() {
        Random c2sRandom = new Random(config.seed());
        Random s2cRandom = new Random(~config.seed());
        c2s = new Lane(
                loop,
                new ImpairmentModel(config.impairments(Direction.CLIENT_TO_SERVER), c2sRandom, true),
                c2sCounters,
                c2sGate,
                new Lane.Output() {
                    @Override
                    public void write(ByteBuf data) {
                        back.write(new DatagramPacket(data, config.upstream()));
                    }

                    @Override
                    public void flush() {
                        back.flush();
                    }
                },
                () -> {});
        s2c = new Lane(
                loop,
                new ImpairmentModel(config.impairments(Direction.SERVER_TO_CLIENT), s2cRandom, true),
                s2cCounters,
                s2cGate,
                new Lane.Output() {
                    @Override
                    public void write(ByteBuf data) {
                        InetSocketAddress to = client;
                        if (to == null) {
                            data.release();
                        } else {
                            front.write(new DatagramPacket(data, to));
                        }
                    }

                    @Override
                    public void flush() {
                        front.flush();
                    }
                },
                () -> {});
        try {
            front = bootstrap(new Inbound(true)).bind(config.bind()).sync().channel();
            InetSocketAddress local = (InetSocketAddress) front.localAddress();
            back = bootstrap(new Inbound(false))
                    .bind(new InetSocketAddress(local.getAddress(), 0))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot bind the UDP proxy on " + config.bind() + ": " + e, e);
        }
        scheduleStalls(Direction.CLIENT_TO_SERVER, c2sGate, c2s);
        scheduleStalls(Direction.SERVER_TO_CLIENT, s2cGate, s2c);
    }

    private Bootstrap bootstrap(Inbound handler) {
        return new Bootstrap()
                .group(loop)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                .handler(handler);
    }

    private void scheduleStalls(Direction d, StallGate gate, Lane lane) {
        for (Stall s : config.impairments(d).stalls()) {
            scheduled.add(loop.schedule(
                    () -> {
                        gate.stall(Lane.now(), s.length());
                        lane.wake();
                    },
                    s.at().toNanos(),
                    TimeUnit.NANOSECONDS));
        }
    }

    /** Where clients send: the proxy's bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** The address the proxy sends to the server from (the server sees this as its peer). */
    public InetSocketAddress upstreamSideAddress() {
        return (InetSocketAddress) back.localAddress();
    }

    /** The client answers go to (the last one that sent), or null before any datagram. */
    public InetSocketAddress client() {
        return client;
    }

    public ProxyConfig config() {
        return config;
    }

    /** The counters of one direction now. */
    public LaneStats stats(Direction d) {
        return (d == Direction.CLIENT_TO_SERVER ? c2sCounters : s2cCounters).snapshot();
    }

    /** Pauses one direction from now for {@code length}; held datagrams follow when it ends. */
    public void stall(Direction d, Duration length) {
        StallGate gate = d == Direction.CLIENT_TO_SERVER ? c2sGate : s2cGate;
        gate.stall(Lane.now(), length);
        loop.execute(() -> (d == Direction.CLIENT_TO_SERVER ? c2s : s2c).wake());
    }

    /** Pauses both directions from now for {@code length}. */
    public void stall(Duration length) {
        stall(Direction.CLIENT_TO_SERVER, length);
        stall(Direction.SERVER_TO_CLIENT, length);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduled.forEach(f -> f.cancel(false));
        if (front != null) {
            front.close().syncUninterruptibly();
        }
        if (back != null) {
            back.close().syncUninterruptibly();
        }
        if (!loop.isShuttingDown()) {
            loop.submit(() -> {
                        if (c2s != null) {
                            c2s.discard();
                        }
                        if (s2c != null) {
                            s2c.discard();
                        }
                    })
                    .syncUninterruptibly();
        }
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "UdpImpairmentProxy[" + (front == null ? config.bind() : address()) + " -> " + config.upstream() + "]";
    }

    /** Datagrams from the client (front) or from the server (back). */
    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean fromClient;

        Inbound(boolean fromClient) {
            super(false);
            this.fromClient = fromClient;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            // the receive buffer is sized for the largest datagram; keep only what arrived
            ByteBuf copy;
            try {
                copy = ctx.alloc().buffer(content.readableBytes()).writeBytes(content);
            } finally {
                packet.release();
            }
            if (fromClient) {
                client = packet.sender();
                c2s.offer(copy);
            } else {
                s2c.offer(copy);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: UDP carries on, as a lossy network would
        }
    }
}
