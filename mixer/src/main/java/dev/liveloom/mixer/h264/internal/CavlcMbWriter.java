package dev.liveloom.mixer.h264.internal;

/**
 * The CAVLC macroblock layer (Baseline): mb_skip_run, mb_type, prediction modes, coded_block_pattern
 * and residual_block_cavlc() with nC from the neighbouring blocks (9.2.1).
 */
final class CavlcMbWriter implements MbWriter {
    private static final int[] INTRA_CBP_CODE = new int[48];
    private static final int[] INTER_CBP_CODE = new int[48];

    static {
        // coded_block_pattern -> codeNum (Table 9-4, ChromaArrayType 1)
        int[] intra = {
            47, 31, 15, 0, 23, 27, 29, 30, 7, 11, 13, 14, 39, 43, 45, 46, 16, 3, 5, 10, 12, 19, 21, 26, 28, 35, 37, 42,
            44, 1, 2, 4, 8, 17, 18, 20, 24, 6, 9, 22, 25, 32, 33, 34, 36, 40, 38, 41
        };
        int[] inter = {
            0, 16, 1, 2, 4, 8, 32, 3, 5, 10, 12, 15, 47, 7, 11, 13, 14, 6, 9, 31, 35, 37, 42, 44, 33, 34, 36, 40, 39,
            43, 45, 46, 17, 18, 20, 24, 19, 21, 26, 28, 23, 27, 29, 30, 22, 25, 38, 41
        };
        for (int code = 0; code < 48; code++) {
            INTRA_CBP_CODE[intra[code]] = code;
            INTER_CBP_CODE[inter[code]] = code;
        }
    }

    private final MbInfo info;
    private final MbCoeffs co;
    private final int mbw;
    private final CavlcWriter cavlc = new CavlcWriter();
    private BitWriter bw;
    private int sliceFirstRow;
    private int skipRun;

    CavlcMbWriter(MbInfo info, MbCoeffs co) {
        this.info = info;
        this.co = co;
        this.mbw = info.mbw;
    }

    @Override
    public void startSlice(BitWriter bw, int firstRow, boolean pSlice, int qp) {
        this.bw = bw;
        this.sliceFirstRow = firstRow;
        skipRun = 0;
    }

    @Override
    public void endMb(boolean last) {}

    @Override
    public void finishSlice(boolean pSlice) {
        if (pSlice && skipRun > 0) {
            bw.ue(skipRun);
        }
        bw.trailingBits();
    }

    @Override
    public void skip(int mbx, int mby) {
        skipRun++;
    }

    @Override
    public void intra(int mbx, int mby, boolean inP, int type, int best16, int chromaMode, int cbpC) {
        int mb = mby * mbw + mbx;
        int[] mbNz = co.mbNz;
        int[] i4Mode = info.i4Mode;
        int[] nzY = info.nzY;
        if (inP) {
            bw.ue(skipRun);
            skipRun = 0;
        }
        int typeOffset = inP ? 5 : 0;
        if (type == FrameEncoder.MB_I16) {
            int cbpL = 0;
            for (int b = 0; b < 16; b++) {
                if (mbNz[b] != 0) {
                    cbpL = 15;
                }
            }
            for (int b = 0; b < 16; b++) {
                i4Mode[mb * 16 + b] = -1;
            }
            bw.ue(typeOffset + 1 + best16 + 4 * cbpC + (cbpL != 0 ? 12 : 0));
            bw.ue(chromaMode);
            bw.se(0); // mb_qp_delta
            int nc = lumaNc(mbx, mby, 0);
            cavlc.write(bw, co.lumaDcLv, 0, 16, nc);
            for (int b = 0; b < 16; b++) {
                if (cbpL != 0) {
                    nzY[info.blkIndex(mbx, mby, b)] = cavlc.write(bw, co.lumaLv[b], 1, 15, lumaNc(mbx, mby, b));
                } else {
                    nzY[info.blkIndex(mbx, mby, b)] = 0;
                }
            }
        } else {
            bw.ue(typeOffset);
            for (int b = 0; b < 16; b++) {
                int predMode = co.predI4Mode(info, mbx, mby, b, sliceFirstRow);
                int mode = co.i4ModesMb[b];
                if (mode == predMode) {
                    bw.u(1, 1);
                } else {
                    bw.u(1, 0);
                    bw.u(3, mode < predMode ? mode : mode - 1);
                }
                i4Mode[mb * 16 + b] = mode;
            }
            bw.ue(chromaMode);
            int cbpL = co.cbpLuma();
            bw.ue(INTRA_CBP_CODE[cbpL | (cbpC << 4)]);
            if (cbpL != 0 || cbpC != 0) {
                bw.se(0);
            }
            writeLuma4x4(mbx, mby, cbpL);
        }
        writeChroma(mbx, mby, cbpC);
    }

