package dev.liveloom.rtmp;

import dev.liveloom.rtmp.internal.netty.ChunkDecoderHandler;
import dev.liveloom.rtmp.internal.netty.ChunkEncoderHandler;
import dev.liveloom.rtmp.internal.netty.HandshakeCompleted;
import dev.liveloom.rtmp.internal.netty.HandshakeHandler;
import dev.liveloom.rtmp.internal.netty.ServerSession;
import dev.liveloom.rtmp.internal.netty.ServerSession.Hubs;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded RTMP server: publishers and players meet per app/stream; a player that comes first
 * waits for the publisher; a new player starts at the last keyframe; a slow player is disconnected
 * rather than slowing anyone else; the host's {@link RtmpAuthorizer} allows or denies each publish
 * and play. Optionally accepts rtmps:// with a server {@link SslContext}. Runs on the given event
 * loops; {@link #close()} stops listening and closes every connection.
 */
public final class RtmpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtmpServer.class);

    private final RtmpServerConfig config;
    private final Channel serverChannel;
    private final Hubs hubs;
    private final AtomicInteger connections = new AtomicInteger();
    private final io.netty.channel.group.ChannelGroup all;
    private volatile boolean closed;

    private RtmpServer(RtmpServerConfig config, EventLoopGroup group, SslContext tls) throws InterruptedException {
        this.config = config;
        this.hubs = dev.liveloom.rtmp.internal.netty.StreamHubs.create(config.maxGopCacheBytes());
        this.all = new io.netty.channel.group.DefaultChannelGroup(group.next());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 512)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > config.maxConnections()) {
                            log.warn(
                                    "refusing {}: {} connections (the limit)",
                                    ch.remoteAddress(),
                                    config.maxConnections());
                            connections.decrementAndGet();
                            ch.close();
                            return;
                        }
                        all.add(ch);
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        long idle = config.idleTimeout().toMillis();
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS))
                                .addLast(HandshakeHandler.server(new SecureRandom()))
                                .addLast(new ChunkDecoderHandler(config.chunkLimits()))
                                .addLast(new ChunkEncoderHandler())
                                // after the handshake handler, so that it sees HandshakeCompleted
                                .addLast(new HandshakeDeadline(
                                        config.handshakeTimeout().toMillis()))
                                .addLast(new ServerSession(hubs, config));
                    }
                });
        this.serverChannel = b.bind(config.bindHost(), config.port()).sync().channel();
        log.info("RTMP server listening on {}:{}", config.bindHost(), port());
    }

    /** Starts a server for rtmp:// on {@code group}. */
    public static RtmpServer start(RtmpServerConfig config, EventLoopGroup group) throws InterruptedException {
        return new RtmpServer(config, group, null);
    }

    /** Starts a server that speaks rtmps:// (TLS) with {@code tls}. */
    public static RtmpServer startTls(RtmpServerConfig config, EventLoopGroup group, SslContext tls)
            throws InterruptedException {
        return new RtmpServer(config, group, tls);
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** rtmp://host:port/app/stream for this server. */
    public String url(String app, String stream) {
        return "rtmp://" + config.bindHost() + ":" + port() + "/" + app + "/" + stream;
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().syncUninterruptibly();
        all.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Closes a connection that has not finished the handshake in time. */
    private static final class HandshakeDeadline extends ChannelInboundHandlerAdapter {
        private final long millis;
        private io.netty.util.concurrent.ScheduledFuture<?> timer;

        HandshakeDeadline(long millis) {
            this.millis = millis;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            timer = ctx.executor()
                    .schedule(
                            () -> {
                                log.info(
                                        "closing {}: no handshake within {} ms",
                                        ctx.channel().remoteAddress(),
                                        millis);
                                ctx.close();
                            },
                            millis,
                            TimeUnit.MILLISECONDS);
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof HandshakeCompleted && timer != null) {
                timer.cancel(false);
                ctx.pipeline().remove(this);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (timer != null) {
                timer.cancel(false);
            }
            super.channelInactive(ctx);
        }
    }
}
