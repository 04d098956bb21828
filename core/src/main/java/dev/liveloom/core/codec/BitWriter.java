package dev.liveloom.core.codec;

import java.util.Arrays;

/**
 * Writes bits most-significant first into a growing byte array, with the Exp-Golomb codes of
 * H.264/H.265. The counterpart of {@link BitReader}: whatever one writes, the other reads back.
 */
public final class BitWriter {
    private byte[] buf;
    private int bitPos;

    public BitWriter() {
        this(64);
    }

    public BitWriter(int initialBytes) {
        buf = new byte[Math.max(1, initialBytes)];
    }

    /** Bits written so far. */
    public int bitPosition() {
        return bitPos;
    }

    public boolean byteAligned() {
        return (bitPos & 7) == 0;
    }

    public BitWriter writeBit(int bit) {
        ensure(1);
        if ((bit & 1) != 0) {
            buf[bitPos >> 3] |= (byte) (0x80 >>> (bitPos & 7));
        }
        bitPos++;
        return this;
    }

    public BitWriter writeFlag(boolean flag) {
        return writeBit(flag ? 1 : 0);
    }

    /** The low {@code n} bits (0 to 63) of {@code value}, most significant first. */
    public BitWriter writeBits(long value, int n) {
        if (n < 0 || n > 63) {
            throw new IllegalArgumentException("bit count " + n);
        }
        if (n < 63 && (value >>> n) != 0 && n > 0 && value >= 0) {
            throw new IllegalArgumentException("value " + value + " does not fit " + n + " bits");
        }
        ensure(n);
        for (int i = n - 1; i >= 0; i--) {
            if (((value >>> i) & 1) != 0) {
                buf[bitPos >> 3] |= (byte) (0x80 >>> (bitPos & 7));
            }
            bitPos++;
        }
        return this;
    }

    /** Whole bytes; the writer must be byte aligned. */
    public BitWriter writeBytes(byte[] b, int off, int len) {
        if (!byteAligned()) {
            for (int i = 0; i < len; i++) {
                writeBits(b[off + i] & 0xff, 8);
            }
            return this;
        }
        ensure((long) len * 8);
        System.arraycopy(b, off, buf, bitPos >> 3, len);
        bitPos += len * 8;
        return this;
    }

    public BitWriter writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    /** An unsigned Exp-Golomb code, ue(v), for 0 to 2^32 - 2. */
    public BitWriter writeUe(long value) {
        if (value < 0 || value > 0xFFFFFFFEL) {
            throw new IllegalArgumentException("ue(v) out of range: " + value);
        }
        long v = value + 1;
        int bits = 64 - Long.numberOfLeadingZeros(v);
        writeBits(0, bits - 1);
        return writeBits(v, bits);
    }

    /** A signed Exp-Golomb code, se(v). */
    public BitWriter writeSe(int value) {
        long k = value > 0 ? 2L * value - 1 : -2L * value;
        return writeUe(k);
    }

    /** Zero bits up to the next byte boundary. */
    public BitWriter alignZero() {
        int pad = (8 - (bitPos & 7)) & 7;
        return writeBits(0, pad);
    }

    /** The rbsp_trailing_bits: a one bit then zero bits to the byte boundary. */
    public BitWriter writeTrailingBits() {
        writeBit(1);
        return alignZero();
    }

    /** The bytes written; a partial last byte is padded with zero bits. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, (bitPos + 7) >> 3);
    }

    private void ensure(long bits) {
        long needBytes = (bitPos + bits + 7) >> 3;
        if (needBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("bit writer over 2 GiB");
        }
        if (needBytes > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.max(needBytes, Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
        }
    }
}
