package dev.liveloom.mixer.h264.internal;

/**
 * The CABAC arithmetic encoder of H.264 clause 9.3.4.2: context variables (probability state and
 * most probable symbol) initialised from the slice QP (9.3.1.1), regular, bypass and terminating
 * bins, and the flush that ends a slice. Bits go to a {@link BitWriter}; the flush writes the
 * rbsp_stop_one_bit itself, so the caller only pads with zero bits to the byte boundary.
 */
public final class CabacEncoder {
    /** Context variables this encoder initialises: ctxIdx 0..275 (frame coding, no 8x8 transform). */
    public static final int CONTEXTS = 276;

    /** rangeTabLPS by pStateIdx and qCodIRangeIdx (Table 9-44), four entries per state. */
    private static final int[] RANGE_LPS = {
        128, 176, 208, 240, 128, 167, 197, 227, 128, 158, 187, 216, 123, 150, 178, 205,
        116, 142, 169, 195, 111, 135, 160, 185, 105, 128, 152, 175, 100, 122, 144, 166,
        95, 116, 137, 158, 90, 110, 130, 150, 85, 104, 123, 142, 81, 99, 117, 135,
        77, 94, 111, 128, 73, 89, 105, 122, 69, 85, 100, 116, 66, 80, 95, 110,
        62, 76, 90, 104, 59, 72, 86, 99, 56, 69, 81, 94, 53, 65, 77, 89,
        51, 62, 73, 85, 48, 59, 69, 80, 46, 56, 66, 76, 43, 53, 63, 72,
        41, 50, 59, 69, 39, 48, 56, 65, 37, 45, 54, 62, 35, 43, 51, 59,
        33, 41, 48, 56, 32, 39, 46, 53, 30, 37, 43, 50, 29, 35, 41, 48,
        27, 33, 39, 45, 26, 31, 37, 43, 24, 30, 35, 41, 23, 28, 33, 39,
        22, 27, 32, 37, 21, 26, 30, 35, 20, 24, 29, 33, 19, 23, 27, 31,
        18, 22, 26, 30, 17, 21, 25, 28, 16, 20, 23, 27, 15, 19, 22, 25,
        14, 18, 21, 24, 14, 17, 20, 23, 13, 16, 19, 22, 12, 15, 18, 21,
        12, 14, 17, 20, 11, 14, 16, 19, 11, 13, 15, 18, 10, 12, 15, 17,
        10, 12, 14, 16, 9, 11, 13, 15, 9, 11, 12, 14, 8, 10, 12, 14,
        8, 9, 11, 13, 7, 9, 11, 12, 7, 9, 10, 12, 7, 8, 10, 11,
        6, 8, 9, 11, 6, 7, 9, 10, 6, 7, 8, 9, 2, 2, 2, 2
    };

    /** transIdxLPS by pStateIdx (Table 9-45); transIdxMPS is min(pStateIdx + 1, 62). */
    private static final int[] NEXT_LPS = {
        0, 0, 1, 2, 2, 4, 4, 5, 6, 7, 8, 9, 9, 11, 11, 12, 13, 13, 15, 15, 16, 16, 18, 18, 19, 19, 21, 21, 22, 22, 23,
        24, 24, 25, 26, 26, 27, 27, 28, 29, 29, 30, 30, 30, 31, 32, 32, 33, 33, 33, 34, 34, 35, 35, 35, 36, 36, 36, 37,
        37, 37, 38, 38, 63
    };

