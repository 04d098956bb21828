package dev.liveloom.mixer.h264.internal;

/**
 * Binarisation and context selection of the macroblock-layer syntax elements this encoder emits,
 * coded with {@link CabacEncoder} (H.264 clauses 9.3.2 and 9.3.3.1). Context increments that depend
 * on neighbouring macroblocks are derived by the caller, which owns that state, and passed in.
 */
public final class CabacWriter {
    // ctxIdxOffset values (Table 9-34), frame coded macroblocks
    private static final int MB_TYPE_I = 3;
    private static final int MB_SKIP_P = 11;
    private static final int MB_TYPE_P_PREFIX = 14;
    private static final int MB_TYPE_P_SUFFIX = 17;
    private static final int SUB_MB_TYPE_P = 21;
    private static final int MVD_X = 40;
    private static final int MVD_Y = 47;
    private static final int QP_DELTA = 60;
    private static final int CHROMA_PRED = 64;
    private static final int PREV_I4_FLAG = 68;
    private static final int REM_I4_MODE = 69;
    private static final int CBP_LUMA = 73;
    private static final int CBP_CHROMA = 77;
    private static final int CODED_BLOCK_FLAG = 85;
    private static final int SIGNIFICANT = 105;
    private static final int LAST = 166;
    private static final int ABS_LEVEL = 227;

    /** Residual block categories (ctxBlockCat, Table 9-42) for 4:2:0 without the 8x8 transform. */
    public static final int CAT_LUMA_DC = 0, CAT_LUMA_AC = 1, CAT_LUMA_4X4 = 2, CAT_CHROMA_DC = 3, CAT_CHROMA_AC = 4;

    private static final int[] CBF_CAT_OFFSET = {0, 4, 8, 12, 16};
    private static final int[] SIG_CAT_OFFSET = {0, 15, 29, 44, 47};
    private static final int[] ABS_CAT_OFFSET = {0, 10, 20, 30, 39};

    private final CabacEncoder enc = new CabacEncoder();

    public CabacEncoder engine() {
        return enc;
    }

    /** mb_skip_flag; {@code ctxInc} counts the available, non-skipped neighbours A and B. */
    public void mbSkip(int ctxInc, boolean skip) {
        enc.decision(MB_SKIP_P + ctxInc, skip ? 1 : 0);
    }

    /**
     * mb_type of an intra macroblock. In an I slice {@code ctxInc} counts the neighbours A and B that
     * are available and not I_NxN; in a P slice the prefix "1" is written first and the increment
     * is not used.
     *
     * @param i16Mode the Intra16x16 prediction mode, or -1 for I_NxN
     */
    public void mbTypeIntra(boolean pSlice, int ctxInc, int i16Mode, boolean lumaAc, int cbpChroma) {
        if (pSlice) {
            enc.decision(MB_TYPE_P_PREFIX, 1);
            if (i16Mode < 0) {
                enc.decision(MB_TYPE_P_SUFFIX, 0);
                return;
            }
            enc.decision(MB_TYPE_P_SUFFIX, 1);
            enc.terminate(0); // not I_PCM
            enc.decision(MB_TYPE_P_SUFFIX + 1, lumaAc ? 1 : 0);
            enc.decision(MB_TYPE_P_SUFFIX + 2, cbpChroma != 0 ? 1 : 0);
            if (cbpChroma != 0) {
                enc.decision(MB_TYPE_P_SUFFIX + 2, cbpChroma == 2 ? 1 : 0);
            }
            enc.decision(MB_TYPE_P_SUFFIX + 3, i16Mode >> 1);
            enc.decision(MB_TYPE_P_SUFFIX + 3, i16Mode & 1);
            return;
        }
        if (i16Mode < 0) {
            enc.decision(MB_TYPE_I + ctxInc, 0);
            return;
        }
        enc.decision(MB_TYPE_I + ctxInc, 1);
        enc.terminate(0); // not I_PCM
        enc.decision(MB_TYPE_I + 3, lumaAc ? 1 : 0);
        enc.decision(MB_TYPE_I + 4, cbpChroma != 0 ? 1 : 0);
        if (cbpChroma != 0) {
            enc.decision(MB_TYPE_I + 5, cbpChroma == 2 ? 1 : 0);
        }
        enc.decision(MB_TYPE_I + 6, i16Mode >> 1);
        enc.decision(MB_TYPE_I + 7, i16Mode & 1);
    }

    /** mb_type P_L0_16x16 in a P slice: bins 0 0 0. */
    public void mbTypeP16x16() {
        mbTypeP(0);
    }

