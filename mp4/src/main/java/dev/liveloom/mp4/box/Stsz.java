package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * Sample sizes: "stsz" (a constant size, or 32-bit sizes) or "stz2" (compact 4-, 8- or 16-bit sizes).
 * {@code sizes} is null when every sample has {@code constantSize} bytes.
 */
public record Stsz(int constantSize, int count, int[] sizes) {

    /**
     * Most samples one track may have when nothing else bounds the count (a constant-size stsz of an
     * input of unknown length): 2^24 is a week of 25 fps video or four days of 44.1 kHz AAC, and keeps
     * the per-sample tables (about 42 bytes a sample with the edit-list index) under 1 GiB.
     */
    public static final int MAX_SAMPLES = 1 << 24;

    public static Stsz read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        r.skip(4);
        if (box.type() == BoxHeader.fourcc("stz2")) {
            r.skip(3);
            int fieldSize = r.u8();
            long count = r.u32();
            if (fieldSize != 4 && fieldSize != 8 && fieldSize != 16) {
                throw MediaParseException.malformed(
                        box.layer(), box.at(7), "field_size " + fieldSize + " is not 4, 8 or 16");
            }
            // 4-bit fields: two samples a byte, rounded up
            long bytes = fieldSize == 4 ? (count + 1) / 2 : count * (fieldSize / 8);
            r.entries(bytes, 1, "sample_count " + count + ", bytes");
            int n = (int) count;
            checkLimit(box, n);
            int[] sizes = new int[n];
            ByteBuffer b = r.buffer();
            for (int i = 0; i < n; i++) {
                if (fieldSize == 4) {
                    int v = b.get(b.position() + i / 2) & 0xff;
                    sizes[i] = (i & 1) == 0 ? v >> 4 : v & 0xf;
                } else if (fieldSize == 8) {
                    sizes[i] = b.get() & 0xff;
                } else {
                    sizes[i] = b.getShort() & 0xffff;
                }
            }
            return new Stsz(0, n, sizes);
        }
        long constant = r.u32();
        long count = r.u32();
        if (constant > Integer.MAX_VALUE) {
            throw MediaParseException.malformed(box.layer(), box.at(4), "sample_size " + constant + " > 2^31-1");
        }
        if (constant != 0) {
            if (count > MAX_SAMPLES) {
                throw MediaParseException.unsupported(
                        box.layer(), box.at(8), "sample_count " + count + " > limit " + MAX_SAMPLES);
            }
            return new Stsz((int) constant, (int) count, null);
        }
        int n = r.entries(count, 4, "sample_count");
        checkLimit(box, n);
        int[] sizes = new int[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            int s = b.getInt();
            if (s < 0) {
                throw MediaParseException.malformed(
                        box.layer(), box.at(12 + 4 * i), "sample size " + (s & 0xffffffffL) + " > 2^31-1");
            }
            sizes[i] = s;
        }
        return new Stsz(0, n, sizes);
    }

    private static void checkLimit(Box box, int n) throws MediaParseException {
        if (n > MAX_SAMPLES) {
            throw MediaParseException.unsupported(
                    box.layer(), box.at(8), "sample_count " + n + " > limit " + MAX_SAMPLES);
        }
    }

    public int size(int i) {
        return sizes == null ? constantSize : sizes[i];
    }

    /** Writes "stsz" (fieldSize 32) or "stz2" (fieldSize 4, 8 or 16). */
    public byte[] write(int fieldSize) {
        if (fieldSize == 32) {
            ByteBuffer b = FullBox.start("stsz", 8 + (sizes == null ? 0 : 4 * count), 0, 0);
            b.putInt(constantSize).putInt(count);
            if (sizes != null) {
                for (int s : sizes) {
                    b.putInt(s);
                }
            }
            return b.array();
        }
        int bytes = fieldSize == 4 ? (count + 1) / 2 : count * (fieldSize / 8);
        ByteBuffer b = FullBox.start("stz2", 8 + bytes, 0, 0);
        b.putInt(fieldSize).putInt(count);
        for (int i = 0; i < count; i++) {
            int s = size(i);
            if (fieldSize == 4) {
                if ((i & 1) == 0) {
                    b.put((byte) (s << 4));
                } else {
                    int p = b.position() - 1;
                    b.put(p, (byte) (b.get(p) | (s & 0xf)));
                }
            } else if (fieldSize == 8) {
                b.put((byte) s);
            } else {
                b.putShort((short) s);
            }
        }
        return b.array();
    }
}
