package dev.liveloom.mixer.h264.internal;

import java.util.Arrays;

/**
 * MSB-first bit writer for H.264 RBSP syntax: fixed-length fields, exp-Golomb codes and the RBSP
 * trailing bits. Reusable: {@link #reset()} keeps the buffer so steady-state encoding allocates
 * nothing.
 */
public final class BitWriter {
    private byte[] buf;
    private int pos; // bytes completed
    private long acc; // pending bits, right-aligned
    private int accBits;

    public BitWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        pos = 0;
        acc = 0;
        accBits = 0;
    }

    /** Writes the low {@code n} bits of {@code value}, 0 <= n <= 32. */
    public void u(int n, int value) {
        if (n == 0) {
            return;
        }
        acc = (acc << n) | (value & (n == 32 ? 0xffffffffL : ((1L << n) - 1)));
        accBits += n;
        while (accBits >= 8) {
            accBits -= 8;
            if (pos == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[pos++] = (byte) (acc >>> accBits);
        }
    }

    public void u1(boolean flag) {
        u(1, flag ? 1 : 0);
    }

    /** Unsigned exp-Golomb ue(v), value in [0, 2^31 - 2]. */
    public void ue(int value) {
        long v = (long) value + 1;
        int len = 64 - Long.numberOfLeadingZeros(v); // bits in v
        // len-1 zeros, then v in len bits
        if (len - 1 > 0) {
            u(len - 1, 0);
        }
        if (len > 32) {
            u(len - 32, (int) (v >>> 32));
            u(32, (int) v);
        } else {
            u(len, (int) v);
        }
    }

    /** Signed exp-Golomb se(v): k > 0 maps to 2k - 1, k <= 0 to -2k. */
    public void se(int value) {
        ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    /** rbsp_trailing_bits(): a one bit then zero bits up to the byte boundary. */
    public void trailingBits() {
        u(1, 1);
        if (accBits > 0) {
            u(8 - accBits, 0);
        }
    }

    public boolean byteAligned() {
        return accBits == 0;
    }

    public int bitCount() {
        return pos * 8 + accBits;
    }

    /** Bytes written so far; only whole bytes, so call after {@link #trailingBits()}. */
    public int size() {
        return pos;
    }

    public byte[] buffer() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