    @Override
    public void inter(int mbx, int mby, int type, int[] mvd, int cbpL, int cbpC) {
        bw.ue(skipRun);
        skipRun = 0;
        bw.ue(type); // mb_type: P_L0_16x16, P_L0_L0_16x8, P_L0_L0_8x16 or P_8x8
        if (type == 3) {
            for (int i = 0; i < 4; i++) {
                bw.ue(0); // sub_mb_type P_L0_8x8
            }
        }
        // one reference picture: no ref_idx; then mvd_l0 per partition
        int parts = MbInfo.PARTS[type];
        for (int i = 0; i < parts; i++) {
            bw.se(mvd[2 * i]);
            bw.se(mvd[2 * i + 1]);
        }
        int cbp = cbpL | (cbpC << 4);
        bw.ue(INTER_CBP_CODE[cbp]);
        if (cbp != 0) {
            bw.se(0);
        }
        writeLuma4x4(mbx, mby, cbpL);
        writeChroma(mbx, mby, cbpC);
    }

    /** nC for luma block b of the macroblock (9.2.1), from the blocks left and above. */
    private int lumaNc(int mbx, int mby, int b) {
        int bx = mbx * 4 + FrameEncoder.BLK_X[b];
        int by = mby * 4 + FrameEncoder.BLK_Y[b];
        int stride = mbw * 4;
        boolean a = bx > 0;
        boolean t = by > sliceFirstRow * 4;
        int na = 0;
        int nb = 0;
        if (a) {
            if (((bx - 1) >> 2) != mbx) {
                na = info.nzY[by * stride + bx - 1];
            } else {
                na = co.mbNz[MbInfo.blkIdxOf((bx - 1) & 3, by & 3)];
            }
        }
        if (t) {
            if (((by - 1) >> 2) != mby) {
                nb = info.nzY[(by - 1) * stride + bx];
            } else {
                nb = co.mbNz[MbInfo.blkIdxOf(bx & 3, (by - 1) & 3)];
            }
        }
        if (a && t) {
            return (na + nb + 1) >> 1;
        }
        return a ? na : t ? nb : 0;
    }

    private void writeLuma4x4(int mbx, int mby, int cbpL) {
        int[] mbNz = co.mbNz;
        for (int b = 0; b < 16; b++) {
            if ((cbpL & (1 << (b >> 2))) != 0) {
                int n = cavlc.write(bw, co.lumaLv[b], 0, 16, lumaNc(mbx, mby, b));
                mbNz[b] = n;
            } else {
                mbNz[b] = 0;
            }
        }
        for (int b = 0; b < 16; b++) {
            info.nzY[info.blkIndex(mbx, mby, b)] = mbNz[b];
        }
    }

    private void writeChroma(int mbx, int mby, int cbpC) {
        if (cbpC != 0) {
            cavlc.write(bw, co.chromaDcLv[0], 0, 4, -1);
            cavlc.write(bw, co.chromaDcLv[1], 0, 4, -1);
        }
        int cstride = mbw * 2;
        for (int c = 0; c < 2; c++) {
            int[] nz = c == 0 ? info.nzCb : info.nzCr;
            for (int b = 0; b < 4; b++) {
                int cx = mbx * 2 + (b & 1);
                int cy = mby * 2 + (b >> 1);
                int n = 0;
                if (cbpC == 2) {
                    boolean a = cx > 0;
                    boolean t = cy > sliceFirstRow * 2;
                    int na = a ? nz[cy * cstride + cx - 1] : 0;
                    int nb = t ? nz[(cy - 1) * cstride + cx] : 0;
                    int nc = a && t ? (na + nb + 1) >> 1 : a ? na : t ? nb : 0;
                    n = cavlc.write(bw, co.chromaAcLv[c][b], 1, 15, nc);
                }
                nz[cy * cstride + cx] = n;
            }
        }
    }
}
