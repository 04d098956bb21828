package dev.liveloom.core.webhook;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Posts webhooks over Netty, one connection per message ({@code Connection: close}); http and https
 * (JDK TLS with SNI). Reads only the status line; never follows redirects.
 */
public final class NettyWebhookTransport implements WebhookTransport {
    private final EventLoopGroup group;
    private final Duration timeout;
    private final SslContext ssl;

    public NettyWebhookTransport(EventLoopGroup group, Duration timeout) {
        this(group, timeout, null);
    }

    /** With a trust manager for https receivers (tests with self-signed certificates); null for the JDK default. */
    public NettyWebhookTransport(EventLoopGroup group, Duration timeout, TrustManagerFactory trust) {
        this.group = group;
        this.timeout = timeout;
        try {
            this.ssl = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(trust)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for webhooks", e);
        }
    }

    @Override
    public CompletableFuture<Integer> post(URI url, Map<String, String> headers, byte[] body) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            result.completeExceptionally(new IOException("webhook URL must be http(s)"));
            return result;
        }
        boolean tls = scheme.equals("https");
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new HttpClientCodec())
                                .addLast(new StatusHandler(result));
                    }
                });
        b.connect(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new IOException(
                        "connect to " + host + ":" + port + " failed: "
                                + f.cause().getMessage(),
                        f.cause()));
                return;
            }
            Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            if (url.getRawQuery() != null) {
                path += "?" + url.getRawQuery();
            }
            FullHttpRequest req = new DefaultFullHttpRequest(
                    HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
            req.headers().set(HttpHeaderNames.HOST, url.getPort() > 0 ? host + ":" + port : host);
            req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            req.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            req.headers().set(HttpHeaderNames.USER_AGENT, "liveloom");
            headers.forEach((k, v) -> req.headers().set(k, v));
            ch.writeAndFlush(req).addListener(w -> {
                if (!w.isSuccess()) {
                    result.completeExceptionally(new IOException(
                            "sending webhook failed: " + w.cause().getMessage(), w.cause()));
                    ch.close();
                }
            });
            ch.closeFuture()
                    .addListener(
                            c -> result.completeExceptionally(new IOException("connection closed before a response")));
        });
        return result;
    }

    /** Completes with the response status, then closes. */
    private static final class StatusHandler extends SimpleChannelInboundHandler<Object> {
        private final CompletableFuture<Integer> result;

        StatusHandler(CompletableFuture<Integer> result) {
            super(false);
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpResponse) {
                    result.complete(((HttpResponse) msg).status().code());
                    ctx.close();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            String what = cause instanceof io.netty.handler.timeout.ReadTimeoutException
                    ? "timed out"
                    : String.valueOf(cause.getMessage());
            result.completeExceptionally(new IOException("webhook " + what, cause));
            ctx.close();
        }
    }
}
