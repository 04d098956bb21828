package dev.liveloom.mixer.aac.internal;

import java.util.Arrays;

/** MSB-first bit writer over a reusable byte array; grows only when a frame outgrows it. */
public final class BitWriter {
    private byte[] buf;
    private int bitPos;

    public BitWriter(int initialBytes) {
        buf = new byte[Math.max(16, initialBytes)];
    }

    /** Clears the writer for a new frame, keeping its storage. */
    public void reset() {
        int used = (bitPos + 7) >>> 3;
        Arrays.fill(buf, 0, Math.min(used, buf.length), (byte) 0);
        bitPos = 0;
    }

    /** Writes the low {@code n} bits of {@code value}, most significant first; n is 0..32. */
    public void write(int value, int n) {
        if (n == 0) {
            return;
        }
        ensure(bitPos + n);
        long v = n == 32 ? value & 0xFFFFFFFFL : value & ((1L << n) - 1);
        int remaining = n;
        while (remaining > 0) {
            int byteIndex = bitPos >>> 3;
            int free = 8 - (bitPos & 7);
            int take = Math.min(free, remaining);
            int bits = (int) (v >>> (remaining - take)) & ((1 << take) - 1);
            buf[byteIndex] |= (byte) (bits << (free - take));
            remaining -= take;
            bitPos += take;
        }
    }

    /** Pads with zero bits to the next byte boundary. */
    public void byteAlign() {
        int pad = (8 - (bitPos & 7)) & 7;
        ensure(bitPos + pad);
        bitPos += pad;
    }

    public int bitPosition() {
        return bitPos;
    }

    /** Bytes written so far, the last one zero-padded. */
    public int byteLength() {
        return (bitPos + 7) >>> 3;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, byteLength());
    }

    private void ensure(int bits) {
        int bytes = (bits + 7) >>> 3;
        if (bytes > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(bytes, buf.length * 2));
        }
    }
}