    /** (m, n) for ctxIdx 0..275 in I slices, two entries per ctxIdx (11..59 are not used in I slices). */
    static final byte[] MN_I = {
        20, -15, 2, 54, 3, 74, 20, -15, 2, 54, 3, 74, -28, 127, -23, 104,
        -6, 53, -1, 54, 7, 51, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 41, 0, 63, 0, 63, 0, 63,
        -9, 83, 4, 86, 0, 97, -7, 72, 13, 41, 3, 62, 0, 11, 1, 55,
        0, 69, -17, 127, -13, 102, 0, 82, -7, 74, -21, 107, -27, 127, -31, 127,
        -24, 127, -18, 95, -27, 127, -21, 114, -30, 127, -17, 123, -12, 115, -16, 122,
        -11, 115, -12, 63, -2, 68, -15, 84, -13, 104, -3, 70, -8, 93, -10, 90,
        -30, 127, -1, 74, -6, 97, -7, 91, -20, 127, -4, 56, -5, 82, -7, 76,
        -22, 125, -7, 93, -11, 87, -3, 77, -5, 71, -4, 63, -4, 68, -12, 84,
        -7, 62, -7, 65, 8, 61, 5, 56, -2, 66, 1, 64, 0, 61, -2, 78,
        1, 50, 7, 52, 10, 35, 0, 44, 11, 38, 1, 45, 0, 46, 5, 44,
        31, 17, 1, 51, 7, 50, 28, 19, 16, 33, 14, 62, -13, 108, -15, 100,
        -13, 101, -13, 91, -12, 94, -10, 88, -16, 84, -10, 86, -7, 83, -13, 87,
        -19, 94, 1, 70, 0, 72, -5, 74, 18, 59, -8, 102, -15, 100, 0, 95,
        -4, 75, 2, 72, -11, 75, -3, 71, 15, 46, -13, 69, 0, 62, 0, 65,
        21, 37, -15, 72, 9, 57, 16, 54, 0, 62, 12, 72, 24, 0, 15, 9,
        8, 25, 13, 18, 15, 9, 13, 19, 10, 37, 12, 18, 6, 29, 20, 33,
        15, 30, 4, 45, 1, 58, 0, 62, 7, 61, 12, 38, 11, 45, 15, 39,
        11, 42, 13, 44, 16, 45, 12, 41, 10, 49, 30, 34, 18, 42, 10, 55,
        17, 51, 17, 46, 0, 89, 26, -19, 22, -17, 26, -17, 30, -25, 28, -20,
        33, -23, 37, -27, 33, -23, 40, -28, 38, -17, 33, -11, 40, -15, 41, -6,
        38, 1, 41, 17, 30, -6, 27, 3, 26, 22, 37, -16, 35, -4, 38, -8,
        38, -3, 37, 3, 38, 5, 42, 0, 35, 16, 39, 22, 14, 48, 27, 37,
        21, 60, 12, 68, 2, 97, -3, 71, -6, 42, -5, 50, -3, 54, -2, 62,
        0, 58, 1, 63, -2, 72, -1, 74, -9, 91, -5, 67, -5, 27, -3, 39,
        -2, 44, 0, 46, -16, 64, -8, 68, -10, 78, -6, 77, -10, 86, -12, 92,
        -15, 55, -10, 60, -6, 62, -4, 65, -12, 73, -8, 76, -7, 80, -9, 88,
        -17, 110, -11, 97, -20, 84, -11, 79, -6, 73, -4, 74, -13, 86, -13, 96,
        -11, 97, -19, 117, -8, 78, -5, 33, -4, 48, -2, 53, -3, 62, -13, 71,
        -10, 79, -12, 86, -13, 90, -14, 97,
    };

