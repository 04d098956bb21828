package dev.liveloom.flv.tag;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * The FLV file header: "FLV", version 1, the audio/video presence flags and the offset of the first
 * tag (the body starts there with PreviousTagSize0).
 *
 * @param hasAudio the TypeFlagsAudio bit (advisory: readers find tracks from the tags)
 * @param hasVideo the TypeFlagsVideo bit
 * @param dataOffset bytes from the file start to the body, 9 for every known writer
 */
public record FlvHeader(boolean hasAudio, boolean hasVideo, int dataOffset) {
    /** Bytes in the header as version 1 defines it. */
    public static final int SIZE = 9;

    /**
     * Largest header offset accepted. Version 1 headers are 9 bytes and no writer pads them, so a
     * large value means the bytes are not FLV; 1 KiB keeps the skip short while tolerating padding.
     */
    public static final int MAX_DATA_OFFSET = 1024;

    private static final String LAYER = "flv header";

    public FlvHeader {
        if (dataOffset < SIZE || dataOffset > MAX_DATA_OFFSET) {
            throw new IllegalArgumentException("data offset " + dataOffset);
        }
    }

    public static FlvHeader of(boolean hasAudio, boolean hasVideo) {
        return new FlvHeader(hasAudio, hasVideo, SIZE);
    }

    /** True when {@code head} starts with the signature "FLV" and version 1. */
    public static boolean sniff(ByteBuffer head) {
        int p = head.position();
        return head.remaining() >= 4
                && head.get(p) == 'F'
                && head.get(p + 1) == 'L'
                && head.get(p + 2) == 'V'
                && head.get(p + 3) == 1;
    }

    /** Reads the 9 header bytes at {@code buf}'s position (offsets in errors are from there). */
    public static FlvHeader read(ByteBuffer buf) throws MediaParseException {
        if (buf.remaining() < SIZE) {
            throw MediaParseException.truncated(LAYER, buf.remaining(), "header needs 9 bytes");
        }
        int p = buf.position();
        if (buf.get(p) != 'F' || buf.get(p + 1) != 'L' || buf.get(p + 2) != 'V') {
            throw MediaParseException.malformed(LAYER, 0, "no FLV signature");
        }
        int version = buf.get(p + 3) & 0xff;
        if (version != 1) {
            throw MediaParseException.unsupported(LAYER, 3, "FLV version " + version);
        }
        int flags = buf.get(p + 4) & 0xff;
        long offset = buf.getInt(p + 5) & 0xffffffffL;
        if (offset < SIZE || offset > MAX_DATA_OFFSET) {
            throw MediaParseException.malformed(
                    LAYER, 5, "data offset " + offset + " outside " + SIZE + ".." + MAX_DATA_OFFSET);
        }
        buf.position(p + SIZE);
        return new FlvHeader((flags & 0x04) != 0, (flags & 0x01) != 0, (int) offset);
    }

    /** Writes the 9 header bytes (with a larger data offset the caller writes the padding). */
    public void write(ByteBuffer out) {
        out.put((byte) 'F').put((byte) 'L').put((byte) 'V').put((byte) 1);
        out.put((byte) ((hasAudio ? 0x04 : 0) | (hasVideo ? 0x01 : 0)));
        out.putInt(dataOffset);
    }
}
