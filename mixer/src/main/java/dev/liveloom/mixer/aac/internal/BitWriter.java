package dev.liveloom.mixer.aac.internal;

import java.util.Arrays;

/**
 * MSB-first bit writer over a reusable byte array; grows only when a frame outgrows it. Bits gather in
 * a 64-bit accumulator that is stored four bytes at a time.
 */
public final class BitWriter {
    private byte[] buf;
    private int bytePos;
    /** Pending bits not yet stored, right-aligned; fewer than 32 between calls. */
    private long acc;

    private int accBits;

    public BitWriter(int initialBytes) {
        buf = new byte[Math.max(16, initialBytes)];
    }

    /** Clears the writer for a new frame, keeping its storage. */
    public void reset() {
        bytePos = 0;
        acc = 0;
        accBits = 0;
    }

    /** Writes the low {@code n} bits of {@code value}, most significant first; n is 0..32. */
    public void write(int value, int n) {
        if (n == 0) {
            return;
        }
        acc = (acc << n) | (value & (0xFFFFFFFFL >>> (32 - n)));
        accBits += n;
        if (accBits >= 32) {
            if (bytePos + 8 > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            accBits -= 32;
            int word = (int) (acc >>> accBits);
            buf[bytePos] = (byte) (word >>> 24);
            buf[bytePos + 1] = (byte) (word >>> 16);
            buf[bytePos + 2] = (byte) (word >>> 8);
            buf[bytePos + 3] = (byte) word;
            bytePos += 4;
            acc &= (1L << accBits) - 1;
        }
    }

    /** Pads with zero bits to the next byte boundary. */
    public void byteAlign() {
        int partial = accBits & 7;
        if (partial > 0) {
            write(0, 8 - partial);
        }
    }

    public int bitPosition() {
        return bytePos * 8 + accBits;
    }

    /** Bytes written so far, the last one zero-padded. */
    public int byteLength() {
        return bytePos + (accBits + 7) / 8;
    }

    public byte[] toByteArray() {
        byte[] out = Arrays.copyOf(buf, byteLength());
        int pos = bytePos;
        for (int left = accBits; left > 0; left -= 8) {
            out[pos++] = (byte) (left >= 8 ? acc >>> (left - 8) : acc << (8 - left));
        }
        return out;
    }
}
