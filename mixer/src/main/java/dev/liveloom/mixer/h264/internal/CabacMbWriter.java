package dev.liveloom.mixer.h264.internal;

/**
 * The CABAC macroblock layer (Main, High): mb_skip_flag, mb_type, prediction modes, mvd,
 * coded_block_pattern, mb_qp_delta and residual_block_cabac(), each with its context index increment
 * from the neighbouring macroblocks and blocks of the slice (9.3.3.1.1).
 */
final class CabacMbWriter implements MbWriter {
    private final MbInfo info;
    private final MbCoeffs co;
    private final int mbw;
    private final CabacWriter cw = new CabacWriter();
    private BitWriter bw;
    /** First macroblock row and address of the slice being coded: earlier macroblocks are unavailable. */
    private int sliceFirstRow;

    private int sliceFirstMb;

    // the picture state and the current macroblock's levels, under short names
    private final int[] mbType;
    private final int[] i4Mode;
    private final int[] nzY;
    private final int[] nzCb;
    private final int[] nzCr;
    private final int[] mbCbp;
    private final int[] mbChromaMode;
    private final int[] mvdAbsX4;
    private final int[] mvdAbsY4;
    private final boolean[] lumaDcCoded;
    private final boolean[] chromaDcCoded;
    private final int[][] lumaLv;
    private final int[] lumaDcLv;
    private final int[][] chromaDcLv;
    private final int[][][] chromaAcLv;
    private final int[] mbNz;
    private final int[] i4ModesMb;

    CabacMbWriter(MbInfo info, MbCoeffs co) {
        this.info = info;
        this.co = co;
        this.mbw = info.mbw;
        mbType = info.mbType;
        i4Mode = info.i4Mode;
        nzY = info.nzY;
        nzCb = info.nzCb;
        nzCr = info.nzCr;
        mbCbp = info.mbCbp;
        mbChromaMode = info.mbChromaMode;
        mvdAbsX4 = info.mvdAbsX4;
        mvdAbsY4 = info.mvdAbsY4;
        lumaDcCoded = info.lumaDcCoded;
        chromaDcCoded = info.chromaDcCoded;
        lumaLv = co.lumaLv;
        lumaDcLv = co.lumaDcLv;
        chromaDcLv = co.chromaDcLv;
        chromaAcLv = co.chromaAcLv;
        mbNz = co.mbNz;
        i4ModesMb = co.i4ModesMb;
    }

    @Override
    public void startSlice(BitWriter bw, int firstRow, boolean pSlice, int qp) {
        this.bw = bw;
        sliceFirstRow = firstRow;
        sliceFirstMb = firstRow * mbw;
        while (!bw.byteAligned()) {
            bw.u(1, 1); // cabac_alignment_one_bit
        }
        cw.engine().start(bw, !pSlice, qp);
    }

    @Override
    public void endMb(boolean last) {
        cw.engine().terminate(last ? 1 : 0); // end_of_slice_flag
    }

    @Override
    public void finishSlice(boolean pSlice) {
        while (!bw.byteAligned()) {
            bw.u(1, 0); // the flush wrote rbsp_stop_one_bit; alignment zero bits follow
        }
    }

    @Override
    public void skip(int mbx, int mby) {
        int mb = mby * mbw + mbx;
        cw.mbSkip(skipCtxInc(mb, mbx, mby), true);
    }

    private boolean availLeft(int mb, int mbx) {
        return mbx > 0 && mb - 1 >= sliceFirstMb;
    }

    private boolean availTop(int mb, int mby) {
        return mby > 0 && mb - mbw >= sliceFirstMb;
    }

    private int skipCtxInc(int mb, int mbx, int mby) {
        int inc = 0;
        if (availLeft(mb, mbx) && mbType[mb - 1] != FrameEncoder.MB_SKIP) {
            inc++;
        }
        if (availTop(mb, mby) && mbType[mb - mbw] != FrameEncoder.MB_SKIP) {
            inc++;
        }
        return inc;
    }

