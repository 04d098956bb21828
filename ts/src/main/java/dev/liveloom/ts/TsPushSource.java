package dev.liveloom.ts;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.TrackFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A live {@link MediaSource} over a {@link TsDemuxer} that a transport pushes bytes into: the SRT
 * receiver calls {@link #feed} with each datagram's payload, {@link #end} when the peer closes and
 * {@link #fail} when the connection breaks; the pipeline calls {@link #read} and waits on
 * {@link #ready}. All methods must be called on one thread (the connection's event loop); none
 * blocks.
 */
public final class TsPushSource implements MediaSource {
    private final String name;
    private final TsDemuxer demuxer;
    private final Runnable onClose;
    private CompletableFuture<Void> ready = new CompletableFuture<>();
    private IOException failure;
    private boolean closed;

    /**
     * @param name the source's name for messages, secrets already redacted
     * @param listener told about glitches in the stream
     * @param onClose run once by {@link #close} (to close the connection)
     */
    public TsPushSource(String name, TsListener listener, Runnable onClose) {
        this.name = name;
        this.demuxer = new TsDemuxer(listener);
        this.onClose = onClose;
    }

    /** Bytes from the transport, split anywhere. Ignored after {@link #end}, {@link #fail} or close. */
    public void feed(ByteBuffer bytes) {
        if (closed || failure != null || demuxer.ended()) {
            return;
        }
        demuxer.feed(bytes);
        if (demuxer.pending() > 0) {
            signal();
        }
    }

    /** The transport ended cleanly: the last packets become readable, then {@link #ended}. */
    public void end() {
        if (!closed && !demuxer.ended()) {
            demuxer.endOfStream();
            signal();
        }
    }

    /** The transport failed: packets already demuxed are still read, then {@link #read} throws this. */
    public void fail(IOException e) {
        if (failure == null) {
            failure = e;
            signal();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MediaPacket read() throws IOException {
        MediaPacket p = demuxer.poll();
        if (p != null) {
            return p;
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    @Override
    public List<TrackFormat> tracks() {
        return demuxer.tracks();
    }

    @Override
    public boolean ended() {
        return failure == null && demuxer.ended() && demuxer.pending() == 0;
    }

    @Override
    public CompletableFuture<Void> ready() {
        if (demuxer.pending() > 0 || failure != null || demuxer.ended() || closed) {
            return CompletableFuture.completedFuture(null);
        }
        return ready;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            signal();
            onClose.run();
        }
    }

    private void signal() {
        CompletableFuture<Void> f = ready;
        ready = new CompletableFuture<>();
        f.complete(null);
    }
}