    /** (m, n) for ctxIdx 0..275 in P slices with cabac_init_idc 0, two entries per ctxIdx. */
    static final byte[] MN_P0 = {
        20, -15, 2, 54, 3, 74, 20, -15, 2, 54, 3, 74, -28, 127, -23, 104,
        -6, 53, -1, 54, 7, 51, 23, 33, 23, 2, 21, 0, 1, 9, 0, 49,
        -37, 118, 5, 57, -13, 78, -11, 65, 1, 62, 12, 49, -4, 73, 17, 50,
        18, 64, 9, 43, 29, 0, 26, 67, 16, 90, 9, 104, -46, 127, -20, 104,
        1, 67, -13, 78, -11, 65, 1, 62, -6, 86, -17, 95, -6, 61, 9, 45,
        -3, 69, -6, 81, -11, 96, 6, 55, 7, 67, -5, 86, 2, 88, 0, 58,
        -3, 76, -10, 94, 5, 54, 4, 69, -3, 81, 0, 88, -7, 67, -5, 74,
        -4, 74, -5, 80, -7, 72, 1, 58, 0, 41, 0, 63, 0, 63, 0, 63,
        -9, 83, 4, 86, 0, 97, -7, 72, 13, 41, 3, 62, 0, 45, -4, 78,
        -3, 96, -27, 126, -28, 98, -25, 101, -23, 67, -28, 82, -20, 94, -16, 83,
        -22, 110, -21, 91, -18, 102, -13, 93, -29, 127, -7, 92, -5, 89, -7, 96,
        -13, 108, -3, 46, -1, 65, -1, 57, -9, 93, -3, 74, -9, 92, -8, 87,
        -23, 126, 5, 54, 6, 60, 6, 59, 6, 69, -1, 48, 0, 68, -4, 69,
        -8, 88, -2, 85, -6, 78, -1, 75, -7, 77, 2, 54, 5, 50, -3, 68,
        1, 50, 6, 42, -4, 81, 1, 63, -4, 70, 0, 67, 2, 57, -2, 76,
        11, 35, 4, 64, 1, 61, 11, 35, 18, 25, 12, 24, 13, 29, 13, 36,
        -10, 93, -7, 73, -2, 73, 13, 46, 9, 49, -7, 100, 9, 53, 2, 53,
        5, 53, -2, 61, 0, 56, 0, 56, -13, 63, -5, 60, -1, 62, 4, 57,
        -6, 69, 4, 57, 14, 39, 4, 51, 13, 68, 3, 64, 1, 61, 9, 63,
        7, 50, 16, 39, 5, 44, 4, 52, 11, 48, -5, 60, -1, 59, 0, 59,
        22, 33, 5, 44, 14, 43, -1, 78, 0, 60, 9, 69, 11, 28, 2, 40,
        3, 44, 0, 49, 0, 46, 2, 44, 2, 51, 0, 47, 4, 39, 2, 62,
        6, 46, 0, 54, 3, 54, 2, 58, 4, 63, 6, 51, 6, 57, 7, 53,
        6, 52, 6, 55, 11, 45, 14, 36, 8, 53, -1, 82, 7, 55, -3, 78,
        15, 46, 22, 31, -1, 84, 25, 7, 30, -7, 28, 3, 28, 4, 32, 0,
        34, -1, 30, 6, 30, 6, 32, 9, 31, 19, 26, 27, 26, 30, 37, 20,
        28, 34, 17, 70, 1, 67, 5, 59, 9, 67, 16, 30, 18, 32, 18, 35,
        22, 29, 24, 31, 23, 38, 18, 43, 20, 41, 11, 63, 9, 59, 9, 64,
        -1, 94, -2, 89, -9, 108, -6, 76, -2, 44, 0, 45, 0, 52, -3, 64,
        -2, 59, -4, 70, -4, 75, -8, 82, -17, 102, -9, 77, 3, 24, 0, 42,
        0, 48, 0, 55, -6, 59, -7, 71, -12, 83, -11, 87, -30, 119, 1, 58,
        -3, 29, -1, 36, 1, 38, 2, 43, -6, 55, 0, 58, 0, 64, -3, 74,
        -10, 90, 0, 70, -4, 29, 5, 31, 7, 42, 1, 59, -2, 58, -3, 72,
        -3, 81, -11, 97, 0, 58, 8, 5, 10, 14, 14, 18, 13, 27, 2, 40,
        0, 58, -3, 70, -6, 79, -8, 85,
    };

    /** Per context pStateIdx * 2 + valMPS: one load and one store per decision. */
    private final int[] state = new int[CONTEXTS];

