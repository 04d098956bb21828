package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * A cursor over a box payload whose reads fail with a TRUNCATED {@link MediaParseException} naming
 * the box and the source offset instead of a buffer exception.
 */
public final class BoxReader {
    private final Box box;
    private final ByteBuffer buf;

    BoxReader(Box box) {
        this.box = box;
        this.buf = box.payload();
    }

    public int position() {
        return buf.position();
    }

    public int remaining() {
        return buf.remaining();
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public Box box() {
        return box;
    }

    public void need(long n, String what) throws MediaParseException {
        if (n > buf.remaining()) {
            throw MediaParseException.truncated(
                    box.layer(), box.at(buf.position()), what + " needs " + n + " bytes, box has " + buf.remaining());
        }
    }

    public int u8() throws MediaParseException {
        need(1, "field");
        return buf.get() & 0xff;
    }

    public int u16() throws MediaParseException {
        need(2, "field");
        return buf.getShort() & 0xffff;
    }

    public int u24() throws MediaParseException {
        need(3, "field");
        return ((buf.get() & 0xff) << 16) | (buf.getShort() & 0xffff);
    }

    public int s32() throws MediaParseException {
        need(4, "field");
        return buf.getInt();
    }

    public long u32() throws MediaParseException {
        need(4, "field");
        return buf.getInt() & 0xffffffffL;
    }

    public long s64() throws MediaParseException {
        need(8, "field");
        return buf.getLong();
    }

    public void skip(int n) throws MediaParseException {
        need(n, "field");
        buf.position(buf.position() + n);
    }

    public byte[] bytes(int n) throws MediaParseException {
        need(n, "field");
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** A MALFORMED error at the current position. */
    public MediaParseException malformed(String detail) {
        return MediaParseException.malformed(box.layer(), box.at(buf.position()), detail);
    }

    /**
     * Checks that {@code count} entries of {@code entrySize} bytes fit in what the box has left, so
     * no array is sized from a count the box cannot back.
     */
    public int entries(long count, int entrySize, String what) throws MediaParseException {
        if (count < 0 || count * entrySize > buf.remaining()) {
            throw MediaParseException.truncated(
                    box.layer(),
                    box.at(buf.position()),
                    what + " " + count + " needs " + count * entrySize + " bytes, box has " + buf.remaining());
        }
        return (int) count;
    }
}
