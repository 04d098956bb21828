package dev.liveloom.mixer.aac.internal;

/**
 * Huffman coding of quantised spectral values with codebooks 1 to 11 (ISO/IEC 14496-3 4.6.3): bit
 * counts for codebook choice, and the writer. Codebook 0 (ZERO_HCB) codes an all-zero band in no bits.
 */
public final class SpectralCoder {
    private SpectralCoder() {}

    /** Largest magnitude a codebook can code directly; codebook 11 escapes values of 16 and above. */
    static final int[] LAV = {0, 1, 1, 2, 2, 4, 4, 7, 7, 12, 12, 16};

    /** Largest magnitude the escape sequence of codebook 11 can carry (2^13 - 1). */
    public static final int MAX_QUANT = 8191;

    private static final boolean[] UNSIGNED = {
        false, false, false, true, true, false, false, true, true, true, true, true
    };

    /** Smallest codebook pair able to code magnitudes up to {@code maxAbs}; 0 for an all-zero band. */
    public static int firstCodebookFor(int maxAbs) {
        if (maxAbs == 0) {
            return 0;
        } else if (maxAbs <= 1) {
            return 1;
        } else if (maxAbs <= 2) {
            return 3;
        } else if (maxAbs <= 4) {
            return 5;
        } else if (maxAbs <= 7) {
            return 7;
        } else if (maxAbs <= 12) {
            return 9;
        }
        return 11;
    }

    /**
     * Per odd codebook 1, 3, 5, 7, 9 and tuple index: the bits of that codebook in the high 16 bits and
     * of the next one (same tuple form, same value range) in the low 16, sign bits included. Summing
     * these counts a band under both codebooks at once; a band's sums stay far below 2^16.
     */
    private static final int[][] PAIR_BITS = new int[10][];

    /** Codebook 11 bits per tuple index with the sign bits, escapes not included. */
    private static final int[] BITS11_SIGNED = new int[17 * 17];

    static {
        for (int cb = 1; cb <= 9; cb += 2) {
            int[] lo = HuffmanTables.BITS[cb];
            int[] hi = HuffmanTables.BITS[cb + 1];
            int[] pair = new int[lo.length];
            for (int idx = 0; idx < lo.length; idx++) {
                int signs = UNSIGNED[cb] ? signBits(cb, idx) : 0;
                pair[idx] = ((lo[idx] + signs) << 16) | (hi[idx] + signs);
            }
            PAIR_BITS[cb] = pair;
        }
        for (int idx = 0; idx < BITS11_SIGNED.length; idx++) {
            BITS11_SIGNED[idx] = HuffmanTables.BITS[11][idx] + nz(idx / 17) + nz(idx % 17);
        }
    }

    /** Non-zero magnitudes in the tuple of an unsigned codebook's index. */
    private static int signBits(int cb, int idx) {
        return switch (cb) {
            case 3 -> nz(idx / 27) + nz(idx / 9 % 3) + nz(idx / 3 % 3) + nz(idx % 3);
            case 7 -> nz(idx / 8) + nz(idx % 8);
            case 9 -> nz(idx / 13) + nz(idx % 13);
            default -> throw new IllegalArgumentException("codebook " + cb);
        };
    }

    /**
     * Bits of {@code q[off..off+len)} under odd codebook {@code cb} (1, 3, 5, 7 or 9) in the high 16
     * bits and under {@code cb + 1} in the low 16: one pass instead of two {@link #countBits} calls.
     */
    static int countBitsPair(int[] q, int off, int len, int cb) {
        int[] bits = PAIR_BITS[cb];
        int total = 0;
        int end = off + len;
        switch (cb) {
            case 1 -> {
                for (int i = off; i < end; i += 4) {
                    total += bits[27 * q[i] + 9 * q[i + 1] + 3 * q[i + 2] + q[i + 3] + 40];
                }
            }
            case 3 -> {
                for (int i = off; i < end; i += 4) {
                    total += bits[
                            27 * Math.abs(q[i]) + 9 * Math.abs(q[i + 1]) + 3 * Math.abs(q[i + 2]) + Math.abs(q[i + 3])];
                }
            }
            case 5 -> {
                for (int i = off; i < end; i += 2) {
                    total += bits[9 * q[i] + q[i + 1] + 40];
                }
            }
            case 7 -> {
                for (int i = off; i < end; i += 2) {
                    total += bits[8 * Math.abs(q[i]) + Math.abs(q[i + 1])];
                }
            }
            case 9 -> {
                for (int i = off; i < end; i += 2) {
                    total += bits[13 * Math.abs(q[i]) + Math.abs(q[i + 1])];
                }
            }
            default -> throw new IllegalArgumentException("codebook " + cb);
        }
        return total;
    }

    /** Bits of {@code q[off..off+len)} under codebook 11, escapes included. */
    static int countBits11(int[] q, int off, int len) {
        int total = 0;
        int end = off + len;
        for (int i = off; i < end; i += 2) {
            int a = Math.abs(q[i]);
            int b = Math.abs(q[i + 1]);
            if ((a | b) < 16) {
                total += BITS11_SIGNED[17 * a + b];
            } else {
                total += BITS11_SIGNED[17 * Math.min(a, 16) + Math.min(b, 16)] + escBits(a) + escBits(b);
            }
        }
        return total;
    }