    /** The next state * 2 + valMPS after coding the MPS, by the current one. */
    private static final int[] AFTER_MPS = new int[128];
    /** The next state * 2 + valMPS after coding the LPS (valMPS flips at pStateIdx 0). */
    private static final int[] AFTER_LPS = new int[128];

    /** {@link #AFTER_MPS} and {@link #AFTER_LPS} interleaved: index (state * 2 + valMPS) * 2 + isLps. */
    private static final int[] AFTER = new int[256];

    static {
        for (int s = 0; s < 64; s++) {
            for (int m = 0; m < 2; m++) {
                AFTER_MPS[s * 2 + m] = Math.min(s + 1, 62) * 2 + m;
                AFTER_LPS[s * 2 + m] = NEXT_LPS[s] * 2 + (s == 0 ? 1 - m : m);
                AFTER[(s * 2 + m) * 2] = AFTER_MPS[s * 2 + m];
                AFTER[(s * 2 + m) * 2 + 1] = AFTER_LPS[s * 2 + m];
            }
        }
    }

    private BitWriter bw;
    /**
     * codILow of clause 9.3.4.2 in its low 10 bits; above them the {@link #pending} bits that left
     * the register but are not yet written (a carry can still reach them), and above those a
     * possible carry into bytes already held back.
     */
    private long low;

    private int range;
    /** Bits above the 10-bit register; starts at -1 because the first bit out is never written. */
    private int pending;
    /** The last finished byte, kept back because a carry may still add 1 to it; -1 for none. */
    private int held;
    /** 0xFF bytes after {@link #held}, kept back too (a carry turns them into 0x00). */
    private int heldFF;

    /**
     * Initialises every context for a slice (9.3.1.1) and the engine (9.3.1.2); {@code bw} must be
     * byte-aligned (cabac_alignment_one_bit written).
     */
    public void start(BitWriter bw, boolean intraSlice, int sliceQp) {
        this.bw = bw;
        byte[] mn = intraSlice ? MN_I : MN_P0;
        int qp = Math.max(0, Math.min(51, sliceQp));
        for (int i = 0; i < CONTEXTS; i++) {
            int pre = ((mn[2 * i] * qp) >> 4) + mn[2 * i + 1];
            pre = pre < 1 ? 1 : pre > 126 ? 126 : pre;
            state[i] = pre <= 63 ? (63 - pre) * 2 : (pre - 64) * 2 + 1;
        }
        low = 0;
        range = 510;
        pending = -1;
        held = -1;
        heldFF = 0;
    }

    /** rangeTabLPS for context {@code ctx} at codIRange {@code range} (for tests). */
    int rangeLps(int ctx, int range) {
        return RANGE_LPS[((state[ctx] >> 1) << 2) + ((range >> 6) & 3)];
    }

    /** valMPS of context {@code ctx} (for tests). */
    int mps(int ctx) {
        return state[ctx] & 1;
    }

    /** One queued bin for {@link #decision} and {@link #bypass}. */
    private final int[] single = new int[1];

    /** Encodes one bin with context {@code ctx} (9.3.4.2); see {@link #encodeBins}. */
    public void decision(int ctx, int bin) {
        single[0] = ctx << 1 | bin;
        encodeBins(single, 1);
    }

    /** Context number that marks a queued bypass bin in {@link #encodeBins}. */
    static final int BYPASS_CTX = 511;

