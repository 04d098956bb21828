package dev.liveloom.core.io.internal;

import dev.liveloom.core.runtime.Clock;
import dev.liveloom.core.runtime.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One HTTP(S) GET with {@code Range: bytes=<position>-} on its own connection, streaming the body
 * to a {@link Listener} without aggregating it. Reading can be paused (autoRead off) to bound what
 * is buffered; while not paused, a silence longer than the read timeout fails the request. All
 * listener calls come from the connection's event loop; once one of {@code onEnd}/{@code onFailure}
 * was called, or after {@link #close()}, none follows.
 */
public final class RangeConnection {
    /** Longest status line we accept from a server. */
    private static final int MAX_INITIAL_LINE = 8192;
    /** Largest response header block we accept (redirect URLs with signatures can be long). */
    private static final int MAX_HEADER_SIZE = 65536;
    /** Largest body piece the decoder hands over at once; pieces are then merged per socket read. */
    private static final int MAX_CHUNK = 65536;

    /** Events of one request, called on the event loop. */
    public interface Listener {
        void onResponse(RangeConnection c, HttpResponse response);

        /** Body bytes in order; the array is the listener's to keep. */
        void onData(RangeConnection c, byte[] data);

        void onEnd(RangeConnection c);

        void onFailure(RangeConnection c, IOException e);
    }

    private final URI uri;
    private final String label;
    private final long position;
    private final Listener listener;
    private final Clock clock;
    private final long readTimeoutNanos;
    private volatile Channel channel;
    // event-loop confined from here on
    private boolean done;
    private boolean paused;
    private long lastActivity;
    private ScheduledFuture<?> timer;
    /** Body pieces of the current socket read, retained; copied once into one array at flush. */
    private final java.util.ArrayList<ByteBuf> pending = new java.util.ArrayList<>(4);

    private int pendingBytes;

    private RangeConnection(
            URI uri, String label, long position, Listener listener, Clock clock, long readTimeoutNanos) {
        this.uri = uri;
        this.label = label;
        this.position = position;
        this.listener = listener;
        this.clock = clock;
        this.readTimeoutNanos = readTimeoutNanos;
    }

    /**
     * Starts the request.
     *
     * @param label the redacted "GET url" that prefixes every error message
     * @param sslContext client context for https, ignored for http
     */
    public static RangeConnection open(
            URI uri,
            String label,
            long position,
            Map<String, String> headers,
            SslContext sslContext,
            EventLoopGroup group,
            Clock clock,
            long connectTimeoutMillis,
            long readTimeoutNanos,
            Listener listener) {
        RangeConnection c = new RangeConnection(uri, label, position, listener, clock, readTimeoutNanos);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String host = hostOf(uri);
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        Bootstrap b = new Bootstrap()
                .group(EventLoops.preferCurrent(group))
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .option(ChannelOption.AUTO_READ, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls) {
                            SslHandler ssl = sslContext.newHandler(ch.alloc(), host, port);
                            SSLEngine engine = ssl.engine();
                            SSLParameters p = engine.getSSLParameters();
                            p.setEndpointIdentificationAlgorithm("HTTPS");
                            if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
                                p.setServerNames(List.of(new SNIHostName(host)));
                            }
                            engine.setSSLParameters(p);
                            ssl.setHandshakeTimeout(readTimeoutNanos, TimeUnit.NANOSECONDS);
                            ch.pipeline().addLast("ssl", ssl);
                        }
                        ch.pipeline()
                                .addLast("http", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK));
                        ch.pipeline().addLast("range", c.new Handler(request(uri, host, port, tls, position, headers)));
                    }
                });
        ChannelFuture f = b.connect(host, port);
        c.channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                c.fail(connectError(label, host, port, connectTimeoutMillis, done.cause()));
            }
        });
        return c;
    }

    /** The position the request asked for. */
    public long position() {
        return position;
    }

    public URI uri() {
        return uri;
    }

    /** Stops reading from the socket (the read timeout is suspended meanwhile). */
    public void pause() {
        Channel ch = channel;
        Runnable r = () -> {
            paused = true;
            ch.config().setAutoRead(false);
        };
        if (ch.eventLoop().inEventLoop()) {
            // at once, so the socket read loop in progress stops too
            r.run();
        } else {
            ch.eventLoop().execute(r);
        }
    }

    public void resume() {
        Channel ch = channel;
        ch.eventLoop().execute(() -> {
            if (paused) {
                paused = false;
                lastActivity = clock.nanoTime();
                ch.config().setAutoRead(true);
            }
        });
    }

    /** Aborts the request; no listener call follows. Safe to call twice and from any thread. */
    public void close() {
        Channel ch = channel;
        ch.eventLoop().execute(() -> {
            finish();
            ch.close();
        });
    }

    private void finish() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void fail(IOException e) {
        Channel ch = channel;
        if (!ch.eventLoop().inEventLoop()) {
            ch.eventLoop().execute(() -> fail(e));
            return;
        }
        if (done) {
            return;
        }
        finish();
        ch.close();
        listener.onFailure(this, e);
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        byte[] data = done ? null : new byte[pendingBytes];
        int at = 0;
        for (ByteBuf b : pending) {
            int n = b.readableBytes();
            if (data != null) {
                b.getBytes(b.readerIndex(), data, at, n);
            }
            at += n;
            b.release();
        }
        pending.clear();
        pendingBytes = 0;
        if (data != null) {
            listener.onData(this, data);
        }
    }

    private void checkTimeout() {
        timer = null;
        if (done) {
            return;
        }
        long idle = clock.nanoTime() - lastActivity;
        if (!paused && idle >= readTimeoutNanos) {
            fail(new IOException(label + ": no data within the read timeout of "
                    + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms"));
            return;
        }
        long wait = paused ? readTimeoutNanos : readTimeoutNanos - idle;
        timer = channel.eventLoop().schedule(this::checkTimeout, Math.max(wait, 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private final FullHttpRequest request;

        Handler(FullHttpRequest request) {
            this.request = request;
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (request.refCnt() > 0) {
                request.release();
            }
            for (ByteBuf b : pending) {
                b.release();
            }
            pending.clear();
            pendingBytes = 0;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (done) {
                ctx.close();
                return;
            }
            lastActivity = clock.nanoTime();
            timer = ctx.executor().schedule(RangeConnection.this::checkTimeout, readTimeoutNanos, TimeUnit.NANOSECONDS);
            ctx.writeAndFlush(request.retain()).addListener(w -> {
                if (!w.isSuccess()) {
                    fail(ioError(label + ": sending the request failed", w.cause()));
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (done) {
                return;
            }
            lastActivity = clock.nanoTime();
            if (msg.decoderResult().isFailure()) {
                flush();
                fail(ioError(
                        label + ": malformed or cut-off response",
                        msg.decoderResult().cause()));
                return;
            }
            if (msg instanceof HttpResponse) {
                listener.onResponse(RangeConnection.this, (HttpResponse) msg);
            }
            if (done) {
                return;
            }
            if (msg instanceof HttpContent) {
                ByteBuf content = ((HttpContent) msg).content();
                if (content.isReadable()) {
                    pending.add(content.retain());
                    pendingBytes += content.readableBytes();
                }
                if (pendingBytes >= MAX_CHUNK * 4) {
                    flush();
                }
            }
            if (msg instanceof LastHttpContent) {
                flush();
                if (!done) {
                    finish();
                    ctx.close();
                    listener.onEnd(RangeConnection.this);
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            flush();
            if (!done) { // every connection closes: build the exception only when it means something
                fail(new IOException(label + ": connection closed before the response ended"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent && !((SslHandshakeCompletionEvent) evt).isSuccess()) {
                fail(ioError(label + ": TLS handshake failed", ((SslHandshakeCompletionEvent) evt).cause()));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            flush();
            fail(ioError(label, cause));
        }
    }

    private static FullHttpRequest request(
            URI uri, String host, int port, boolean tls, long position, Map<String, String> headers) {
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        boolean defaultPort = port == (tls ? 443 : 80);
        String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        r.headers().set(HttpHeaderNames.HOST, defaultPort ? hostHeader : hostHeader + ":" + port);
        headers.forEach((k, v) -> r.headers().set(k, v));
        r.headers().set(HttpHeaderNames.RANGE, "bytes=" + position + "-");
        r.headers().set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (uri.getRawUserInfo() != null) {
            String user = uri.getUserInfo();
            r.headers()
                    .set(
                            HttpHeaderNames.AUTHORIZATION,
                            "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        return r;
    }

    static String hostOf(URI uri) {
        String h = uri.getHost();
        if (h != null && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    private static IOException connectError(String label, String host, int port, long timeoutMillis, Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return new IOException(label + ": connect timed out after " + timeoutMillis + " ms", t);
        }
        if (t instanceof UnknownHostException) {
            return new IOException(label + ": unknown host " + host, t);
        }
        if (t instanceof ConnectException) {
            return new IOException(label + ": connection refused by " + host + ":" + port, t);
        }
        return ioError(label + ": connecting to " + host + ":" + port + " failed", t);
    }

    private static IOException ioError(String prefix, Throwable t) {
        String detail = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t && root.getMessage() != null) {
            detail = detail + " (" + root.getMessage() + ")";
        }
        return new IOException(prefix + ": " + dev.liveloom.core.log.Redaction.text(detail), t);
    }
}
