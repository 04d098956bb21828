package dev.liveloom.core.media;

import java.io.IOException;
import java.util.List;

/**
 * Turns the bytes of a {@link dev.liveloom.core.io.ByteInput} into {@link MediaPacket}s in decode
 * order, interleaved across tracks by time. Never blocks and does no I/O of its own: when its input
 * lacks bytes, {@link #read()} returns {@code null} without losing its place, and is called again
 * after the input's {@code ready()} completes. Not thread-safe.
 */
public interface Demuxer extends AutoCloseable {

    /** The container name as ffprobe prints it in JSON: "flv", "mp4". */
    String formatName();

    /**
     * The next packet; {@code null} when more input is needed or when the media ended (then
     * {@link #ended()} is true).
     *
     * @throws MediaParseException for malformed, unsupported or truncated media; packets that were
     *     whole before the failure have already been returned
     * @throws IOException when the input failed
     */
    MediaPacket read() throws IOException;

    /** True once every packet has been returned. */
    boolean ended();

    /** The tracks known so far, indexed by {@link MediaPacket#track()}; may grow while reading. */
    List<TrackFormat> tracks();

    /**
     * Starts over at the first packet, without reading the header again (a playlist that loops one
     * file); false when this demuxer cannot, and then nothing changed.
     */
    default boolean rewind() {
        return false;
    }

    /** Closes the input. Safe to call twice. */
    @Override
    void close();
}
