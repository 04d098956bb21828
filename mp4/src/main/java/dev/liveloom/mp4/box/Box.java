package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * A box held in memory: its header and its payload as a buffer positioned at the payload start,
 * with {@link #at(int)} giving the source offset of a payload index for messages.
 */
public final class Box {
    private final int type;
    private final long payloadOffset;
    private final ByteBuffer payload;

    public Box(int type, long payloadOffset, ByteBuffer payload) {
        this.type = type;
        this.payloadOffset = payloadOffset;
        this.payload = payload;
    }

    public int type() {
        return type;
    }

    /** A fresh view of the payload, positioned at 0. */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    public int size() {
        return payload.remaining();
    }

    /** Source offset of payload byte {@code index}. */
    public long at(int index) {
        return payloadOffset + index;
    }

    public long payloadOffset() {
        return payloadOffset;
    }

    /** The layer name for messages: "mp4 stsz". */
    public String layer() {
        return "mp4 " + BoxHeader.fourccString(type);
    }

    /**
     * The child boxes of this box, starting {@code skip} bytes into the payload (a full box's version
     * and flags, a sample entry's fixed fields).
     */
    public Box[] children(int skip) throws MediaParseException {
        ByteBuffer b = payload.slice();
        if (skip > b.remaining()) {
            throw MediaParseException.truncated(
                    layer(), at(b.remaining()), "needs " + skip + " bytes before its children");
        }
        int count = 0;
        Box[] out = new Box[4];
        int p = skip;
        while (b.remaining() - p >= 8) {
            ByteBuffer view = b.duplicate().position(p);
            BoxHeader h = BoxHeader.read(view, at(p));
            if (h == null) {
                throw MediaParseException.truncated(layer(), at(p), "child box header cut off");
            }
            long size = h.toEnd() ? b.remaining() - p : h.size();
            if (size > b.remaining() - p) {
                throw MediaParseException.truncated(
                        "mp4 " + BoxHeader.fourccString(h.type()),
                        at(p),
                        "box of " + size + " bytes exceeds its parent " + BoxHeader.fourccString(type) + " by "
                                + (size - (b.remaining() - p)) + " bytes");
            }
            int start = p + h.headerSize();
            int end = (int) (p + size);
            if (count == out.length) {
                out = java.util.Arrays.copyOf(out, count * 2);
            }
            out[count++] = new Box(
                    h.type(),
                    at(start),
                    b.duplicate().position(start).limit(end).slice());
            p = end;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** The first child of the given type, or null. */
    public static Box find(Box[] boxes, int type) {
        for (Box b : boxes) {
            if (b.type == type) {
                return b;
            }
        }
        return null;
    }

    /** A checked reader over this box's payload. */
    public BoxReader reader() {
        return new BoxReader(this);
    }

    @Override
    public String toString() {
        return BoxHeader.fourccString(type) + "@" + payloadOffset + "+" + payload.remaining();
    }
}
