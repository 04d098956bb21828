package dev.liveloom.core.io;

import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.MediaPacket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking adapters for callers that own a thread anyway: the command line, tests, benchmarks. Relay
 * tasks never use these; they resume on {@link ByteInput#ready()} instead.
 */
public final class BlockingReads {
    private BlockingReads() {}

    /** Reads like {@link ByteInput#read} but waits up to {@code timeout} for the bytes. */
    public static ByteBuffer read(ByteInput in, long position, int length, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ByteBuffer b = in.read(position, length);
            if (b != null) {
                return b;
            }
            await(in.ready(), deadline, in.name());
        }
    }

    /** The demuxer's next packet, waiting up to {@code timeout} for input; null at the end. */
    public static MediaPacket next(Demuxer demuxer, ByteInput in, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            MediaPacket p = demuxer.read();
            if (p != null || demuxer.ended()) {
                return p;
            }
            await(in.ready(), deadline, in.name());
        }
    }

    private static void await(CompletableFuture<Void> f, long deadline, String name) throws IOException {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted");
        } catch (TimeoutException e) {
            throw new IOException(name + ": timed out waiting for data");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException) {
                throw (IOException) c;
            }
            throw new IOException(name + ": " + c, c);
        }
    }
}
