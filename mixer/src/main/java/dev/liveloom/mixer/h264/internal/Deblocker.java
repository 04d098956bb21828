package dev.liveloom.mixer.h264.internal;

/**
 * The in-loop deblocking filter (H.264 clause 8.7) for frame pictures with inter partitions down to
 * 4x4 blocks, one reference picture and one QP per picture, with slice filter offsets 0. Runs over a whole
 * reconstructed picture, macroblock by macroblock in raster order: luma vertical edges left to
 * right, luma horizontal edges top to bottom, then the same for both chroma planes.
 */
final class Deblocker {
    /** alpha' (Table 8-16) by indexA. */
    static final int[] ALPHA = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 17, 20, 22, 25, 28, 32, 36,
        40, 45, 50, 56, 63, 71, 80, 90, 101, 113, 127, 144, 162, 182, 203, 226, 255, 255
    };

    /** beta' (Table 8-16) by indexB. */
    static final int[] BETA = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18
    };

    /** tC0 (Table 8-17) by indexA, for bS 1, 2, 3. */
    static final int[][] TC0 = new int[52][];

    static {
        int[][] hi = {
            {0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 1, 1}, {0, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1},
            {1, 1, 1}, {1, 1, 2}, {1, 1, 2}, {1, 1, 2}, {1, 1, 2}, {1, 2, 3}, {1, 2, 3}, {2, 2, 3}, {2, 2, 4},
            {2, 3, 4}, {2, 3, 4}, {3, 3, 5}, {3, 4, 6}, {3, 4, 6}, {4, 5, 7}, {4, 5, 8}, {4, 6, 9}, {5, 7, 10},
            {6, 8, 11}, {6, 8, 13}, {7, 10, 14}, {8, 11, 16}, {9, 12, 18}, {10, 13, 20}, {11, 15, 23}, {13, 17, 25}
        };
        for (int i = 0; i < 52; i++) {
            TC0[i] = i < 17 ? new int[] {0, 0, 0} : hi[i - 17];
        }
    }

    private final int mbw;
    private final int mbh;
    private final int[] bsV = new int[16]; // [edge * 4 + block row]
    private final int[] bsH = new int[16]; // [edge * 4 + block column]

    Deblocker(int mbw, int mbh) {
        this.mbw = mbw;
        this.mbh = mbh;
    }

    private static boolean intra(int type) {
        return type == FrameEncoder.MB_I4 || type == FrameEncoder.MB_I16;
    }

    /**
     * Filters {@code pic} in place; {@code mvx}, {@code mvy} and {@code nzY} are per 4x4 luma block
     * in the picture's raster of 4x4 blocks.
     */
    void filter(Picture pic, int[] mbType, int[] mvx, int[] mvy, int[] nzY, int qp) {
        int alphaY = ALPHA[qp];
        int betaY = BETA[qp];
        int[] tcY = TC0[qp];
        int qpc = Transform.CHROMA_QP[qp];
        int alphaC = ALPHA[qpc];
        int betaC = BETA[qpc];
        int[] tcC = TC0[qpc];
        if (alphaY == 0 && alphaC == 0) {
            return; // indexA below 16: the filter changes nothing
        }
        int nzStride = mbw * 4;
        for (int mby = 0; mby < mbh; mby++) {
            for (int mbx = 0; mbx < mbw; mbx++) {
                int mb = mby * mbw + mbx;
                boolean cur = intra(mbType[mb]);
                int any = 0;
                for (int k = 0; k < 4; k++) {
                    // macroblock edges: the neighbour macroblock decides
                    int q = (mby * 4 + k) * nzStride + mbx * 4;
                    int bs = 0;
                    if (mbx > 0) {
                        bs = strength(true, cur, mbType[mb - 1], nzY, mvx, mvy, q, q - 1);
                    }
                    bsV[k] = bs;
                    any |= bs;
                    q = mby * 4 * nzStride + mbx * 4 + k;
                    bs = 0;
                    if (mby > 0) {
                        bs = strength(true, cur, mbType[mb - mbw], nzY, mvx, mvy, q, q - nzStride);
                    }
                    bsH[k] = bs;
                    any |= bs;
                }
                // inner edges: intra, coefficients or (with partitions) differing vectors decide
                int base = mby * 4 * nzStride + mbx * 4;
                for (int e = 1; e < 4; e++) {
                    for (int k = 0; k < 4; k++) {
                        int bsv;
                        int bsh;
                        if (cur) {
                            bsv = 3;
                            bsh = 3;
                        } else {
                            int v = base + k * nzStride + e;
                            bsv = strength(false, false, FrameEncoder.MB_P16, nzY, mvx, mvy, v, v - 1);
                            int h = base + e * nzStride + k;
                            bsh = strength(false, false, FrameEncoder.MB_P16, nzY, mvx, mvy, h, h - nzStride);
                        }
                        bsV[e * 4 + k] = bsv;
                        bsH[e * 4 + k] = bsh;
                        any |= bsv | bsh;
                    }
                }
                if (any == 0) {
                    continue;
                }
                int sy = pic.strideY;
                int oy = pic.originY + mby * 16 * sy + mbx * 16;
                if (alphaY != 0) {
                    for (int e = 0; e < 4; e++) {
                        for (int r = 0; r < 16; r++) {
                            int bs = bsV[e * 4 + (r >> 2)];
                            if (bs != 0) {
                                lumaLine(pic.y, oy + r * sy + e * 4, 1, bs, alphaY, betaY, tcY);
                            }
                        }
                    }
                    for (int e = 0; e < 4; e++) {
                        for (int c = 0; c < 16; c++) {
                            int bs = bsH[e * 4 + (c >> 2)];
                            if (bs != 0) {
                                lumaLine(pic.y, oy + e * 4 * sy + c, sy, bs, alphaY, betaY, tcY);
                            }
                        }
                    }
                }
                if (alphaC != 0) {
                    int sc = pic.strideC;
                    int oc = pic.originC + mby * 8 * sc + mbx * 8;
                    for (int plane = 0; plane < 2; plane++) {
                        byte[] p = plane == 0 ? pic.u : pic.v;
                        for (int e = 0; e < 2; e++) {
                            for (int r = 0; r < 8; r++) {
                                int bs = bsV[e * 8 + (r >> 1)];
                                if (bs != 0) {
                                    chromaLine(p, oc + r * sc + e * 4, 1, bs, alphaC, betaC, tcC);
                                }
                            }
                        }
                        for (int e = 0; e < 2; e++) {
                            for (int c = 0; c < 8; c++) {
                                int bs = bsH[e * 8 + (c >> 1)];
                                if (bs != 0) {
                                    chromaLine(p, oc + e * 4 * sc + c, sc, bs, alphaC, betaC, tcC);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Boundary strength (8.7.2.1) between 4x4 block q of the current macroblock and its neighbour
     * block p (indices into the per-block arrays); {@code pType} is p's macroblock type. One
     * reference picture and one vector per block: bS 1 when the vectors differ by 4 quarter
     * samples or more in either component.
     */
    private static int strength(
            boolean mbEdge, boolean qIntra, int pType, int[] nz, int[] mvx, int[] mvy, int q, int p) {
        if (qIntra || intra(pType)) {
            return mbEdge ? 4 : 3;
        }
        if (nz[q] != 0 || nz[p] != 0) {
            return 2;
        }
        if (Math.abs(mvx[q] - mvx[p]) >= 4 || Math.abs(mvy[q] - mvy[p]) >= 4) {
            return 1;
        }
        return 0;
    }

    private static int clip3(int lo, int hi, int v) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    private static int clip1(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /** Filters one line of luma samples across an edge; {@code i} is q0, {@code step} crosses the edge. */
    private static void lumaLine(byte[] s, int i, int step, int bs, int alpha, int beta, int[] tc0t) {
        int p0 = s[i - step] & 0xff;
        int q0 = s[i] & 0xff;
        int p1 = s[i - 2 * step] & 0xff;
        int q1 = s[i + step] & 0xff;
        if (Math.abs(p0 - q0) >= alpha || Math.abs(p1 - p0) >= beta || Math.abs(q1 - q0) >= beta) {
            return;
        }
        int p2 = s[i - 3 * step] & 0xff;
        int q2 = s[i + 2 * step] & 0xff;
        int ap = Math.abs(p2 - p0);
        int aq = Math.abs(q2 - q0);
        if (bs < 4) {
            int tc0 = tc0t[bs - 1];
            int tc = tc0 + (ap < beta ? 1 : 0) + (aq < beta ? 1 : 0);
            int delta = clip3(-tc, tc, (((q0 - p0) << 2) + (p1 - q1) + 4) >> 3);
            s[i - step] = (byte) clip1(p0 + delta);
            s[i] = (byte) clip1(q0 - delta);
            if (ap < beta) {
                s[i - 2 * step] = (byte) (p1 + clip3(-tc0, tc0, (p2 + ((p0 + q0 + 1) >> 1) - (p1 << 1)) >> 1));
            }
            if (aq < beta) {
                s[i + step] = (byte) (q1 + clip3(-tc0, tc0, (q2 + ((p0 + q0 + 1) >> 1) - (q1 << 1)) >> 1));
            }
        } else {
            boolean strong = Math.abs(p0 - q0) < ((alpha >> 2) + 2);
            if (ap < beta && strong) {
                int p3 = s[i - 4 * step] & 0xff;
                s[i - step] = (byte) ((p2 + 2 * p1 + 2 * p0 + 2 * q0 + q1 + 4) >> 3);
                s[i - 2 * step] = (byte) ((p2 + p1 + p0 + q0 + 2) >> 2);
                s[i - 3 * step] = (byte) ((2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
            } else {
                s[i - step] = (byte) ((2 * p1 + p0 + q1 + 2) >> 2);
            }
            if (aq < beta && strong) {
                int q3 = s[i + 3 * step] & 0xff;
                s[i] = (byte) ((p1 + 2 * p0 + 2 * q0 + 2 * q1 + q2 + 4) >> 3);
                s[i + step] = (byte) ((p0 + q0 + q1 + q2 + 2) >> 2);
                s[i + 2 * step] = (byte) ((2 * q3 + 3 * q2 + q1 + q0 + p0 + 4) >> 3);
            } else {
                s[i] = (byte) ((2 * q1 + q0 + p1 + 2) >> 2);
            }
        }
    }

    private static void chromaLine(byte[] s, int i, int step, int bs, int alpha, int beta, int[] tc0t) {
        int p0 = s[i - step] & 0xff;
        int q0 = s[i] & 0xff;
        int p1 = s[i - 2 * step] & 0xff;
        int q1 = s[i + step] & 0xff;
        if (Math.abs(p0 - q0) >= alpha || Math.abs(p1 - p0) >= beta || Math.abs(q1 - q0) >= beta) {
            return;
        }
        if (bs < 4) {
            int tc = tc0t[bs - 1] + 1;
            int delta = clip3(-tc, tc, (((q0 - p0) << 2) + (p1 - q1) + 4) >> 3);
            s[i - step] = (byte) clip1(p0 + delta);
            s[i] = (byte) clip1(q0 - delta);
        } else {
            s[i - step] = (byte) ((2 * p1 + p0 + q1 + 2) >> 2);
            s[i] = (byte) ((2 * q1 + q0 + p1 + 2) >> 2);
        }
    }
}