    /** The coded_block_pattern a neighbour presents to context selection (see CabacWriter). */
    private int neighbourCbp(boolean avail, int nmb) {
        if (!avail) {
            return 15;
        }
        return mbType[nmb] == FrameEncoder.MB_SKIP ? 0 : mbCbp[nmb];
    }

    @Override
    public void intra(int mbx, int mby, boolean inP, int type, int best16, int chromaMode, int cbpC) {
        int mb = mby * mbw + mbx;
        boolean left = availLeft(mb, mbx);
        boolean top = availTop(mb, mby);
        if (inP) {
            cw.mbSkip(skipCtxInc(mb, mbx, mby), false);
        }
        int typeInc = (left && mbType[mb - 1] != FrameEncoder.MB_I4 ? 1 : 0)
                + (top && mbType[mb - mbw] != FrameEncoder.MB_I4 ? 1 : 0);
        int cbpL;
        if (type == FrameEncoder.MB_I16) {
            cbpL = 0;
            for (int b = 0; b < 16; b++) {
                if (mbNz[b] != 0) {
                    cbpL = 15;
                }
                i4Mode[mb * 16 + b] = -1;
            }
            cw.mbTypeIntra(inP, typeInc, best16, cbpL != 0, cbpC);
        } else {
            cbpL = co.cbpLuma();
            cw.mbTypeIntra(inP, typeInc, -1, false, cbpC);
            for (int b = 0; b < 16; b++) {
                cw.intra4x4Mode(i4ModesMb[b], co.predI4Mode(info, mbx, mby, b, sliceFirstRow));
                i4Mode[mb * 16 + b] = i4ModesMb[b];
            }
        }
        int chromaInc = (left && MbInfo.isIntra(mbType[mb - 1]) && mbChromaMode[mb - 1] != 0 ? 1 : 0)
                + (top && MbInfo.isIntra(mbType[mb - mbw]) && mbChromaMode[mb - mbw] != 0 ? 1 : 0);
        cw.chromaPredMode(chromaInc, chromaMode);
        if (type == FrameEncoder.MB_I4) {
            cw.codedBlockPattern(cbpL, cbpC, neighbourCbp(left, mb - 1), neighbourCbp(top, mb - mbw));
        }
        mbCbp[mb] = cbpL | (cbpC << 4);
        if (type == FrameEncoder.MB_I16 || cbpL != 0 || cbpC != 0) {
            cw.qpDeltaZero();
        }
        writeResidual(mbx, mby, type == FrameEncoder.MB_I16, cbpL, cbpC, true);
    }

    @Override
    public void inter(int mbx, int mby, int type, int[] mvd, int cbpL, int cbpC) {
        int mb = mby * mbw + mbx;
        boolean left = availLeft(mb, mbx);
        boolean top = availTop(mb, mby);
        cw.mbSkip(skipCtxInc(mb, mbx, mby), false);
        cw.mbTypeP(type);
        if (type == 3) {
            for (int i = 0; i < 4; i++) {
                cw.subMbTypeP8x8();
            }
        }
        // mvd per partition; absMvdComp of the partitions left of (A) and above (B) the partition's
        // top-left block, inside this macroblock or in the neighbour (0 for intra and skipped ones,
        // stored so)
        int parts = MbInfo.PARTS[type];
        for (int i = 0; i < parts; i++) {
            int x4 = MbInfo.PART_X4[type][i];
            int y4 = MbInfo.PART_Y4[type][i];
            int blk = info.b4(mbx, mby, x4, y4);
            boolean availA = x4 > 0 || left;
            boolean availB = y4 > 0 || top;
            int a = blk - 1;
            int b = blk - info.stride4;
            int sumX = (availA ? mvdAbsX4[a] : 0) + (availB ? mvdAbsX4[b] : 0);
            int sumY = (availA ? mvdAbsY4[a] : 0) + (availB ? mvdAbsY4[b] : 0);
            cw.mvd(false, sumX, mvd[2 * i]);
            cw.mvd(true, sumY, mvd[2 * i + 1]);
        }
        cw.codedBlockPattern(cbpL, cbpC, neighbourCbp(left, mb - 1), neighbourCbp(top, mb - mbw));
        mbCbp[mb] = cbpL | (cbpC << 4);
        if (cbpL != 0 || cbpC != 0) {
            cw.qpDeltaZero();
        }
        writeResidual(mbx, mby, false, cbpL, cbpC, false);
    }

