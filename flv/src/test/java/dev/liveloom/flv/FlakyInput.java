package dev.liveloom.flv;

import dev.liveloom.core.io.ByteInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** Fails every {@code period}-th read with an IOException, otherwise delegates: a flaky network. */
final class FlakyInput implements ByteInput {
    private final ByteInput delegate;
    private final int period;
    private int reads;

    FlakyInput(ByteInput delegate, int period) {
        this.delegate = delegate;
        this.period = period;
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
        if (++reads % period == 0) {
            throw new IOException("flaky");
        }
        return delegate.read(position, length);
    }

    @Override
    public CompletableFuture<Void> ready() {
        return delegate.ready();
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
