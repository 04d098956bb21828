package dev.liveloom.core.io.internal;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.runtime.LiveloomRuntime;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The state and policy behind {@code HttpByteInput}: which range request to run, what to keep, when
 * to pause, how to read status codes and redirects. One consumer thread calls {@link #read} and
 * {@link #ready()} while event-loop callbacks add bytes; every field is guarded by {@code this}.
 * Futures are completed outside the lock.
 */
public final class RangeFetcher implements RangeConnection.Listener {
    /**
     * Farthest we skip into a body when a server answers a Range request with 200 (whole body):
     * 16 MiB is a few seconds of high-bitrate video, about what a reconnect costs; past that,
     * reading through the body from the start is too slow and too costly to do silently.
     */
    public static final long MAX_SKIP_WITHOUT_RANGE = 16L << 20;

    private final URI original;
    private final String name;
    private final Map<String, String> headers;
    private final int maxRedirects;
    private final int readAhead;
    private final long connectTimeoutMillis;
    private final long readTimeoutNanos;
    private final SslContext sslContext;
    private final LiveloomRuntime runtime;
    private final ChunkStore store = new ChunkStore();

    private URI current;
    private long length = -1;
    private IOException failure;
    private boolean closed;
    private Stream active;
    /** End of the range the consumer asked for last: read-ahead is counted from here. */
    private long consumerPos;
    /** The range a null read is waiting for; waitEnd < 0 when nobody waits. */
    private long waitPos;

    private long waitEnd = -1;
    private CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
    private long requests;

    /** One range request and where its bytes go. */
    private static final class Stream {
        RangeConnection conn;
        final long requestPos;
        /** Position of the next stored byte. */
        long nextPos;
        /** Leading body bytes to drop (server ignored Range). */
        long skip;

        int redirects;
        boolean paused;

        Stream(long requestPos, int redirects) {
            this.requestPos = requestPos;
            this.nextPos = requestPos;
            this.redirects = redirects;
        }
    }

    public RangeFetcher(
            URI uri,
            Map<String, String> headers,
            int maxRedirects,
            int readAhead,
            Duration connectTimeout,
            Duration readTimeout,
            SslContext sslContext,
            LiveloomRuntime runtime) {
        this.original = uri;
        this.current = uri;
        this.name = Redaction.url(uri);
        this.headers = headers;
        this.maxRedirects = maxRedirects;
        this.readAhead = readAhead;
        this.connectTimeoutMillis = connectTimeout.toMillis();
        this.readTimeoutNanos = readTimeout.toNanos();
        this.sslContext = sslContext;
        this.runtime = runtime;
    }

    public String name() {
        return name;
    }

    public URI uri() {
        return original;
    }

    public ByteBuffer read(long pos, int len) throws IOException {
        if (pos < 0 || len < 0) {
            throw new IllegalArgumentException("position " + pos + ", length " + len);
        }
        synchronized (this) {
            check();
            if (length >= 0 && pos >= length) {
                return ByteBuffer.allocate(0).asReadOnlyBuffer();
            }
            long end = length >= 0 ? Math.min(pos + len, length) : pos + len;
            consumerPos = end;
            ByteBuffer b = store.read(pos, (int) (end - pos));
            if (b != null) {
                if (active != null && active.paused && active.nextPos - consumerPos < readAhead * 3L / 4) {
                    active.paused = false;
                    active.conn.resume();
                }
                return b;
            }
            long miss = store.coveredEnd(pos);
            ensureStream(miss);
            waitPos = pos;
            waitEnd = end;
            if (ready.isDone()) {
                ready = new CompletableFuture<>();
            }
            return null;
        }
    }

    public synchronized CompletableFuture<Void> ready() {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        return ready;
    }

    public synchronized long length() {
        return length;
    }

    public synchronized void release(long pos) {
        store.releaseBefore(pos);
    }

    /** Bytes held in memory now. */
    public synchronized long bufferedBytes() {
        return store.heldBytes();
    }

    /** Requests started so far, redirects included. */
    public synchronized long requests() {
        return requests;
    }

    public void close() {
        CompletableFuture<Void> r;
        IOException e;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            abortActive();
            store.clear();
            e = new IOException(name + ": closed");
            r = ready;
            waitEnd = -1;
        }
        r.completeExceptionally(e);
    }

    private void check() throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (closed) {
            throw new IOException(name + ": closed");
        }
    }

    /** Makes sure a request is bringing the byte at {@code miss}: reuses the active one if it gets there soon. */
    private void ensureStream(long miss) {
        if (active != null) {
            long gap = miss - active.nextPos;
            if (gap >= 0 && gap <= readAhead) {
                if (active.paused) {
                    active.paused = false;
                    active.conn.resume();
                }
                return;
            }
            abortActive();
        }
        start(new Stream(miss, 0), current);
    }

    private void start(Stream s, URI uri) {
        active = s;
        requests++;
        s.conn = RangeConnection.open(
                uri,
                "GET " + Redaction.url(uri),
                s.requestPos,
                headers,
                sslContext,
                runtime.eventLoopGroup(),
                runtime.clock(),
                connectTimeoutMillis,
                readTimeoutNanos,
                this);
    }

    private void abortActive() {
        if (active != null) {
            active.conn.close();
            active = null;
        }
    }

    private Stream streamOf(RangeConnection c) {
        return active != null && active.conn == c && !closed ? active : null;
    }

    @Override
    public void onResponse(RangeConnection c, HttpResponse response) {
        CompletableFuture<Void> wake = null;
        synchronized (this) {
            Stream s = streamOf(c);
            if (s == null) {
                return;
            }
            String label = "GET " + Redaction.url(c.uri());
            int code = response.status().code();
            try {
                switch (code) {
                    case 301, 302, 303, 307, 308 -> redirect(s, c, response, label);
                    case 206 -> partial(s, response, label);
                    case 200 -> wake = whole(s, c, response, label);
                    case 416 -> wake = unsatisfiable(s, c, response, label);
                    default -> throw new IOException(
                            label + ": HTTP " + code + " " + response.status().reasonPhrase());
                }
            } catch (IOException e) {
                wake = failLocked(e);
            }
        }
        if (wake != null) {
            completeOutside(wake);
        }
    }

    private void redirect(Stream s, RangeConnection c, HttpResponse response, String label) throws IOException {
        String location = response.headers().get(HttpHeaderNames.LOCATION);
        if (location == null) {
            throw new IOException(label + ": HTTP " + response.status().code() + " without a Location header");
        }
        if (s.redirects >= maxRedirects) {
            throw new IOException(label + ": too many redirects (limit " + maxRedirects + ")");
        }
        URI next;
        try {
            next = c.uri().resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(label + ": malformed redirect Location " + Redaction.text(location), e);
        }
        String from = c.uri().getScheme().toLowerCase(java.util.Locale.ROOT);
        String to = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!from.equals(to)) {
            throw new IOException(label + ": refusing redirect from " + from + " to another scheme: "
                    + Redaction.url(next.toString()));
        }
        if (next.getHost() == null) {
            throw new IOException(label + ": redirect Location without a host: " + Redaction.url(next.toString()));
        }
        c.close();
        current = next;
        Stream n = new Stream(s.requestPos, s.redirects + 1);
        start(n, next);
    }

    private void partial(Stream s, HttpResponse response, String label) throws IOException {
        String v = response.headers().get(HttpHeaderNames.CONTENT_RANGE);
        ContentRange cr = ContentRange.read(v);
        if (cr == null || cr.unsatisfied()) {
            throw new IOException(label + ": HTTP 206 with a malformed Content-Range: " + v);
        }
        if (cr.first() != s.requestPos) {
            throw new IOException(
                    label + ": asked for bytes from " + s.requestPos + ", the server sent bytes from " + cr.first());
        }
        if (cr.complete() >= 0) {
            setLength(cr.complete(), label);
        }
    }

    private CompletableFuture<Void> whole(Stream s, RangeConnection c, HttpResponse response, String label)
            throws IOException {
        String cl = response.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (cl != null) {
            try {
                setLength(Long.parseLong(cl.trim()), label);
            } catch (NumberFormatException e) {
                throw new IOException(label + ": malformed Content-Length " + cl, e);
            }
        }
        if (length >= 0 && s.requestPos >= length) {
            c.close();
            active = null;
            return takeWaiter();
        }
        if (s.requestPos > MAX_SKIP_WITHOUT_RANGE) {
            throw new IOException(label + ": the server ignored the Range request (HTTP 200) and byte "
                    + s.requestPos + " is beyond the " + (MAX_SKIP_WITHOUT_RANGE >> 20)
                    + " MiB we skip through (MAX_SKIP_WITHOUT_RANGE)");
        }
        s.skip = s.requestPos;
        return null;
    }

    private CompletableFuture<Void> unsatisfiable(Stream s, RangeConnection c, HttpResponse response, String label)
            throws IOException {
        ContentRange cr = ContentRange.read(response.headers().get(HttpHeaderNames.CONTENT_RANGE));
        if (cr != null && cr.complete() >= 0) {
            setLength(cr.complete(), label);
        } else if (length < 0) {
            // no total given: all we know is that the resource ends at or before this byte
            length = s.requestPos;
        }
        if (s.requestPos < length) {
            throw new IOException(label + ": HTTP 416 for byte " + s.requestPos + " of " + length);
        }
        c.close();
        active = null;
        return takeWaiter();
    }

    private void setLength(long total, String label) throws IOException {
        if (length >= 0 && length != total) {
            throw new IOException(label + ": the length changed from " + length + " to " + total);
        }
        length = total;
    }

    @Override
    public void onData(RangeConnection c, byte[] data) {
        CompletableFuture<Void> wake = null;
        synchronized (this) {
            Stream s = streamOf(c);
            if (s == null) {
                return;
            }
            int off = 0;
            if (s.skip > 0) {
                off = (int) Math.min(s.skip, data.length);
                s.skip -= off;
            }
            int n = data.length - off;
            if (n > 0) {
                if (off == 0) {
                    store.add(s.nextPos, data);
                } else {
                    store.add(s.nextPos, data, off, n);
                }
                s.nextPos += n;
            }
            if (!s.paused && s.nextPos - consumerPos >= readAhead) {
                s.paused = true;
                c.pause();
            }
            if (waitEnd >= 0 && store.coveredEnd(waitPos) >= (length >= 0 ? Math.min(waitEnd, length) : waitEnd)) {
                wake = takeWaiter();
            }
        }
        if (wake != null) {
            completeOutside(wake);
        }
    }

    @Override
    public void onEnd(RangeConnection c) {
        CompletableFuture<Void> wake;
        synchronized (this) {
            Stream s = streamOf(c);
            if (s == null) {
                return;
            }
            active = null;
            String label = "GET " + Redaction.url(c.uri());
            if (s.skip > 0) {
                wake = failLocked(new IOException(label + ": the body ended at byte " + (s.requestPos - s.skip)
                        + ", before the requested byte " + s.requestPos));
            } else if (length < 0) {
                // an open-ended range runs to the end of the resource: now we know where that is
                length = s.nextPos;
                wake = takeWaiter();
            } else if (s.nextPos < length) {
                wake = failLocked(
                        new IOException(label + ": the response ended at byte " + s.nextPos + " of " + length));
            } else {
                wake = takeWaiter();
            }
        }
        completeOutside(wake);
    }

    @Override
    public void onFailure(RangeConnection c, IOException e) {
        CompletableFuture<Void> wake;
        synchronized (this) {
            if (streamOf(c) == null) {
                return;
            }
            wake = failLocked(e);
        }
        completeOutside(wake);
    }

    private CompletableFuture<Void> failLocked(IOException e) {
        if (failure == null) {
            failure = e;
        }
        abortActive();
        waitEnd = -1;
        return ready;
    }

    private CompletableFuture<Void> takeWaiter() {
        waitEnd = -1;
        return ready;
    }

    private void completeOutside(CompletableFuture<Void> f) {
        IOException e;
        synchronized (this) {
            e = failure;
        }
        if (e != null) {
            f.completeExceptionally(e);
        } else {
            f.complete(null);
        }
    }
}
