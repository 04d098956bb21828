package dev.liveloom.core.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted HTTP(S) server on loopback for client tests: serves byte arrays, files or generated
 * bytes at paths with Range support (206/416), and per route can ignore Range (always 200), answer
 * chunked without a length, redirect, fail with a status, stall (read the request and never answer)
 * or trickle slowly. It logs every request and counts body bytes handed to the socket, which honours
 * back-pressure (a client that stops reading stops the server after the socket buffers fill).
 */
public final class TestHttpServer implements AutoCloseable {
    /** Body bytes per write; small enough that back-pressure is felt within a few pieces. */
    private static final int PIECE = 16 * 1024;

    private static final AttributeKey<String> SNI = AttributeKey.valueOf("liveloom.test.sni");

    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("test-http-boss", true));
    private final EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("test-http", true));
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final boolean tls;
    private final Channel server;
    private final int port;

    /** One logged request. {@code sni} is the TLS server name the client sent, null without TLS or SNI. */
    public record Request(String method, String uri, String path, Map<String, String> headers, String sni) {
        public String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }

        public String range() {
            return header("Range");
        }
    }

    /** What a path answers; the modifiers apply to body routes. */
    public static final class Route {
        private final Kind kind;
        private final Body body;
        private final int status;
        private final String location;
        private final AtomicLong sent = new AtomicLong();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private volatile boolean noRange;
        private volatile boolean chunked;
        private volatile int trickleBytes;
        private volatile long tricklePeriodNanos;
        private volatile long cutAfter = -1;
        private volatile long stallAfter = -1;

        private Route(Kind kind, Body body, int status, String location) {
            this.kind = kind;
            this.body = body;
            this.status = status;
            this.location = location;
        }

        /** Ignore Range headers: always 200 with the whole body. */
        public Route noRange() {
            this.noRange = true;
            return this;
        }

        /** Answer 200 with chunked transfer coding and no length, ignoring Range. */
        public Route chunked() {
            this.chunked = true;
            this.noRange = true;
            return this;
        }

        /** Send {@code bytes} body bytes every {@code period}. */
        public Route trickle(int bytes, Duration period) {
            this.trickleBytes = bytes;
            this.tricklePeriodNanos = period.toNanos();
            return this;
        }

        /** Close the connection (with a TCP reset) after {@code bytes} body bytes of each response. */
        public Route cutAfter(long bytes) {
            this.cutAfter = bytes;
            return this;
        }

        /** Stop sending after {@code bytes} body bytes of each response, keeping the connection open. */
        public Route stallAfter(long bytes) {
            this.stallAfter = bytes;
            return this;
        }

        public Route header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Body bytes handed to the socket so far. */
        public long bytesSent() {
            return sent.get();
        }
    }

    private enum Kind {
        BODY,
        REDIRECT,
        STATUS,
        STALL
    }

    private interface Body {
        long length();

        void copy(long position, byte[] dst, int len);
    }

    /** Body bytes made on demand, by position (for endless bodies). */
    @FunctionalInterface
    public interface BodySource {
        /** Fills {@code dst[0, len)} with the body's bytes from {@code position}. */
        void copy(long position, byte[] dst, int len);
    }

    private TestHttpServer(SslContext sslContext, int sendBuffer) {
        this.tls = sslContext != null;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        if (sslContext != null) {
                            ch.pipeline().addLast(new SniHandler(host -> sslContext));
                        }
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast(new Handler());
                    }
                });
        if (sendBuffer > 0) {
            b.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        this.server = b.bind("127.0.0.1", 0).syncUninterruptibly().channel();
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** A plain HTTP server on 127.0.0.1. */
    public static TestHttpServer start() {
        return new TestHttpServer(null, 0);
    }

    /**
     * @param sslContext server TLS context, or null for plain HTTP
     * @param sendBuffer the accepted sockets' SO_SNDBUF in bytes, 0 for the system default
     */
    public static TestHttpServer start(SslContext sslContext, int sendBuffer) {
        return new TestHttpServer(sslContext, sendBuffer);
    }

    public int port() {
        return port;
    }

    /** {@code http(s)://127.0.0.1:<port><path>}. */
    public URI url(String path) {
        return url("127.0.0.1", path);
    }

    /** The URL with another host name for the loopback address, e.g. "localhost" for SNI tests. */
    public URI url(String host, String path) {
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port + path);
    }

    public Route serve(String path, byte[] body) {
        return add(path, new Route(Kind.BODY, arrayBody(body), 200, null));
    }

    public Route serve(String path, Path file) {
        try {
            return serve(path, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code length} bytes where byte {@code i} is {@link #patternByte(long) patternByte(i)}. */
    public Route serveGenerated(String path, long length) {
        return add(path, new Route(Kind.BODY, generatedBody(length), 200, null));
    }

    /**
     * Serves a body that never ends, made by {@code source}: chunked, no length, Range ignored (a
     * live HTTP-FLV stream). Combine with {@link Route#trickle} to pace it.
     */
    public Route serveEndless(String path, BodySource source) {
        Body endless = new Body() {
            @Override
            public long length() {
                return Long.MAX_VALUE;
            }

            @Override
            public void copy(long position, byte[] dst, int len) {
                source.copy(position, dst, len);
            }
        };
        return add(path, new Route(Kind.BODY, endless, 200, null)).chunked();
    }

    /** The generated body's byte at {@code position}: varies with position so misplaced bytes show. */
    public static byte patternByte(long position) {
        long x = position * 0x9E3779B97F4A7C15L;
        return (byte) ((x >>> 56) ^ (position >>> 16));
    }

    public Route redirect(String path, int status, String location) {
        return add(path, new Route(Kind.REDIRECT, null, status, location));
    }

    public Route status(String path, int status) {
        return add(path, new Route(Kind.STATUS, null, status, null));
    }

    /** Reads the request and never answers. */
    public Route stall(String path) {
        return add(path, new Route(Kind.STALL, null, 0, null));
    }

    private Route add(String path, Route r) {
        routes.put(path, r);
        return r;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests to one path (query ignored). */
    public List<Request> requests(String path) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Body arrayBody(byte[] a) {
        return new Body() {
            @Override
            public long length() {
                return a.length;
            }

            @Override
            public void copy(long position, byte[] dst, int len) {
                System.arraycopy(a, (int) position, dst, 0, len);
            }
        };
    }

    private static Body generatedBody(long length) {
        return new Body() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void copy(long position, byte[] dst, int len) {
                for (int i = 0; i < len; i++) {
                    dst[i] = patternByte(position + i);
                }
            }
        };
    }

    private final class Handler extends SimpleChannelInboundHandler<HttpRequest> {
        private Transfer transfer;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SniCompletionEvent) {
                ctx.channel().attr(SNI).set(((SniCompletionEvent) evt).hostname());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpRequest req) {
            QueryStringDecoder qs = new QueryStringDecoder(req.uri());
            Map<String, String> h = new LinkedHashMap<>();
            req.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
            requests.add(new Request(
                    req.method().name(),
                    req.uri(),
                    qs.path(),
                    h,
                    ctx.channel().attr(SNI).get()));
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            Route r = routes.get(qs.path());
            if (r == null) {
                empty(ctx, HttpResponseStatus.NOT_FOUND, keepAlive, null);
                return;
            }
            switch (r.kind) {
                case STALL -> {}
                case STATUS -> empty(ctx, HttpResponseStatus.valueOf(r.status), keepAlive, null);
                case REDIRECT -> empty(ctx, HttpResponseStatus.valueOf(r.status), keepAlive, r.location);
                case BODY -> body(ctx, req, r, keepAlive);
            }
        }

        private void empty(ChannelHandlerContext ctx, HttpResponseStatus status, boolean keepAlive, String location) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            if (location != null) {
                res.headers().set(HttpHeaderNames.LOCATION, location);
            }
            finish(ctx, ctx.writeAndFlush(res), keepAlive);
        }

        private void finish(ChannelHandlerContext ctx, io.netty.channel.ChannelFuture f, boolean keepAlive) {
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void body(ChannelHandlerContext ctx, HttpRequest req, Route r, boolean keepAlive) {
            long total = r.body.length();
            long first = 0;
            long last = total - 1;
            HttpResponseStatus status = HttpResponseStatus.OK;
            String range = req.headers().get(HttpHeaderNames.RANGE);
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
            if (range != null && !r.noRange) {
                long[] fl = parseRange(range, total);
                if (fl == null) {
                    FullHttpResponse bad = new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
                    bad.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + total);
                    bad.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                    finish(ctx, ctx.writeAndFlush(bad), keepAlive);
                    return;
                }
                first = fl[0];
                last = fl[1];
                res.setStatus(HttpResponseStatus.PARTIAL_CONTENT);
                res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + total);
            }
            res.headers().set(HttpHeaderNames.ACCEPT_RANGES, r.noRange ? "none" : "bytes");
            if (r.chunked) {
                res.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                res.headers().set(HttpHeaderNames.CONTENT_LENGTH, last - first + 1);
            }
            r.headers.forEach((k, v) -> res.headers().set(k, v));
            ctx.write(res);
            transfer = new Transfer(ctx, r, first, last + 1, keepAlive);
            transfer.pump();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (transfer != null && ctx.channel().isWritable()) {
                transfer.pump();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (transfer != null) {
                transfer.done = true;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One response body being written, paced by writability or the trickle period. */
    private static final class Transfer {
        private final ChannelHandlerContext ctx;
        private final Route route;
        private final long end;
        private final boolean keepAlive;
        private long pos;
        private long written;
        private boolean done;
        private boolean scheduled;

        Transfer(ChannelHandlerContext ctx, Route route, long pos, long end, boolean keepAlive) {
            this.ctx = ctx;
            this.route = route;
            this.pos = pos;
            this.end = end;
            this.keepAlive = keepAlive;
        }

        void pump() {
            while (!done
                    && !scheduled
                    && ctx.channel().isActive()
                    && ctx.channel().isWritable()
                    && pos < end) {
                boolean trickle = route.trickleBytes > 0;
                int n = (int) Math.min(trickle ? route.trickleBytes : PIECE, end - pos);
                if (route.stallAfter >= 0) {
                    n = (int) Math.min(n, route.stallAfter - written);
                    if (n <= 0) {
                        // keep the connection, send nothing more
                        done = true;
                        ctx.flush();
                        return;
                    }
                }
                if (route.cutAfter >= 0) {
                    n = (int) Math.min(n, route.cutAfter - written);
                    if (n <= 0) {
                        done = true;
                        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                        ctx.flush();
                        ctx.close();
                        return;
                    }
                }
                byte[] tmp = new byte[n];
                route.body.copy(pos, tmp, n);
                ByteBuf buf = ctx.alloc().buffer(n).writeBytes(tmp);
                pos += n;
                written += n;
                route.sent.addAndGet(n);
                ctx.writeAndFlush(new DefaultHttpContent(buf));
                if (trickle && pos < end) {
                    scheduled = true;
                    ctx.executor()
                            .schedule(
                                    () -> {
                                        scheduled = false;
                                        pump();
                                    },
                                    route.tricklePeriodNanos,
                                    TimeUnit.NANOSECONDS);
                    return;
                }
            }
            if (!done && pos >= end) {
                done = true;
                io.netty.channel.ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) {
                    f.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }

    /** {@code bytes=a-}, {@code bytes=a-b} or {@code bytes=-n} against {@code total}; null when unsatisfiable. */
    static long[] parseRange(String header, long total) {
        String v = header.trim();
        if (!v.startsWith("bytes=") || v.indexOf(',') >= 0) {
            return new long[] {0, total - 1};
        }
        String spec = v.substring(6);
        int dash = spec.indexOf('-');
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        long first;
        long last;
        if (a.isEmpty()) {
            long n = Long.parseLong(b);
            first = Math.max(0, total - n);
            last = total - 1;
        } else {
            first = Long.parseLong(a);
            last = b.isEmpty() ? total - 1 : Math.min(Long.parseLong(b), total - 1);
        }
        if (first >= total || first > last) {
            return null;
        }
        return new long[] {first, last};
    }
}