    /**
     * mb_type of an inter macroblock in a P slice (Table 9-37): 0 P_L0_16x16 "000", 1 P_L0_L0_16x8
     * "011", 2 P_L0_L0_8x16 "010", 3 P_8x8 "001"; the third bin's ctxIdxInc is 2 after a second
     * bin 0, else 3 (9.3.3.1.2).
     */
    public void mbTypeP(int type) {
        int b1 = type == 1 || type == 2 ? 1 : 0;
        int b2 = type == 1 || type == 3 ? 1 : 0;
        enc.decision(MB_TYPE_P_PREFIX, 0);
        enc.decision(MB_TYPE_P_PREFIX + 1, b1);
        enc.decision(MB_TYPE_P_PREFIX + (b1 == 0 ? 2 : 3), b2);
    }

    /** sub_mb_type P_L0_8x8 in a P slice (Table 9-38): the single bin 1 at ctxIdx 21. */
    public void subMbTypeP8x8() {
        enc.decision(SUB_MB_TYPE_P, 1);
    }

    /** prev_intra4x4_pred_mode_flag and, when the mode differs from the prediction, rem_intra4x4_pred_mode. */
    public void intra4x4Mode(int mode, int predMode) {
        if (mode == predMode) {
            enc.decision(PREV_I4_FLAG, 1);
            return;
        }
        enc.decision(PREV_I4_FLAG, 0);
        int rem = mode < predMode ? mode : mode - 1;
        enc.decision(REM_I4_MODE, rem & 1); // fixed length, least significant bin first
        enc.decision(REM_I4_MODE, (rem >> 1) & 1);
        enc.decision(REM_I4_MODE, (rem >> 2) & 1);
    }

    /** intra_chroma_pred_mode (truncated unary, cMax 3); {@code ctxInc} counts neighbours with a mode other than DC. */
    public void chromaPredMode(int ctxInc, int mode) {
        enc.decision(CHROMA_PRED + ctxInc, mode > 0 ? 1 : 0);
        if (mode > 0) {
            enc.decision(CHROMA_PRED + 3, mode > 1 ? 1 : 0);
            if (mode > 1) {
                enc.decision(CHROMA_PRED + 3, mode > 2 ? 1 : 0);
            }
        }
    }

    /**
     * coded_block_pattern (9.3.2.6, 9.3.3.1.1.4). The neighbour patterns are what the context
     * derivation sees: for an unavailable neighbour pass luma 15 and chroma 0, for P_Skip luma 0
     * and chroma 0.
     */
    public void codedBlockPattern(int cbpLuma, int cbpChroma, int leftCbp, int topCbp) {
        for (int b8 = 0; b8 < 4; b8++) {
            int bx = b8 & 1;
            int by = b8 >> 1;
            // bit of the 8x8 block to the left and above: inside this macroblock or the neighbour
            int a = bx == 1 ? (cbpLuma >> (b8 - 1)) & 1 : (leftCbp >> (b8 + 1)) & 1;
            int b = by == 1 ? (cbpLuma >> (b8 - 2)) & 1 : (topCbp >> (b8 + 2)) & 1;
            int ctxInc = (a == 0 ? 1 : 0) + (b == 0 ? 2 : 0);
            enc.decision(CBP_LUMA + ctxInc, (cbpLuma >> b8) & 1);
        }
        int leftC = (leftCbp >> 4) & 3;
        int topC = (topCbp >> 4) & 3;
        int ctxInc = (leftC != 0 ? 1 : 0) + (topC != 0 ? 2 : 0);
        enc.decision(CBP_CHROMA + ctxInc, cbpChroma != 0 ? 1 : 0);
        if (cbpChroma != 0) {
            ctxInc = (leftC == 2 ? 1 : 0) + (topC == 2 ? 2 : 0) + 4;
            enc.decision(CBP_CHROMA + ctxInc, cbpChroma == 2 ? 1 : 0);
        }
    }

    /** mb_qp_delta of 0 (this encoder keeps one QP per slice, so the previous delta is 0 too). */
    public void qpDeltaZero() {
        enc.decision(QP_DELTA, 0);
    }

    /**
     * One mvd component (UEG3, signed, uCoff 9). {@code absSum} is absMvdComp of neighbour A plus
     * that of B.
     */
    public void mvd(boolean vertical, int absSum, int mvd) {
        int base = vertical ? MVD_Y : MVD_X;
        int ctxInc = absSum < 3 ? 0 : absSum <= 32 ? 1 : 2;
        int abs = mvd < 0 ? -mvd : mvd;
        if (abs == 0) {
            enc.decision(base + ctxInc, 0);
            return;
        }
        enc.decision(base + ctxInc, 1);
        int prefix = Math.min(abs, 9);
        for (int i = 1; i < prefix; i++) {
            enc.decision(base + Math.min(i + 2, 6), 1);
        }
        if (abs < 9) {
            enc.decision(base + Math.min(prefix + 2, 6), 0);
        } else {
            enc.expGolombBypass(abs - 9, 3);
        }
        enc.bypass(mvd < 0 ? 1 : 0);
    }

