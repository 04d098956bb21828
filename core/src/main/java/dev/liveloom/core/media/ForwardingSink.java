package dev.liveloom.core.media;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link MediaSink} that passes every call to another one; subclasses override what they observe
 * or change (count accepted packets, note when the first frame went out).
 */
public class ForwardingSink implements MediaSink {
    protected final MediaSink inner;

    public ForwardingSink(MediaSink inner) {
        this.inner = java.util.Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public CompletableFuture<Void> open() {
        return inner.open();
    }

    @Override
    public boolean offer(MediaPacket packet) {
        return inner.offer(packet);
    }

    @Override
    public CompletableFuture<Void> writable() {
        return inner.writable();
    }

    @Override
    public CompletableFuture<Void> closed() {
        return inner.closed();
    }

    @Override
    public void close() {
        inner.close();
    }
}