    /**
     * coded_block_flag condition of a neighbouring block (9.3.3.1.1.9): an unavailable macroblock
     * counts as coded for intra macroblocks, otherwise the neighbour block's own flag.
     */
    private static int cbfTerm(boolean availMb, boolean intra, boolean coded) {
        if (!availMb) {
            return intra ? 1 : 0;
        }
        return coded ? 1 : 0;
    }

    private void writeResidual(int mbx, int mby, boolean i16, int cbpL, int cbpC, boolean intra) {
        int mb = mby * mbw + mbx;
        boolean left = availLeft(mb, mbx);
        boolean top = availTop(mb, mby);
        int stride = mbw * 4;
        if (i16) {
            int a = cbfTerm(left, true, left && mbType[mb - 1] == FrameEncoder.MB_I16 && lumaDcCoded[mb - 1]);
            int b = cbfTerm(top, true, top && mbType[mb - mbw] == FrameEncoder.MB_I16 && lumaDcCoded[mb - mbw]);
            lumaDcCoded[mb] = cw.residual(CabacWriter.CAT_LUMA_DC, lumaDcLv, 0, 16, a + 2 * b) != 0;
        } else {
            lumaDcCoded[mb] = false;
        }
        for (int blkI = 0; blkI < 16; blkI++) {
            int bx = mbx * 4 + FrameEncoder.BLK_X[blkI];
            int by = mby * 4 + FrameEncoder.BLK_Y[blkI];
            int idx = by * stride + bx;
            int n = 0;
            if ((cbpL & (1 << (blkI >> 2))) != 0) {
                boolean inA = FrameEncoder.BLK_X[blkI] > 0;
                boolean inB = FrameEncoder.BLK_Y[blkI] > 0;
                int a = cbfTerm(inA || left, intra, (inA || left) && nzY[idx - 1] != 0);
                int b = cbfTerm(inB || top, intra, (inB || top) && nzY[idx - stride] != 0);
                n = i16
                        ? cw.residual(CabacWriter.CAT_LUMA_AC, lumaLv[blkI], 1, 15, a + 2 * b)
                        : cw.residual(CabacWriter.CAT_LUMA_4X4, lumaLv[blkI], 0, 16, a + 2 * b);
            }
            mbNz[blkI] = n;
            nzY[idx] = n;
        }
        for (int c = 0; c < 2; c++) {
            boolean coded = false;
            if (cbpC != 0) {
                int a = cbfTerm(left, intra, left && (mbCbp[mb - 1] >> 4) != 0 && chromaDcCoded[(mb - 1) * 2 + c]);
                int b = cbfTerm(top, intra, top && (mbCbp[mb - mbw] >> 4) != 0 && chromaDcCoded[(mb - mbw) * 2 + c]);
                coded = cw.residual(CabacWriter.CAT_CHROMA_DC, chromaDcLv[c], 0, 4, a + 2 * b) != 0;
            }
            chromaDcCoded[mb * 2 + c] = coded;
        }
        int cstride = mbw * 2;
        for (int c = 0; c < 2; c++) {
            int[] nz = c == 0 ? nzCb : nzCr;
            for (int b4 = 0; b4 < 4; b4++) {
                int cx = mbx * 2 + (b4 & 1);
                int cy = mby * 2 + (b4 >> 1);
                int idx = cy * cstride + cx;
                int n = 0;
                if (cbpC == 2) {
                    boolean inA = (b4 & 1) != 0;
                    boolean inB = (b4 >> 1) != 0;
                    int a = cbfTerm(inA || left, intra, (inA || left) && nz[idx - 1] != 0);
                    int b = cbfTerm(inB || top, intra, (inB || top) && nz[idx - cstride] != 0);
                    n = cw.residual(CabacWriter.CAT_CHROMA_AC, chromaAcLv[c][b4], 1, 15, a + 2 * b);
                }
                nz[idx] = n;
            }
        }
    }
}
