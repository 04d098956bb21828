package dev.liveloom.core.media;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A non-blocking stream of {@link MediaPacket}s: a demuxed file or URL, a live RTMP/SRT/HTTP-FLV
 * pull. {@link #read()} answers at once; {@code null} means "nothing now" ({@link #ready()} tells when
 * to ask again) or the end ({@link #ended()}).
 */
public interface MediaSource extends AutoCloseable {

    /** The source's name for messages and events, secrets redacted. */
    String name();

    /**
     * The next packet, or null when none is available now or the source ended.
     *
     * @throws IOException when the source failed (malformed media, network error)
     */
    MediaPacket read() throws IOException;

    /**
     * The tracks known so far (for MP4 all of them once the first packet is read; for FLV and live
     * sources as they appear).
     */
    default java.util.List<TrackFormat> tracks() {
        return java.util.List.of();
    }

    /** True once every packet has been read. */
    boolean ended();

    /** Completes when {@link #read()} may return something new (or the source failed or ended). */
    CompletableFuture<Void> ready();

    /**
     * Starts over at the first packet without opening the media again (a playlist that loops one
     * file); false when this source cannot, and then nothing changed.
     */
    default boolean rewind() {
        return false;
    }

    /** Releases connections and files. Safe to call twice. */
    @Override
    void close();
}
