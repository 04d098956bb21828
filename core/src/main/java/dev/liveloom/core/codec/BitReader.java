package dev.liveloom.core.codec;

import dev.liveloom.core.media.MediaParseException;

/**
 * Reads bits most-significant first from a byte range, with the Exp-Golomb codes of H.264/H.265
 * ({@code ue(v)}, {@code se(v)}). Bounded: reading past the end throws a TRUNCATED
 * {@link MediaParseException} naming the layer and the byte where the read started.
 *
 * <p>Works on RBSP bytes: callers hand it NAL payloads with emulation prevention removed
 * ({@link NalUnits#unescape}).
 */
public final class BitReader {
    /**
     * Most leading zero bits an Exp-Golomb code may have here: 31 gives values up to 2^32 - 2, which
     * covers every ue(v) field of H.264 and H.265 (the largest are 32-bit values such as
     * offset_for_ref_frame). Longer runs of zeros are a malformed stream, not a bigger number.
     */
    public static final int MAX_EXP_GOLOMB_LEADING_ZEROS = 31;

    private final byte[] data;
    private final int start;
    private final int endBit;
    private final String layer;
    private int bitPos;

    /** Reads all of {@code data}. */
    public BitReader(byte[] data, String layer) {
        this(data, 0, data.length, layer);
    }

    /** Reads {@code length} bytes of {@code data} from {@code offset}. */
    public BitReader(byte[] data, int offset, int length, String layer) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + data.length);
        }
        this.data = data;
        this.start = offset;
        this.endBit = length * 8;
        this.layer = layer;
    }

    /** The layer name used in errors. */
    public String layer() {
        return layer;
    }

    /** Bits read so far. */
    public int bitPosition() {
        return bitPos;
    }

    /** The byte (relative to the start of the range) holding the next bit. */
    public int bytePosition() {
        return bitPos >> 3;
    }

    public int bitsLeft() {
        return endBit - bitPos;
    }

    public boolean byteAligned() {
        return (bitPos & 7) == 0;
    }

    /** One bit. */
    public int readBit() throws MediaParseException {
        require(1);
        int b = data[start + (bitPos >> 3)] >> (7 - (bitPos & 7));
        bitPos++;
        return b & 1;
    }

    public boolean readFlag() throws MediaParseException {
        return readBit() != 0;
    }

    /** {@code n} bits (0 to 32) as an unsigned value; 32 bits come back as the int's bit pattern. */
    public int readBits(int n) throws MediaParseException {
        return (int) readBitsLong(n);
    }

    /** {@code n} bits (0 to 63) as an unsigned value. */
    public long readBitsLong(int n) throws MediaParseException {
        if (n < 0 || n > 63) {
            throw new IllegalArgumentException("bit count " + n);
        }
        require(n);
        long v = 0;
        int left = n;
        while (left > 0) {
            int bitInByte = bitPos & 7;
            int avail = 8 - bitInByte;
            int take = Math.min(avail, left);
            int cur = data[start + (bitPos >> 3)] & 0xff;
            int bits = (cur >> (avail - take)) & ((1 << take) - 1);
            v = (v << take) | bits;
            bitPos += take;
            left -= take;
        }
        return v;
    }

    /** Skips {@code n} bits. */
    public void skipBits(long n) throws MediaParseException {
        if (n < 0) {
            throw new IllegalArgumentException("bit count " + n);
        }
        if (n > bitsLeft()) {
            throw truncated(n);
        }
        bitPos += (int) n;
    }

    /** Skips to the next byte boundary. */
    public void alignToByte() {
        bitPos = Math.min(endBit, (bitPos + 7) & ~7);
    }

    /** An unsigned Exp-Golomb code, ue(v), from 0 to 2^32 - 2. */
    public long readUeLong() throws MediaParseException {
        int startBit = bitPos;
        int zeros = 0;
        while (readBit() == 0) {
            zeros++;
            if (zeros > MAX_EXP_GOLOMB_LEADING_ZEROS) {
                throw MediaParseException.malformed(
                        layer, startBit >> 3, "exp-golomb code with more than 31 leading zero bits");
            }
        }
        if (zeros == 0) {
            return 0;
        }
        return (1L << zeros) - 1 + readBitsLong(zeros);
    }

    /**
     * An unsigned Exp-Golomb code that must not exceed {@code max} (the field's range in the spec);
     * {@code field} names it in the error.
     */
    public int readUe(String field, int max) throws MediaParseException {
        int at = bitPos >> 3;
        long v = readUeLong();
        if (v > max) {
            throw MediaParseException.malformed(layer, at, field + " " + v + " exceeds " + max);
        }
        return (int) v;
    }

    /** An unsigned Exp-Golomb code up to {@link Integer#MAX_VALUE}. */
    public int readUe() throws MediaParseException {
        return readUe("ue(v)", Integer.MAX_VALUE);
    }

    /** A signed Exp-Golomb code, se(v): 0, 1, -1, 2, -2, ... */
    public int readSe() throws MediaParseException {
        long k = readUeLong();
        long v = (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
        return (int) v;
    }

    /** True when RBSP data other than the trailing stop bit and zero padding remains (H.264 7.2). */
    public boolean moreRbspData() {
        if (bitPos >= endBit) {
            return false;
        }
        // find the last 1 bit in the range: the rbsp_stop_one_bit
        int lastByte = start + (endBit >> 3) - 1;
        while (lastByte >= start && data[lastByte] == 0) {
            lastByte--;
        }
        if (lastByte < start) {
            return false;
        }
        int stopBit = (lastByte - start) * 8 + 7 - Integer.numberOfTrailingZeros(data[lastByte] & 0xff);
        return bitPos < stopBit;
    }

    /** {@code length} bits from bit {@code from} of the range (already read), packed MSB first. */
    byte[] copyBits(int from, int length) {
        if (from < 0 || length < 0 || from + length > endBit) {
            throw new IndexOutOfBoundsException("bits " + from + "+" + length + " of " + endBit);
        }
        byte[] out = new byte[(length + 7) >> 3];
        for (int i = 0; i < length; i++) {
            int bit = from + i;
            if (((data[start + (bit >> 3)] >> (7 - (bit & 7))) & 1) != 0) {
                out[i >> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return out;
    }

    private void require(long n) throws MediaParseException {
        if (n > bitsLeft()) {
            throw truncated(n);
        }
    }

    private MediaParseException truncated(long n) {
        return MediaParseException.truncated(layer, bitPos >> 3, "needs " + n + " more bits, " + bitsLeft() + " left");
    }
}