    /**
     * Bins of one residual block, queued for {@link CabacEncoder#encodeBins}: at most 31 for
     * coded_block_flag and the significance map, and per coefficient 1 + 13 level bins, a UEG0
     * suffix of at most 2 * 31 + 1 bins and the sign: 1280 cover any int level.
     */
    private final int[] q = new int[1280];

    private static final int BY = CabacEncoder.BYPASS_CTX << 1;

    /** The non-zero coefficients of the block being coded, in scan order. */
    private final int[] nzc = new int[16];

    /**
     * residual_block_cabac() for the coefficients {@code coeffs[off .. off + maxNumCoeff)} in scan
     * order: coded_block_flag, significance map, then levels in reverse scan order.
     *
     * @param cbfCtxInc condTermFlagA + 2 * condTermFlagB for coded_block_flag
     * @return the number of non-zero coefficients
     */
    public int residual(int cat, int[] coeffs, int off, int maxNumCoeff, int cbfCtxInc) {
        int last = maxNumCoeff - 1;
        while (last >= 0 && coeffs[off + last] == 0) {
            last--;
        }
        int cbf = CODED_BLOCK_FLAG + CBF_CAT_OFFSET[cat] + cbfCtxInc;
        if (last < 0) {
            enc.decision(cbf, 0);
            return 0;
        }
        int[] q = this.q;
        int[] nzc = this.nzc;
        int n = 0;
        q[n++] = cbf << 1 | 1;
        int sig = (SIGNIFICANT + SIG_CAT_OFFSET[cat]) << 1;
        int lst = (LAST + SIG_CAT_OFFSET[cat]) << 1;
        boolean chromaDc = cat == CAT_CHROMA_DC;
        // the significance map, without a branch per coefficient: each position's sig bin, and
        // after a significant one its (zero) last bin, which the next entry overwrites otherwise.
        // Before the last coefficient each significant one says it is not the last; the last
        // says so unless it sits at the end of the block, where it is inferred
        int count = 0;
        int flat = chromaDc ? Math.min(last, 2) : last;
        for (int i = 0; i < last; i++) {
            int inc = (i < flat ? i : 2) << 1;
            int c = coeffs[off + i];
            int nz = c != 0 ? 1 : 0;
            q[n] = sig + inc + nz;
            q[n + 1] = lst + inc;
            n += 1 + nz;
            nzc[count] = c;
            count += nz;
        }
        nzc[count++] = coeffs[off + last];
        if (last < maxNumCoeff - 1) {
            int inc = (chromaDc ? Math.min(last, 2) : last) << 1;
            q[n++] = sig + inc + 1;
            q[n++] = lst + inc + 1;
        }
        int abs = ABS_LEVEL + ABS_CAT_OFFSET[cat];
        int gt1Cap = chromaDc ? 3 : 4;
        int eq1 = 0;
        int gt1 = 0;
        for (int k = count - 1; k >= 0; k--) {
            int c = nzc[k];
            int a = (c < 0 ? -c : c) - 1;
            int ctx0 = abs + (gt1 != 0 ? 0 : Math.min(4, 1 + eq1));
            int more = a != 0 ? 1 : 0;
            q[n++] = ctx0 << 1 | more;
            int ctxN = (abs + 5 + Math.min(gt1Cap, gt1)) << 1;
            if (a >= 14) {
                for (int j = 1; j < 14; j++) {
                    q[n++] = ctxN | 1;
                }
                // UEG0 suffix as bypass bins
                int value = a - 14;
                int e = 0;
                while (value >= (1 << e)) {
                    q[n++] = BY | 1;
                    value -= 1 << e;
                    e++;
                }
                q[n++] = BY;
                for (int b = e - 1; b >= 0; b--) {
                    q[n++] = BY | ((value >> b) & 1);
                }
            } else {
                for (int j = 1; j < a; j++) {
                    q[n++] = ctxN | 1;
                }
                q[n] = ctxN; // the unary prefix's closing zero, kept when the level exceeds 1
                n += more;
            }
            eq1 += 1 - more;
            gt1 += more;
            q[n++] = BY | (c >>> 31);
        }
        enc.encodeBins(q, n);
        return count;
    }
}
