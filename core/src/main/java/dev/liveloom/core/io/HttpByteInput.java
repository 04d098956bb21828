package dev.liveloom.core.io;

import dev.liveloom.core.io.internal.RangeFetcher;
import dev.liveloom.core.runtime.LiveloomRuntime;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * An http(s) URL as a {@link ByteInput}, fetched with streaming {@code Range: bytes=<pos>-} GETs on
 * the runtime's event loop (no thread per download).
 *
 * <ul>
 *   <li>A read that misses starts a request at the first missing byte, or lets the running one go
 *       on when it will get there within the read-ahead window; a far seek (an MP4 {@code moov} at
 *       the end) aborts it and opens a new range request.
 *   <li>206 gives the total length from {@code Content-Range}; 200 (Range ignored) is read from the
 *       start, skipping at most {@link RangeFetcher#MAX_SKIP_WITHOUT_RANGE} bytes; 416 past the end
 *       reads as the end; without a known length (chunked) {@link #length()} is -1 until the end.
 *   <li>Redirects 301/302/303/307/308 are followed up to {@link HttpInputOptions#maxRedirects()},
 *       never to another scheme; later requests go to the redirect target.
 *   <li>Reading from the socket pauses once {@link HttpInputOptions#readAhead()} bytes lie beyond
 *       the last read; held memory is that window plus what was read and not {@link #release}d.
 *   <li>Any error (HTTP status, timeout, refused, reset, TLS) fails the input for good: {@link
 *       #ready()} completes exceptionally and reads throw, with the redacted URL in the message.
 * </ul>
 *
 * <p>Threads: {@code read}, {@code ready}, {@code release} and {@code close} may be called from any
 * thread (one consumer at a time is the intended use) while event-loop callbacks fill the buffers;
 * shared state is synchronized. {@code ready()} futures complete on an event-loop thread, so their
 * callbacks must not block.
 */
public final class HttpByteInput implements ByteInput {
    private final RangeFetcher fetcher;

    private HttpByteInput(RangeFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * Prepares the input; the first request starts with the first read.
     *
     * @throws IllegalArgumentException when the URL is not http(s) with a host
     */
    public static HttpByteInput open(URI uri, HttpInputOptions options, LiveloomRuntime runtime) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + dev.liveloom.core.log.Redaction.url(uri));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL without a host: " + dev.liveloom.core.log.Redaction.url(uri));
        }
        SslContext ssl = null;
        if (scheme.equals("https")) {
            try {
                SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
                if (options.trustManager() != null) {
                    b.trustManager(options.trustManager());
                }
                ssl = b.build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return new HttpByteInput(new RangeFetcher(
                uri,
                options.headers(),
                options.maxRedirects(),
                options.readAhead(),
                options.connectTimeout(),
                options.readTimeout(),
                ssl,
                runtime));
    }

    /** Opens with default options on the {@link LiveloomRuntime#shared() shared} runtime. */
    public static HttpByteInput open(URI uri) {
        return open(uri, HttpInputOptions.defaults(), LiveloomRuntime.shared());
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
        return fetcher.read(position, length);
    }

    @Override
    public CompletableFuture<Void> ready() {
        return fetcher.ready();
    }

    @Override
    public long length() {
        return fetcher.length();
    }

    @Override
    public void release(long position) {
        fetcher.release(position);
    }

    @Override
    public String name() {
        return fetcher.name();
    }

    /** Bytes held in memory now (diagnostics and tests). */
    public long bufferedBytes() {
        return fetcher.bufferedBytes();
    }

    /** HTTP requests sent so far, redirects included (diagnostics and tests). */
    public long requests() {
        return fetcher.requests();
    }

    @Override
    public void close() {
        fetcher.close();
    }

    @Override
    public String toString() {
        return "HttpByteInput[" + name() + "]";
    }
}
