package dev.liveloom.flv.tag;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * The 11-byte header of an FLV tag: reserved bits, the filter (encryption) bit, tag type, 24-bit
 * data size, timestamp (24 bits plus an extension byte holding bits 31..24, milliseconds) and the
 * stream id (always 0).
 *
 * @param type {@link #AUDIO}, {@link #VIDEO}, {@link #SCRIPT} or another 5-bit value
 * @param filtered the Filter bit: the body is encrypted (Flash Access); liveloom refuses such tags
 * @param dataSize bytes in the tag body, at most {@link #MAX_DATA_SIZE}
 * @param timestampMs unsigned 32-bit milliseconds: the DTS of audio and video tags
 * @param streamId the 24-bit stream id, 0 in every file; ignored by readers
 */
public record FlvTagHeader(int type, boolean filtered, int dataSize, long timestampMs, int streamId) {
    public static final int SIZE = 11;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;

    /** The data size field has 24 bits. */
    public static final int MAX_DATA_SIZE = (1 << 24) - 1;

    public FlvTagHeader {
        if (type < 0 || type > 0x1f) {
            throw new IllegalArgumentException("tag type " + type);
        }
        if (dataSize < 0 || dataSize > MAX_DATA_SIZE) {
            throw new IllegalArgumentException("tag data size " + dataSize);
        }
        if (timestampMs < 0 || timestampMs > 0xffffffffL) {
            throw new IllegalArgumentException("tag timestamp " + timestampMs);
        }
        if (streamId < 0 || streamId > 0xffffff) {
            throw new IllegalArgumentException("stream id " + streamId);
        }
    }

    public static FlvTagHeader of(int type, int dataSize, long timestampMs) {
        return new FlvTagHeader(type, false, dataSize, timestampMs, 0);
    }

    /**
     * Reads the 11 bytes at {@code buf}'s position and advances it. The two reserved bits are
     * ignored, as FFmpeg does.
     */
    public static FlvTagHeader read(ByteBuffer buf) throws MediaParseException {
        if (buf.remaining() < SIZE) {
            throw MediaParseException.truncated(
                    "flv tag", 0, "tag header needs 11 bytes, " + buf.remaining() + " left");
        }
        int b0 = buf.get() & 0xff;
        int size = u24(buf);
        long ts = u24(buf) | ((long) (buf.get() & 0xff) << 24);
        int streamId = u24(buf);
        return new FlvTagHeader(b0 & 0x1f, (b0 & 0x20) != 0, size, ts, streamId);
    }

    /** Writes the 11 bytes. */
    public void write(ByteBuffer out) {
        out.put((byte) ((filtered ? 0x20 : 0) | type));
        putU24(out, dataSize);
        putU24(out, (int) (timestampMs & 0xffffff));
        out.put((byte) (timestampMs >>> 24));
        putU24(out, streamId);
    }

    /** The tag's PreviousTagSize, written after its body: header plus data. */
    public int tagSize() {
        return SIZE + dataSize;
    }

    static int u24(ByteBuffer b) {
        return ((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff);
    }

    static void putU24(ByteBuffer b, int v) {
        b.put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
    }
}
