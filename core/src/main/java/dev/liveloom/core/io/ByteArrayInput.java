package dev.liveloom.core.io;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** Bytes already in memory: tests, benchmarks, media bundled in a jar. */
public final class ByteArrayInput implements ByteInput {
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    private final String name;
    private final ByteBuffer bytes;

    public ByteArrayInput(String name, byte[] bytes) {
        this.name = dev.liveloom.core.log.Redaction.text(name);
        this.bytes = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer read(long position, int length) {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("position " + position + ", length " + length);
        }
        int cap = bytes.capacity();
        if (position >= cap) {
            return bytes.slice(cap, 0);
        }
        int p = (int) position;
        return bytes.slice(p, Math.min(length, cap - p));
    }

    @Override
    public CompletableFuture<Void> ready() {
        return READY;
    }

    @Override
    public long length() {
        return bytes.capacity();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {}
}