    /** Bits needed to code {@code q[off..off+len)} with codebook {@code cb} (len a multiple of 4). */
    public static int countBits(int[] q, int off, int len, int cb) {
        if (cb == 0) {
            return 0;
        }
        int[] bits = HuffmanTables.BITS[cb];
        int total = 0;
        int end = off + len;
        switch (cb) {
            case 1, 2 -> {
                for (int i = off; i < end; i += 4) {
                    total += bits[27 * (q[i] + 1) + 9 * (q[i + 1] + 1) + 3 * (q[i + 2] + 1) + q[i + 3] + 1];
                }
            }
            case 3, 4 -> {
                for (int i = off; i < end; i += 4) {
                    int a = Math.abs(q[i]), b = Math.abs(q[i + 1]), c = Math.abs(q[i + 2]), d = Math.abs(q[i + 3]);
                    total += bits[27 * a + 9 * b + 3 * c + d] + nz(a) + nz(b) + nz(c) + nz(d);
                }
            }
            case 5, 6 -> {
                for (int i = off; i < end; i += 2) {
                    total += bits[9 * (q[i] + 4) + q[i + 1] + 4];
                }
            }
            case 7, 8 -> {
                for (int i = off; i < end; i += 2) {
                    int a = Math.abs(q[i]), b = Math.abs(q[i + 1]);
                    total += bits[8 * a + b] + nz(a) + nz(b);
                }
            }
            case 9, 10 -> {
                for (int i = off; i < end; i += 2) {
                    int a = Math.abs(q[i]), b = Math.abs(q[i + 1]);
                    total += bits[13 * a + b] + nz(a) + nz(b);
                }
            }
            default -> {
                for (int i = off; i < end; i += 2) {
                    int a = Math.abs(q[i]), b = Math.abs(q[i + 1]);
                    total += bits[17 * Math.min(a, 16) + Math.min(b, 16)] + nz(a) + nz(b) + escBits(a) + escBits(b);
                }
            }
        }
        return total;
    }

    /** Per codebook and tuple index: the codeword shifted left by 5 with its length in the low 5 bits. */
    private static final int[][] PACKED = new int[12][];

    static {
        for (int cb = 1; cb <= 11; cb++) {
            int[] codes = HuffmanTables.CODES[cb];
            int[] bits = HuffmanTables.BITS[cb];
            PACKED[cb] = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                PACKED[cb][i] = (codes[i] << 5) | bits[i];
            }
        }
    }

    /**
     * Writes {@code q[off..off+len)} with codebook {@code cb} (not 0). A codeword and the sign bits
     * after it go out as one field (at most 16 + 4 bits).
     */
    public static void write(BitWriter w, int[] q, int off, int len, int cb) {
        int[] t = PACKED[cb];
        int end = off + len;
        switch (cb) {
            case 1, 2 -> {
                for (int i = off; i < end; i += 4) {
                    int e = t[27 * q[i] + 9 * q[i + 1] + 3 * q[i + 2] + q[i + 3] + 40];
                    w.write(e >>> 5, e & 31);
                }
            }
            case 3, 4 -> {
                for (int i = off; i < end; i += 4) {
                    int a = q[i];
                    int b = q[i + 1];
                    int c = q[i + 2];
                    int d = q[i + 3];
                    int e = t[27 * Math.abs(a) + 9 * Math.abs(b) + 3 * Math.abs(c) + Math.abs(d)];
                    int code = e >>> 5;
                    int n = e & 31;
                    if (a != 0) {
                        code = (code << 1) | (a >>> 31);
                        n++;
                    }
                    if (b != 0) {
                        code = (code << 1) | (b >>> 31);
                        n++;
                    }
                    if (c != 0) {
                        code = (code << 1) | (c >>> 31);
                        n++;
                    }
                    if (d != 0) {
                        code = (code << 1) | (d >>> 31);
                        n++;
                    }
                    w.write(code, n);
                }
            }
            case 5, 6 -> {
                for (int i = off; i < end; i += 2) {
                    int e = t[9 * q[i] + q[i + 1] + 40];
                    w.write(e >>> 5, e & 31);
                }
            }
            case 7, 8 -> {
                for (int i = off; i < end; i += 2) {
                    writeUnsignedPair(w, t[8 * Math.abs(q[i]) + Math.abs(q[i + 1])], q[i], q[i + 1]);
                }
            }
            case 9, 10 -> {
                for (int i = off; i < end; i += 2) {
                    writeUnsignedPair(w, t[13 * Math.abs(q[i]) + Math.abs(q[i + 1])], q[i], q[i + 1]);
                }
            }
            default -> {
                for (int i = off; i < end; i += 2) {
                    int ua = Math.abs(q[i]);
                    int ub = Math.abs(q[i + 1]);
                    writeUnsignedPair(w, t[17 * Math.min(ua, 16) + Math.min(ub, 16)], q[i], q[i + 1]);
                    if ((ua | ub) >= 16) {
                        writeEscape(w, ua);
                        writeEscape(w, ub);
                    }
                }
            }
        }
    }

    /** A packed codeword followed by the signs of the non-zero values a and b. */
    private static void writeUnsignedPair(BitWriter w, int e, int a, int b) {
        int code = e >>> 5;
        int n = e & 31;
        if (a != 0) {
            code = (code << 1) | (a >>> 31);
            n++;
        }
        if (b != 0) {
            code = (code << 1) | (b >>> 31);
            n++;
        }
        w.write(code, n);
    }

    private static int nz(int v) {
        return v != 0 ? 1 : 0;
    }

    /** Bits of the escape sequence for a magnitude: N-4 prefix ones, a zero, N bits; none below 16. */
    static int escBits(int v) {
        if (v < 16) {
            return 0;
        }
        int n = 31 - Integer.numberOfLeadingZeros(v);
        return 2 * n - 3;
    }

    private static void writeEscape(BitWriter w, int v) {
        if (v < 16) {
            return;
        }
        int n = 31 - Integer.numberOfLeadingZeros(v);
        // n - 4 ones, a zero, then the n low bits: 2n - 3 <= 21 bits in one field
        w.write((((1 << (n - 4)) - 1) << (n + 1)) | (v - (1 << n)), 2 * n - 3);
    }
}
