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

    /** Writes {@code q[off..off+len)} with codebook {@code cb} (not 0). */
    public static void write(BitWriter w, int[] q, int off, int len, int cb) {
        int[] codes = HuffmanTables.CODES[cb];
        int[] bits = HuffmanTables.BITS[cb];
        int end = off + len;
        if (cb <= 4) {
            for (int i = off; i < end; i += 4) {
                int idx;
                if (UNSIGNED[cb]) {
                    idx = 27 * Math.abs(q[i]) + 9 * Math.abs(q[i + 1]) + 3 * Math.abs(q[i + 2]) + Math.abs(q[i + 3]);
                } else {
                    idx = 27 * (q[i] + 1) + 9 * (q[i + 1] + 1) + 3 * (q[i + 2] + 1) + q[i + 3] + 1;
                }
                w.write(codes[idx], bits[idx]);
                if (UNSIGNED[cb]) {
                    for (int j = i; j < i + 4; j++) {
                        if (q[j] != 0) {
                            w.write(q[j] < 0 ? 1 : 0, 1);
                        }
                    }
                }
            }
            return;
        }
        for (int i = off; i < end; i += 2) {
            int a = q[i];
            int b = q[i + 1];
            if (!UNSIGNED[cb]) {
                int idx = 9 * (a + 4) + b + 4;
                w.write(codes[idx], bits[idx]);
                continue;
            }
            int ua = Math.abs(a);
            int ub = Math.abs(b);
            int idx =
                    switch (cb) {
                        case 7, 8 -> 8 * ua + ub;
                        case 9, 10 -> 13 * ua + ub;
                        default -> 17 * Math.min(ua, 16) + Math.min(ub, 16);
                    };
            w.write(codes[idx], bits[idx]);
            if (a != 0) {
                w.write(a < 0 ? 1 : 0, 1);
            }
            if (b != 0) {
                w.write(b < 0 ? 1 : 0, 1);
            }
            if (cb == 11) {
                writeEscape(w, ua);
                writeEscape(w, ub);
            }
        }
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
        w.write((1 << (n - 4)) - 1, n - 4);
        w.write(0, 1);
        w.write(v - (1 << n), n);
    }
}
