package dev.liveloom.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Random-access bytes of one source (a file, an http(s) URL, a test fixture) that never blocks the
 * caller: {@link #read} answers at once, with the bytes or with {@code null} while they are being
 * fetched; {@link #ready()} completes when asking again can succeed. Demuxers are written against
 * this and stay free of I/O: they return "need more input" and are called again later.
 *
 * <p>Returned buffers are never overwritten by the input, so media packets can be zero-copy views of
 * them and outlive the next read.
 */
public interface ByteInput extends AutoCloseable {

    /**
     * The bytes {@code [position, position + length)}, as a read-only buffer positioned at 0. The
     * buffer is shorter than {@code length} only when the input ends inside the range (empty at or
     * past the end). Returns {@code null} when the bytes are not all here yet; fetching them has
     * started and {@link #ready()} tells when to ask again.
     *
     * @throws IOException when the input failed: I/O error, HTTP status, timeout, closed
     */
    ByteBuffer read(long position, int length) throws IOException;

    /**
     * Completes when a {@code read} that returned {@code null} may succeed, or exceptionally when
     * the fetch failed. Already complete when nothing is pending.
     */
    CompletableFuture<Void> ready();

    /** Total length in bytes, or -1 while unknown (live streams, chunked HTTP). */
    long length();

    /**
     * Hint that bytes before {@code position} will not be read again, so buffers holding only such
     * bytes may be dropped (buffers already handed out stay valid).
     */
    default void release(long position) {}

    /** The source's name for messages, with secrets (auth_key, tokens, passphrases) redacted. */
    String name();

    /** Closes any connection or file. Safe to call twice. */
    @Override
    void close();
}
