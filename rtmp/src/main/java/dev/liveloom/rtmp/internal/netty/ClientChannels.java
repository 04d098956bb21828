package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.core.runtime.EventLoops;
import dev.liveloom.rtmp.handshake.HandshakeMode;
import dev.liveloom.rtmp.url.RtmpUrl;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Connects an RTMP client session: TLS for rtmps:// (JDK provider, SNI, host name checked), the
 * digest handshake, the chunk decoder and encoder, then the session handler.
 */
public final class ClientChannels {
    private ClientChannels() {}

    /** The TLS context for {@code url}, or null for plain rtmp://. */
    public static SslContext tls(RtmpUrl url, TrustManagerFactory trust) throws SSLException {
        if (!url.tls()) {
            return null;
        }
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(trust)
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }

    /** Starts connecting; the pipeline ends in {@code session}. */
    public static ChannelFuture connect(
            RtmpUrl url, EventLoopGroup group, SslContext ssl, Duration connectTimeout, RtmpConnection session) {
        return new Bootstrap()
                .group(EventLoops.preferCurrent(group))
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), url.host(), url.port()));
                        }
                        ch.pipeline()
                                .addLast(HandshakeHandler.client(HandshakeMode.DIGEST, new SecureRandom()))
                                .addLast(new ChunkDecoderHandler())
                                .addLast(new ChunkEncoderHandler())
                                .addLast(session);
                    }
                })
                .connect(url.host(), url.port());
    }
}
