package dev.liveloom.srt.internal.netty;

import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.session.SrtConfig;
import dev.liveloom.srt.session.SrtListener;
import dev.liveloom.srt.session.SrtSession;
import dev.liveloom.srt.session.SrtStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket on a Netty event loop carrying one SRT receiving connection: as a caller it sends
 * to the peer from an ephemeral port; as a listener it binds the port, answers handshakes through
 * {@link SrtListener} and keeps the first caller that completes one; later callers are refused with
 * REJ_BACKLOG (one endpoint is one connection: the relay opens a new source when it ends).
 * Everything, timers included, runs on the channel's event loop.
 */
public final class SrtEndpoint {
    private static final Logger log = LoggerFactory.getLogger(SrtEndpoint.class);

    /**
     * How long a listener's connected caller must have been silent before a new caller replaces it. A
     * live sender sends data or a keepalive every second at the least, so 1.5 s of silence means it
     * is gone (its SHUTDOWN lost or never sent); waiting for the idle timeout instead would refuse a
     * sender that restarts quickly.
     */
    static final long REPLACE_AFTER_SILENCE_MS = 1500;

    /** The socket receive buffer asked for: about 1.6 s of a 20 Mbit/s stream. */
    private static final int SO_RCVBUF = 4 << 20;

    private final String name;
    private final SrtConfig config;
    private final SrtSession.Handler handler;
    private final CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
    private final SecureRandom random = new SecureRandom();
    private volatile Channel channel;
    private SrtSession session;
    private SrtListener<InetSocketAddress> listener;
    private volatile boolean closed;

    private SrtEndpoint(String name, SrtConfig config, SrtSession.Handler handler) {
        this.name = name;
        this.config = config;
        this.handler = new Logged(name, handler);
    }

    /** Opens a caller towards {@code remote}; failures reach {@code handler.failed}. */
    public static SrtEndpoint caller(
            String name, SrtConfig config, InetSocketAddress remote, EventLoopGroup group, SrtSession.Handler handler) {
        SrtEndpoint e = new SrtEndpoint(name, config, handler);
        e.remote = remote;
        e.open(group, new InetSocketAddress(0), ch -> {
            e.session = SrtSession.caller(
                    name,
                    config,
                    new EventLoopScheduler(ch.eventLoop()),
                    d -> e.send(d, remote),
                    e.handler,
                    e.random,
                    Handshake.peerIpField(remote.getAddress()));
            e.session.start();
        });
        return e;
    }

    /**
     * Opens a listener on {@code local}; the first caller to complete a handshake is received, and a
     * later caller replaces it once it has been silent for {@link #REPLACE_AFTER_SILENCE_MS} (the
     * handler sees {@code connected} again and the new caller's payloads continue the stream).
     */
    public static SrtEndpoint listener(
            String name, SrtConfig config, InetSocketAddress local, EventLoopGroup group, SrtSession.Handler handler) {
        SrtEndpoint e = new SrtEndpoint(name, config, handler);
        e.open(
                group,
                local,
                ch -> e.listener = new SrtListener<>(
                        name,
                        config,
                        new EventLoopScheduler(ch.eventLoop()),
                        (peer, d) -> e.send(d, peer),
                        (peer, streamId) -> {
                            if (e.closed) {
                                return null;
                            }
                            SrtSession current = e.session;
                            if (current != null) {
                                long silentMs = current.silentNanos() / 1_000_000;
                                if (silentMs < REPLACE_AFTER_SILENCE_MS) {
                                    return null;
                                }
                                // the sender died without SHUTDOWN and came back: take the new one at
                                // once rather than refuse it until the idle timeout
                                log.info("{}: caller {} replaces one silent for {} ms", name, peer, silentMs);
                                e.session = null;
                                current.close();
                            }
                            return new Accepted(e, e.handler);
                        },
                        e.random));
        return e;
    }

    private volatile InetSocketAddress remote;

