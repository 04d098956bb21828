package dev.liveloom.mp4.box;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Helpers for writing boxes (the read side lives in each box class). */
public final class FullBox {
    private FullBox() {}

    /** A buffer for a box of {@code payloadSize} bytes with its 8-byte header already written. */
    public static ByteBuffer start(String type, int payloadSize) {
        ByteBuffer b = ByteBuffer.allocate(8 + payloadSize).order(ByteOrder.BIG_ENDIAN);
        b.putInt(8 + payloadSize).putInt(BoxHeader.fourcc(type));
        return b;
    }

    /** Same, followed by a full box's version and 24-bit flags. */
    public static ByteBuffer start(String type, int payloadSize, int version, int flags) {
        ByteBuffer b = start(type, 4 + payloadSize);
        b.putInt((version << 24) | (flags & 0xffffff));
        return b;
    }

    /** A plain box wrapping the given children. */
    public static byte[] container(String type, byte[]... children) {
        int n = 0;
        for (byte[] c : children) {
            n += c.length;
        }
        ByteBuffer b = start(type, n);
        for (byte[] c : children) {
            b.put(c);
        }
        return b.array();
    }
}
