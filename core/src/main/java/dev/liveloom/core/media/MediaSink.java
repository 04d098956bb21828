package dev.liveloom.core.media;

import java.util.concurrent.CompletableFuture;

/**
 * Where packets go: an RTMP(S) publish session, an FLV file, a test recorder. Never blocks: {@link
 * #offer} queues a packet or refuses when the sink's bounded queue is full, and {@link #writable()}
 * says when to try again. A sink sends a track's sequence header before its first packet and again
 * whenever a packet's {@link TrackFormat} has a different codec configuration.
 */
public interface MediaSink extends AutoCloseable {

    /** The sink's name for messages and events, secrets redacted. */
    String name();

    /** Connects and prepares to take packets (for RTMP: handshake, connect, publish). */
    CompletableFuture<Void> open();

    /** Queues one packet; false when the queue is full (nothing was queued). */
    boolean offer(MediaPacket packet);

    /** Completes when {@link #offer} may succeed again. */
    CompletableFuture<Void> writable();

    /**
     * Completes exceptionally when the sink fails after opening (connection lost), normally when it
     * is closed. Reconnecting is the caller's business: a failed sink stays failed.
     */
    CompletableFuture<Void> closed();

    /** Flushes what it can and closes. Safe to call twice. */
    @Override
    void close();
}