    private void open(EventLoopGroup group, InetSocketAddress local, java.util.function.Consumer<Channel> ready) {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SO_RCVBUF)
                .handler(new Inbound());
        ChannelFuture f = b.bind(local);
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                IOException err =
                        new IOException(name + ": cannot bind UDP " + local + ": " + done.cause(), done.cause());
                bound.completeExceptionally(err);
                handler.failed(err);
                return;
            }
            bound.complete((InetSocketAddress) channel.localAddress());
            if (closed) {
                channel.close();
                return;
            }
            ready.accept(channel);
        });
    }

    /** The local address once bound. */
    public CompletableFuture<InetSocketAddress> bound() {
        return bound;
    }

    /** The connection's statistics (all zero before a connection). */
    public SrtStats stats() {
        Channel ch = channel;
        if (ch == null || ch.eventLoop().inEventLoop()) {
            return session == null ? SrtStats.NONE : session.stats();
        }
        try {
            return ch.eventLoop()
                    .submit(() -> session == null ? SrtStats.NONE : session.stats())
                    .get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SrtStats.NONE;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            return SrtStats.NONE;
        }
    }

    /** Sends SHUTDOWN to a connected peer and closes the socket. Safe to call twice, from any thread. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        Runnable r = () -> {
            if (session != null) {
                session.close();
            }
            if (listener != null) {
                listener.close();
            }
            ch.close();
        };
        if (ch.eventLoop().inEventLoop()) {
            r.run();
        } else {
            try {
                ch.eventLoop().execute(r);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                ch.close();
            }
        }
    }

    private void send(byte[] datagram, InetSocketAddress to) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to), ch.voidPromise());
        }
    }

    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        // one datagram at a time on the channel's loop; the parsers copy what they keep
        private final byte[] b = new byte[dev.liveloom.srt.packet.SrtPackets.MAX_DATAGRAM];

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            ByteBuf buf = p.content();
            int n = buf.readableBytes();
            if (n > b.length) {
                return;
            }
            buf.getBytes(buf.readerIndex(), b, 0, n);
            if (listener != null) {
                InetSocketAddress sender = p.sender();
                listener.receive(sender, Handshake.peerIpField(sender.getAddress()), b, 0, n);
            } else if (session != null && p.sender().equals(remote)) {
                session.receive(b, 0, n);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: the handshake retries or the idle timeout decides
        }
    }

    /** Logs the connection's life (names are redacted URLs; stream IDs are redacted too). */
    private static final class Logged implements SrtSession.Handler {
        private final String name;
        private final SrtSession.Handler handler;

        Logged(String name, SrtSession.Handler handler) {
            this.name = name;
            this.handler = handler;
        }

        @Override
        public void connected(SrtSession s) {
            log.info(
                    "{}: connected (socket {}, latency {} ms, stream id {})",
                    name,
                    s.socketId(),
                    s.latencyMs(),
                    s.streamId() == null ? "none" : dev.liveloom.core.log.Redaction.text(s.streamId()));
            handler.connected(s);
        }

        @Override
        public void payload(byte[] payload) {
            handler.payload(payload);
        }

        @Override
        public void ended() {
            log.info("{}: the peer closed the connection", name);
            handler.ended();
        }

        @Override
        public void failed(IOException error) {
            log.info("{}", dev.liveloom.core.log.Redaction.text(error.getMessage()));
            handler.failed(error);
        }
    }

    /** The handler of the listener's one accepted connection: remembers the session for stats. */
    private static final class Accepted implements SrtSession.Handler {
        private final SrtEndpoint endpoint;
        private final SrtSession.Handler handler;

        Accepted(SrtEndpoint endpoint, SrtSession.Handler handler) {
            this.endpoint = endpoint;
            this.handler = handler;
        }

        @Override
        public void connected(SrtSession s) {
            endpoint.session = s;
            handler.connected(s);
        }

        @Override
        public void payload(byte[] payload) {
            handler.payload(payload);
        }

        @Override
        public void ended() {
            handler.ended();
        }

        @Override
        public void failed(IOException error) {
            handler.failed(error);
        }
    }
}
