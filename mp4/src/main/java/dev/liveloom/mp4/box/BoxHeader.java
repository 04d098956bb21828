package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * The header of one ISO BMFF box: 32-bit size and four-character type, then a 64-bit largesize when
 * size is 1; size 0 means the box runs to the end of its container (or file).
 *
 * @param offset where the box starts in its source
 * @param type the four-character code as a big-endian int
 * @param size the whole box in bytes including the header, or -1 for "to the end"
 * @param headerSize 8 or 16
 */
public record BoxHeader(long offset, int type, long size, int headerSize) {

    /** Bytes that {@link #read} may need: size, type and largesize. */
    public static final int MAX_HEADER_SIZE = 16;

    public static final int FTYP = fourcc("ftyp");
    public static final int MOOV = fourcc("moov");
    public static final int MDAT = fourcc("mdat");
    public static final int MOOF = fourcc("moof");
    public static final int FREE = fourcc("free");
    public static final int SKIP = fourcc("skip");
    public static final int WIDE = fourcc("wide");
    public static final int STYP = fourcc("styp");
    public static final int SIDX = fourcc("sidx");
    public static final int MFRA = fourcc("mfra");
    public static final int PDIN = fourcc("pdin");
    public static final int UUID = fourcc("uuid");
    public static final int META = fourcc("meta");
    public static final int PNOT = fourcc("pnot");

    /** True when the box runs to the end of its container. */
    public boolean toEnd() {
        return size < 0;
    }

    /** Offset of the first payload byte. */
    public long payloadOffset() {
        return offset + headerSize;
    }

    /** Offset just past the box, or -1 when it runs to the end. */
    public long end() {
        return size < 0 ? -1 : offset + size;
    }

    /**
     * Reads a header from {@code buf} at its position (which is left unchanged).
     *
     * @param offset where {@code buf}'s position lies in the source, for messages
     * @return the header, or null when {@code buf} holds too few bytes for it
     */
    public static BoxHeader read(ByteBuffer buf, long offset) throws MediaParseException {
        int p = buf.position();
        if (buf.remaining() < 8) {
            return null;
        }
        long size = buf.getInt(p) & 0xffffffffL;
        int type = buf.getInt(p + 4);
        int headerSize = 8;
        if (size == 1) {
            if (buf.remaining() < 16) {
                return null;
            }
            size = buf.getLong(p + 8);
            headerSize = 16;
            if (size < 16) {
                throw MediaParseException.malformed(
                        "mp4 box", offset, "box " + fourccString(type) + " has largesize " + size + " < 16");
            }
        } else if (size == 0) {
            size = -1;
        } else if (size < 8) {
            throw MediaParseException.malformed(
                    "mp4 box", offset, "box " + fourccString(type) + " has size " + size + " < 8");
        }
        if (size > 0 && size > Long.MAX_VALUE - offset) {
            throw MediaParseException.malformed(
                    "mp4 box", offset, "box " + fourccString(type) + " of " + size + " bytes ends past 2^63");
        }
        return new BoxHeader(offset, type, size, headerSize);
    }

    /** Writes this header (largesize form when {@code headerSize} is 16). */
    public void write(ByteBuffer out) {
        if (headerSize == 16) {
            out.putInt(1).putInt(type).putLong(size);
        } else {
            out.putInt(size < 0 ? 0 : (int) size).putInt(type);
        }
    }

    public static int fourcc(String s) {
        return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
    }

    /** The four characters, with non-printable bytes as '?'. */
    public static String fourccString(int type) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = (type >>> (24 - 8 * i)) & 0xff;
            c[i] = b >= 0x20 && b < 0x7f ? (char) b : '?';
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return fourccString(type) + "@" + offset + "+" + size;
    }
}