    /**
     * Codes queued bins in order (9.3.4.2, 9.3.4.4): each entry is {@code ctx << 1 | bin}, a regular
     * bin with context ctx or, with ctx {@link #BYPASS_CTX}, an equiprobable one. The engine's
     * registers stay in local variables for the whole run. A regular bin is coded without
     * data-dependent branches (the JIT turns the selections into conditional moves): whether a bin
     * is the LPS is a coin toss for the branch predictor, and a mispredicted branch per bin cost
     * more than the arithmetic. Renormalisation shifts by 0 when the range needs none.
     */
    void encodeBins(int[] q, int n) {
        int[] state = this.state;
        int range = this.range;
        long low = this.low;
        int pending = this.pending;
        for (int k = 0; k < n; k++) {
            int e = q[k];
            int ctx = e >>> 1;
            int bin = e & 1;
            if (ctx == BYPASS_CTX) {
                low = (low << 1) + (range & -bin);
                pending++;
            } else {
                int v = state[ctx];
                int lps = RANGE_LPS[((v >> 1) << 2) + ((range >> 6) & 3)];
                int isLps = bin ^ (v & 1);
                int mps = range - lps;
                int r = isLps != 0 ? lps : mps;
                long lo = low + (isLps != 0 ? mps : 0);
                state[ctx] = AFTER[(v << 1) | isLps];
                int shift = Integer.numberOfLeadingZeros(r) - 23;
                range = r << shift;
                low = lo << shift;
                pending += shift;
            }
            if (pending >= 8) {
                this.low = low;
                this.pending = pending;
                shipByte();
                low = this.low;
                pending = this.pending;
            }
        }
        this.range = range;
        this.low = low;
        this.pending = pending;
    }

    /** Moves the top 8 pending bits (and any carry above them) towards the output. */
    private void shipByte() {
        int drop = 10 + pending - 8;
        int b = (int) (low >> drop);
        low &= (1L << drop) - 1;
        pending -= 8;
        if (b == 0xFF) {
            heldFF++;
            return;
        }
        int carry = b >> 8;
        if (held >= 0) {
            bw.u(8, held + carry);
        }
        for (; heldFF > 0; heldFF--) {
            bw.u(8, 0xFF + carry);
        }
        held = b & 0xFF;
    }

    /** Encodes one equiprobable bin (9.3.4.4). */
    public void bypass(int bin) {
        single[0] = BYPASS_CTX << 1 | bin;
        encodeBins(single, 1);
    }

    /** Encodes the low {@code n} bits of {@code value} as bypass bins, most significant first. */
    public void bypassBits(int value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            bypass((value >> i) & 1);
        }
    }

    /**
     * Encodes a terminating bin (9.3.4.5): end_of_slice_flag or the I_PCM bin of mb_type. A 1 ends
     * the arithmetic codeword: the flush writes the last bits including rbsp_stop_one_bit and the
     * alignment zero bits, leaving {@code bw} byte-aligned.
     */
    public void terminate(int bin) {
        range -= 2;
        if (bin == 0) {
            if (range < 256) {
                range <<= 1;
                low <<= 1;
                if (++pending >= 8) {
                    shipByte();
                }
            }
            return;
        }
        low += range;
        // EncodeFlush: range 2 renormalises by 7 doublings; then bits 9 and 8 of the register are
        // written and bit 7 is replaced by rbsp_stop_one_bit
        low <<= 7;
        pending += 7;
        if (pending >= 8) {
            shipByte();
        }
        low = ((low >> 7) | 1) << 10; // the three last bits join the pending ones; the register is empty
        pending += 3;
        int pad = (8 - (pending & 7)) & 7; // rbsp_alignment_zero_bits
        low <<= pad;
        pending += pad;
        while (pending >= 8) {
            shipByte();
        }
        if (held >= 0) {
            bw.u(8, held);
        }
        for (; heldFF > 0; heldFF--) {
            bw.u(8, 0xFF);
        }
        held = -1;
    }

    /**
     * Exp-Golomb bypass suffix of order {@code k} (UEGk, 9.3.2.3) for {@code value} >= 0, as
     * mvd (k = 3) and coeff_abs_level_minus1 (k = 0) use after their unary prefix.
     */
    public void expGolombBypass(int value, int k) {
        while (value >= (1 << k)) {
            bypass(1);
            value -= 1 << k;
            k++;
        }
        bypass(0);
        if (k > 0) {
            bypassBits(value, k);
        }
    }
}
