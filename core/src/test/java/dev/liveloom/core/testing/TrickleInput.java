package dev.liveloom.core.testing;

import dev.liveloom.core.io.ByteInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps an input so that bytes arrive one at a time: a read past what has "arrived" returns null,
 * and each {@link #ready()} lets one more byte arrive. Optionally fails with an IOException once
 * reading reaches {@code failAt}. Demuxers must produce the same packets through it as without it.
 */
public final class TrickleInput implements ByteInput {
    private final ByteInput delegate;
    private final long failAt;
    private long arrived;

    public TrickleInput(ByteInput delegate) {
        this(delegate, Long.MAX_VALUE);
    }

    public TrickleInput(ByteInput delegate, long failAt) {
        this.delegate = delegate;
        this.failAt = failAt;
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
        long end = position + length;
        long total = delegate.length();
        long needed = total >= 0 ? Math.min(end, total) : end;
        if (needed > failAt) {
            throw new IOException(name() + ": injected I/O error at byte " + failAt);
        }
        if (needed > arrived) {
            // jump ahead to the start of a far read (a seek), then trickle
            if (position > arrived) {
                arrived = position;
            }
            return null;
        }
        return delegate.read(position, length);
    }

    @Override
    public CompletableFuture<Void> ready() {
        arrived++;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public long length() {
        return delegate.length();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
