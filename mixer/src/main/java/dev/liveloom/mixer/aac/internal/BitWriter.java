package dev.liveloom.mixer.aac.internal;

import java.util.Arrays;

/** MSB-first bit writer over a reusable byte array; grows only when a frame outgrows it. */
public final class BitWriter {
    private byte[] buf;
    private int bytePos;
    /** Pending bits not yet stored, right-aligned; fewer than 8 between calls. */
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
        if (bytePos + 6 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        acc = (acc << n) | (value & (0xFFFFFFFFL >>> (32 - n)));
        accBits += n;
        while (accBits >= 8) {
            accBits -= 8;
            buf[bytePos++] = (byte) (acc >>> accBits);
        }
        acc &= (1L << accBits) - 1;
    }

    /** Pads with zero bits to the next byte boundary. */
    public void byteAlign() {
        if (accBits > 0) {
            write(0, 8 - accBits);
        }
    }

    public int bitPosition() {
        return bytePos * 8 + accBits;
    }

    /** Bytes written so far, the last one zero-padded. */
    public int byteLength() {
        return bytePos + (accBits > 0 ? 1 : 0);
    }

    public byte[] toByteArray() {
        byte[] out = Arrays.copyOf(buf, byteLength());
        if (accBits > 0) {
            out[bytePos] = (byte) (acc << (8 - accBits));
        }
        return out;
    }
}
