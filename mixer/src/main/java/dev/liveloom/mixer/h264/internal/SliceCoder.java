package dev.liveloom.mixer.h264.internal;

import static dev.liveloom.mixer.h264.internal.FrameEncoder.BLK_X;
import static dev.liveloom.mixer.h264.internal.FrameEncoder.BLK_Y;
import static dev.liveloom.mixer.h264.internal.FrameEncoder.MB_I16;
import static dev.liveloom.mixer.h264.internal.FrameEncoder.MB_I4;
import static dev.liveloom.mixer.h264.internal.FrameEncoder.MB_P16;
import static dev.liveloom.mixer.h264.internal.FrameEncoder.MB_SKIP;

/**
 * Codes slices of a picture: macroblock decisions (I16x16, I4x4, P_L0_16x16, P_Skip and, at the
 * full level, P_L0_L0_16x8, P_L0_L0_8x16 and P_8x8), transform,
 * quantisation and reconstruction into the shared reconstruction picture, the syntax through its
 * own {@link MbWriter}. One per thread coding slices; all share the picture state of their {@link
 * FrameEncoder}. No per-macroblock allocation.
 */
final class SliceCoder {
    private final int mbw;
    /** Source copied into a macroblock-aligned picture (edges replicated). */
    private final Picture src;

    private final boolean useI4InInter;
    /** Whether IDR macroblocks may be Intra4x4 (every level but the fastest, which is Intra16x16 only). */
    private boolean i4InIdr = true;
    /** Entropy coding of the slices: CABAC (Main, High) or CAVLC (Baseline). */
    private final boolean cabac;

    // the picture being coded and the reference, set per picture
    private Picture recon;
    private InterPred refPred;
    private boolean deblock;

    // per-picture macroblock state (shared by the slice coders), under short names
    private final MbInfo info;
    private final int[] mbType;
    private final int[] i4Mode;
    private final int[] nzY;
    private final int[] nzCb;
    private final int[] nzCr;
    private final int[] mbCbp;
    private final int[] mbChromaMode;
    private final boolean[] lumaDcCoded;
    private final boolean[] chromaDcCoded;

    // per-macroblock scratch
    private final int[] pred = new int[256];
    private final int[] pred2 = new int[256];
    private final int[] predCb = new int[64];
    private final int[] predCr = new int[64];
    private final int[] blk = new int[16];
    private final int[] blkSad = new int[16];
    /** The same in 16 bits, from the 16-lane transform. */
    private final short[] coef16 = new short[256];
    /** {@link #coef16}'s levels, same layout ({@link VectorKernels#quant}). */
    private final int[] levels16 = new int[256];
    /** {@link #levels16} dequantised, and the inverse transform's scratch. */
    private final int[] deq16 = new int[256];

    private final int[] inverseScratch = new int[256];
    /** Per 4x4 block of the macroblock (luma) or component (chroma): its decimation score. */
    private final int[] blkScore = new int[16];
    /** The P_Skip test's decimation score per 4x4 block of the luma, raster order (0 where nothing is kept). */
    private final int[] skipScore = new int[16];
    /** Scratch of the vector SATDs. */
    private final short[] satdScratch = new short[272];
    /** Scratch of the vector chroma transform. */
    private final short[] chromaScratch = new short[128];
    // keep thresholds of the vector transform: inter, and the AC of Intra16x16 and chroma (intra, inter)
    private final TransformLanes lanesInter = new TransformLanes(false, 0);
    private final TransformLanes lanesIntraAc = new TransformLanes(true, 1);
    private final TransformLanes lanesInterAc = new TransformLanes(false, 1);

    private final int[] blkSum = new int[16];
    private final short[] srcCoef = new short[Intra16Satd.COEF_LENGTH];
    private final int[] srcCoefAbs = new int[16];
    private final int[] scratch = new int[16];
    private final int[] edge = new int[13];
    private final int[] lumaDc = new int[16];
    private final int[] chromaDc = new int[4];

    /** The current macroblock's levels and modes, from the decisions to {@link #writer}. */
    private final MbCoeffs co = new MbCoeffs();

    private final int[][] lumaLv = co.lumaLv;
    private final int[] lumaDcLv = co.lumaDcLv;
    private final int[][] chromaDcLv = co.chromaDcLv;
    private final int[][][] chromaAcLv = co.chromaAcLv;
    private final int[] mbNz = co.mbNz;
    private final int[][] mbNzC = co.mbNzC;
    private final int[] i4ModesMb = co.i4ModesMb;
    private final MbWriter writer;
    private final MotionSearch motionSearch;

    /** First macroblock row of the slice being coded: rows above it are unavailable for prediction. */
    private int sliceFirstRow;

    private int qp;
    private int qpc;
    private int lambda;

    /** 4x4 residual SADs below these quantise to all-zero levels in inter macroblocks. */
    private int zeroLumaInter;

    private int zeroChromaInter;

    // statistics of the slices this coder coded in the current picture
    int intraMbs;
    int skipMbs;
    int interMbs;
    int fractionalMvs;
    /** P_L0_L0_16x8, P_L0_L0_8x16 and P_8x8 macroblocks. */
    int p16x8Mbs;

    int p8x16Mbs;
    int p8x8Mbs;

    SliceCoder(MbInfo info, Picture src, boolean useI4InInter, boolean cabac) {
        this.info = info;
        this.mbw = info.mbw;
        this.src = src;
        this.useI4InInter = useI4InInter;
        this.cabac = cabac;
        mbType = info.mbType;
        i4Mode = info.i4Mode;
        nzY = info.nzY;
        nzCb = info.nzCb;
        nzCr = info.nzCr;
        mbCbp = info.mbCbp;
        mbChromaMode = info.mbChromaMode;
        lumaDcCoded = info.lumaDcCoded;
        chromaDcCoded = info.chromaDcCoded;
        writer = cabac ? new CabacMbWriter(info, co) : new CavlcMbWriter(info, co);
        motionSearch = new MotionSearch(info, src.width, src.height);
    }

    /** Whether inter macroblocks drop levels that score low (see {@link #decimateLuma}). */
    private boolean decimate = true;

    /** Test hook: switches the dropping of low-scoring inter levels (on by default). */
    void setDecimation(boolean on) {
        decimate = on;
    }

    /** Allows (the default) or forbids Intra4x4 macroblocks in IDR pictures. */
    void setIntra4x4InIdr(boolean on) {
        i4InIdr = on;
    }

    /** Sets the picture to code into and the reference, and clears the statistics. */
    void startPicture(Picture recon, InterPred refPred, boolean deblock) {
        this.recon = recon;
        this.refPred = refPred;
        this.deblock = deblock;
        intraMbs = 0;
        skipMbs = 0;
        interMbs = 0;
        fractionalMvs = 0;
        p16x8Mbs = 0;
        p8x16Mbs = 0;
        p8x8Mbs = 0;
    }

    /** Codes macroblock rows [firstRow, endRow) as one slice into {@code bw} (reset by the caller). */
    void encodeSlice(BitWriter bw, int firstRow, int endRow, boolean idr, int frameNum, int idrPicId, int qp) {
        this.qp = qp;
        this.qpc = Transform.CHROMA_QP[qp];
        this.lambda = Cost.LAMBDA[qp];
        this.zeroLumaInter = Transform.zeroSadLimit(qp, false);
        this.zeroChromaInter = Transform.zeroSadLimit(qpc, false);
        boolean pSlice = !idr;
        sliceFirstRow = firstRow;
        ParamSets.writeSliceHeader(bw, firstRow * mbw, idr, pSlice, frameNum, idrPicId, qp, deblock, cabac);
        writer.startSlice(bw, firstRow, pSlice, qp);
        int lastMb = endRow * mbw - 1;
        for (int mby = firstRow; mby < endRow; mby++) {
            for (int mbx = 0; mbx < mbw; mbx++) {
                if (pSlice) {
                    encodeInterMb(bw, mbx, mby);
                } else {
                    encodeIntraMb(bw, mbx, mby, false);
                }
                writer.endMb(mby * mbw + mbx == lastMb);
            }
        }
        writer.finishSlice(pSlice);
    }

    // ---------------------------------------------------------------- intra

    private void encodeIntraMb(BitWriter bw, int mbx, int mby, boolean inP) {
        int mb = mby * mbw + mbx;
        boolean left = mbx > 0;
        boolean top = mby > sliceFirstRow;
        int px = mbx * 16;
        int py = mby * 16;
        byte[] sy = src.y;
        int so = src.originY + py * src.strideY + px;
        byte[] ry = recon.y;
        int ro = recon.originY + py * recon.strideY + px;

        // Intra16x16 mode by SATD
        int best16 = -1;
        int cost16 = Integer.MAX_VALUE;
        Intra16Satd.source(sy, so, src.strideY, srcCoef, srcCoefAbs);
        for (int m = 0; m < 4; m++) {
            if ((m == IntraPred.I16_V && !top)
                    || (m == IntraPred.I16_H && !left)
                    || (m == IntraPred.I16_PLANE && !(left && top))) {
                continue;
            }
            int c = intra16Satd(m, ro, so, left, top, Integer.MAX_VALUE) + lambda * 4;
            if (c < cost16) {
                cost16 = c;
                best16 = m;
            }
        }
        int type = MB_I16;
        if (inP ? useI4InInter : i4InIdr) {
            int cost4 = encodeI4Luma(mbx, mby) + lambda * 24;
            if (cost4 < cost16) {
                type = MB_I4;
            }
        }
        if (type == MB_I16) {
            encodeI16Luma(mbx, mby, best16);
        }
        int chromaMode = chooseChromaMode(mbx, mby);
        int cbpC = encodeChroma(mbx, mby, true, false);
        mbType[mb] = type;
        info.setMotion(mbx, mby, 0, 0, 4, 4, 0, 0, 0, 0);
        intraMbs++;
        mbChromaMode[mb] = chromaMode;
        writer.intra(mbx, mby, inP, type, best16, chromaMode, cbpC);
    }

    /** Codes luma as Intra4x4 into recon (mode choice per block); returns the SATD-based cost. */
    private int encodeI4Luma(int mbx, int mby) {
        int px = mbx * 16;
        int py = mby * 16;
        int rs = recon.strideY;
        int ss = src.strideY;
        int total = 0;
        for (int b = 0; b < 16; b++) {
            int x = px + BLK_X[b] * 4;
            int y = py + BLK_Y[b] * 4;
            boolean left = x > 0;
            boolean top = y > sliceFirstRow * 16;
            boolean topLeft = left && top;
            boolean topRight = top && topRightAvailable(mbx, b);
            int ro = recon.originY + y * rs + x;
            IntraPred.loadEdge4x4(recon.y, rs, ro % rs, ro / rs, left, top, topLeft, topRight, edge);
            int so = src.originY + y * ss + x;
            int predMode = co.predI4Mode(info, mbx, mby, b, sliceFirstRow);
            int bestMode = IntraPred.I4_DC;
            int bestCost = Integer.MAX_VALUE;
            for (int m = 0; m < 9; m++) {
                if (!i4Allowed(m, left, top)) {
                    continue;
                }
                IntraPred.pred4x4(m, edge, left, top, pred2);
                int c = Cost.satd(src.y, so, ss, pred2, 0, 4, 4, 4, scratch) + lambda * (m == predMode ? 1 : 4);
                if (c < bestCost) {
                    bestCost = c;
                    bestMode = m;
                }
            }
            total += bestCost;
            i4ModesMb[b] = bestMode;
            IntraPred.pred4x4(bestMode, edge, left, top, pred2);
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 4; i++) {
                    blk[j * 4 + i] = (src.y[so + j * ss + i] & 0xff) - pred2[j * 4 + i];
                }
            }
            Transform.forward4x4(blk);
            mbNz[b] = Transform.quant4x4(blk, lumaLv[b], 0, qp, true);
            reconBlock(lumaLv[b], 0, pred2, 0, 4, recon.y, ro, rs, mbNz[b] != 0);
        }
        return total;
    }

    private static boolean i4Allowed(int m, boolean left, boolean top) {
        return switch (m) {
            case IntraPred.I4_V, IntraPred.I4_DDL, IntraPred.I4_VL -> top;
            case IntraPred.I4_H, IntraPred.I4_HU -> left;
            case IntraPred.I4_DC -> true;
            default -> left && top;
        };
    }

    /** Whether the samples above-right of block b are decoded when b is (6.4.11.4). */
    private boolean topRightAvailable(int mbx, int b) {
        int x = BLK_X[b];
        int y = BLK_Y[b];
        if (y == 0) {
            return x < 3 || mbx < mbw - 1;
        }
        if (x == 3) {
            return false;
        }
        return MbInfo.blkIdxOf(x + 1, y - 1) < b;
    }

    /**
     * Dequantises zig-zag levels, inverse transforms, adds the prediction {@code p} (block at po,
     * row length pw) and stores the clipped result at {@code dst[do..]}. When {@code dcOverride} is
     * true-ish via {@code hasDc}, the caller has put the DC value in {@link #blk}[0] already.
     */
    private void reconBlock(
            int[] levels, int start, int[] p, int po, int pw, byte[] dst, int dOff, int ds, boolean coded) {
        if (!coded && start == 0) {
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 4; i++) {
                    dst[dOff + j * ds + i] = (byte) p[po + j * pw + i];
                }
            }
            return;
        }
        if (start == 0) {
            blk[0] = 0;
        }
        Transform.dequant4x4(levels, blk, start, qp);
        Transform.inverse4x4(blk);
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 4; i++) {
                int v = p[po + j * pw + i] + blk[j * 4 + i];
                dst[dOff + j * ds + i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }

    /**
     * Reconstructs a 4x4 block whose only coefficient is the dequantised DC {@code dc}: its
     * inverse transform is flat, (dc + 32) >> 6 at every sample, so the block is the prediction
     * ({@code p} at po, row length pw) plus that, clipped, stored at {@code dst[d..]} (stride ds).
     */
    private static void addFlat(int[] p, int po, int pw, byte[] dst, int d, int ds, int dc) {
        int add = (dc + 32) >> 6;
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 4; i++) {
                int v = p[po + j * pw + i] + add;
                dst[d + j * ds + i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }

    /** Codes luma as Intra16x16 with {@code mode} into recon, levels into lumaDcLv/lumaLv. */
    private void encodeI16Luma(int mbx, int mby, int mode) {
        int px = mbx * 16;
        int py = mby * 16;
        int ro = recon.originY + py * recon.strideY + px;
        IntraPred.predBlock(recon.y, recon.strideY, ro, 0, 16, mode, mbx > 0, mby > sliceFirstRow, pred);
        codeLuma16(px, py, ro, true, false);
    }

    /**
     * Transform, quantisation and reconstruction of a 16x16 luma residual against {@link #pred}, or
     * with {@code inRecon} (vector path, inter only) against the prediction already in the
     * reconstruction. With {@code i16} an Intra16x16 macroblock (intra rounding, the DC coded
     * apart); otherwise an inter one of 16 plain 4x4 blocks (inter rounding, decimation).
     */
    private void codeLuma16(int px, int py, int ro, boolean i16, boolean inRecon) {
        int ss = src.strideY;
        int rs = recon.strideY;
        long kept = 0;
        if (Simd.ON) {
            TransformLanes lanes = i16 ? lanesIntraAc : lanesInter;
            int so = src.originY + py * ss + px;
            kept = inRecon
                    ? VectorKernels.forward16(src.y, so, ss, recon.y, ro, rs, coef16, lanes.at16(qp))
                    : VectorKernels.forward16(src.y, so, ss, pred, coef16, lanes.at16(qp));
            if (kept != 0) {
                VectorKernels.quant(coef16, 16, lanes.mf8(qp), lanes.roundingAt(qp), 15 + qp / 6, levels16);
            }
        }
        for (int b = 0; b < 16; b++) {
            int bx = BLK_X[b] * 4;
            int by = BLK_Y[b] * 4;
            if (Simd.ON) {
                // transformed and quantised already; a block with nothing to keep has all-zero levels
                if (i16) {
                    lumaDc[BLK_Y[b] * 4 + BLK_X[b]] = coef16[by * 16 + bx];
                }
                if ((kept >>> (by + BLK_X[b]) & 1) == 0) {
                    mbNz[b] = 0;
                    zero16(lumaLv[b]);
                    continue;
                }
                int found = TransformLanes.scan(levels16, BLK_X[b], BLK_Y[b], lumaLv[b], i16 ? 1 : 0);
                mbNz[b] = found & 31;
                blkScore[b] = found >> 5;
                continue;
            } else {
                int so = src.originY + (py + by) * ss + px + bx;
                int sad = 0;
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        int d = (src.y[so + j * ss + i] & 0xff) - pred[(by + j) * 16 + bx + i];
                        blk[j * 4 + i] = d;
                        sad += d < 0 ? -d : d;
                    }
                }
                if (!i16 && sad < zeroLumaInter) {
                    // no coefficient can reach a level of 1: skip the transform and quantisation
                    mbNz[b] = 0;
                    zero16(lumaLv[b]);
                    continue;
                }
                Transform.forward4x4(blk);
            }
            if (i16) {
                lumaDc[BLK_Y[b] * 4 + BLK_X[b]] = blk[0];
                mbNz[b] = Transform.quant4x4(blk, lumaLv[b], 1, qp, i16);
            } else {
                mbNz[b] = Transform.quant4x4(blk, lumaLv[b], 0, qp, i16);
                if (decimate) {
                    blkScore[b] = Transform.decimateScore(lumaLv[b], 0);
                }
            }
        }
        if (!i16 && decimate) {
            decimateLuma();
        }
        if (i16) {
            Transform.quantLumaDc(lumaDc, lumaDcLv, qp);
            Transform.dequantLumaDc(lumaDcLv, lumaDc, qp);
            boolean anyAc = false;
            for (int b = 0; b < 16; b++) {
                anyAc |= mbNz[b] != 0;
            }
            for (int b = 0; b < 16; b++) {
                int bx = BLK_X[b] * 4;
                int by = BLK_Y[b] * 4;
                int dc = lumaDc[BLK_Y[b] * 4 + BLK_X[b]];
                if (!anyAc) {
                    zero16(lumaLv[b]);
                }
                if (!anyAc || mbNz[b] == 0) {
                    addFlat(pred, by * 16 + bx, 16, recon.y, ro + by * rs + bx, rs, dc);
                    continue;
                }
                blk[0] = dc;
                Transform.dequant4x4(lumaLv[b], blk, 1, qp);
                Transform.inverse4x4(blk);
                int d = ro + by * rs + bx;
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        int v = pred[(by + j) * 16 + bx + i] + blk[j * 4 + i];
                        recon.y[d + j * rs + i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
                    }
                }
            }
        } else {
            if (Simd.ON) {
                // the prediction into every block at once (unless there already), then the
                // residual of the whole macroblock on top (blocks the decimation dropped cleared first)
                if (!inRecon) {
                    VectorKernels.narrow16(pred, recon.y, ro, rs);
                }
                boolean any = false;
                for (int b = 0; b < 16; b++) {
                    if (mbNz[b] != 0) {
                        any = true;
                    } else if ((kept >>> (BLK_Y[b] * 4 + BLK_X[b]) & 1) != 0) {
                        TransformLanes.clear(levels16, BLK_X[b], BLK_Y[b]);
                    }
                }
                if (any) {
                    VectorKernels.dequant(levels16, 16, lanesInter.v8(qp), qp / 6, deq16);
                    VectorKernels.inverseAdd(deq16, 16, recon.y, ro, recon.y, ro + 8, rs, inverseScratch);
                }
                return;
            }
            for (int b = 0; b < 16; b++) {
                int bx = BLK_X[b] * 4;
                int by = BLK_Y[b] * 4;
                reconBlock(lumaLv[b], 0, pred, by * 16 + bx, 16, recon.y, ro + by * rs + bx, rs, mbNz[b] != 0);
            }
        }
    }

    /**
     * Clears a block's 16 levels. A plain loop: the compiler unrolls it into a few vector stores,
     * where a 16-element arraycopy or fill is a call into a runtime stub.
     */
    private static void zero16(int[] a) {
        for (int i = 0; i < 16; i++) {
            a[i] = 0;
        }
    }

    /** An 8x8 luma quarter of an inter macroblock scoring below this is dropped (see {@link Transform#decimateScore}). */
    static final int DECIMATE_LUMA_8X8 = 4;
    /** An inter macroblock's luma scoring below this in all is dropped. */
    static final int DECIMATE_LUMA_MB = 6;
    /** A chroma component's AC levels of an inter macroblock scoring below this are dropped. */
    static final int DECIMATE_CHROMA_AC = 7;

    /**
     * Drops the luma levels of an inter macroblock that cost more bits than they are worth: each
     * 8x8 quarter scoring below {@link #DECIMATE_LUMA_8X8}, and all of them when the macroblock
     * scores below {@link #DECIMATE_LUMA_MB}. The reconstruction follows the dropped levels.
     */
    private void decimateLuma() {
        int total = 0;
        for (int q = 0; q < 16; q += 4) {
            int score = 0;
            for (int b = q; b < q + 4; b++) {
                if (mbNz[b] != 0) {
                    score += blkScore[b];
                }
            }
            if (score < DECIMATE_LUMA_8X8) {
                dropLuma(q, q + 4);
            }
            total += score;
        }
        if (total < DECIMATE_LUMA_MB) {
            dropLuma(0, 16);
        }
    }

    private void dropLuma(int from, int to) {
        for (int b = from; b < to; b++) {
            if (mbNz[b] != 0) {
                mbNz[b] = 0;
                zero16(lumaLv[b]);
            }
        }
    }

    private int chooseChromaMode(int mbx, int mby) {
        boolean left = mbx > 0;
        boolean top = mby > sliceFirstRow;
        int co = recon.originC + mby * 8 * recon.strideC + mbx * 8;
        int so = src.originC + mby * 8 * src.strideC + mbx * 8;
        int best = IntraPred.C_DC;
        int bestCost = Integer.MAX_VALUE;
        for (int m = 0; m < 4; m++) {
            if ((m == IntraPred.C_H && !left)
                    || (m == IntraPred.C_V && !top)
                    || (m == IntraPred.C_PLANE && !(left && top))) {
                continue;
            }
            int lm = IntraPred.chromaToLumaMode(m);
            IntraPred.predBlock(recon.u, recon.strideC, co, 0, 8, lm, left, top, predCb);
            IntraPred.predBlock(recon.v, recon.strideC, co, 0, 8, lm, left, top, predCr);
            int c = Simd.ON
                    ? VectorKernels.satdChroma(src.u, src.v, so, src.strideC, predCb, predCr, satdScratch)
                    : Cost.satd(src.u, so, src.strideC, predCb, 0, 8, 8, 8, scratch)
                            + Cost.satd(src.v, so, src.strideC, predCr, 0, 8, 8, 8, scratch);
            if (c < bestCost) {
                bestCost = c;
                best = m;
            }
        }
        int lm = IntraPred.chromaToLumaMode(best);
        IntraPred.predBlock(recon.u, recon.strideC, co, 0, 8, lm, left, top, predCb);
        IntraPred.predBlock(recon.v, recon.strideC, co, 0, 8, lm, left, top, predCr);
        return best;
    }

    /**
     * Codes both chroma components against predCb/predCr, or with {@code inRecon} (vector path)
     * against the predictions already in the reconstruction; returns the chroma CBP (0, 1 or 2).
     */
    private int encodeChroma(int mbx, int mby, boolean intra, boolean inRecon) {
        int cs = src.strideC;
        int rs = recon.strideC;
        int so0 = src.originC + mby * 8 * cs + mbx * 8;
        int ro0 = recon.originC + mby * 8 * rs + mbx * 8;
        boolean anyDc = false;
        boolean anyAc = false;
        long kept = 0;
        TransformLanes lanesC = intra ? lanesIntraAc : lanesInterAc;
        if (Simd.ON) {
            // both components at once: block b of component c is block (2 c + b % 2, b / 2)
            kept = inRecon
                    ? VectorKernels.forwardChroma(
                            src.u, src.v, so0, cs, recon.u, recon.v, ro0, rs, coef16, chromaScratch, lanesC.at16(qpc))
                    : VectorKernels.forwardChroma(
                            src.u, src.v, so0, cs, predCb, predCr, coef16, chromaScratch, lanesC.at16(qpc));
            if (kept != 0) {
                VectorKernels.quant(coef16, 8, lanesC.mf8(qpc), lanesC.roundingAt(qpc), 15 + qpc / 6, levels16);
            }
        }
        for (int c = 0; c < 2; c++) {
            byte[] s = c == 0 ? src.u : src.v;
            int[] p = c == 0 ? predCb : predCr;
            for (int b = 0; b < 4; b++) {
                int bx = (b & 1) * 4;
                int by = (b >> 1) * 4;
                if (Simd.ON) {
                    // transformed already; the DC goes apart, the AC levels are zero unless kept
                    int rx = c * 2 + (b & 1);
                    chromaDc[b] = coef16[by * 16 + rx * 4];
                    if ((kept >>> (by + rx) & 1) == 0) {
                        mbNzC[c][b] = 0;
                        zero16(chromaAcLv[c][b]);
                        continue;
                    }
                    int found = TransformLanes.scan(levels16, rx, b >> 1, chromaAcLv[c][b], 1);
                    mbNzC[c][b] = found & 31;
                    blkScore[b] = found >> 5;
                    continue;
                }
                int sum = 0;
                int sad = 0;
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        int d = (s[so0 + (by + j) * cs + bx + i] & 0xff) - p[(by + j) * 8 + bx + i];
                        blk[j * 4 + i] = d;
                        sum += d;
                        sad += d < 0 ? -d : d;
                    }
                }
                if (!intra && sad < zeroChromaInter) {
                    // the AC levels are all zero; the DC coefficient of the transform is the sum
                    chromaDc[b] = sum;
                    mbNzC[c][b] = 0;
                    zero16(chromaAcLv[c][b]);
                    continue;
                }
                Transform.forward4x4(blk);
                chromaDc[b] = blk[0];
                mbNzC[c][b] = Transform.quant4x4(blk, chromaAcLv[c][b], 1, qpc, intra);
                if (!intra) {
                    blkScore[b] = Transform.decimateScore(chromaAcLv[c][b], 1);
                }
            }
            if (!intra && decimate) {
                int score = 0;
                for (int b = 0; b < 4; b++) {
                    if (mbNzC[c][b] != 0) {
                        score += blkScore[b];
                    }
                }
                if (score < DECIMATE_CHROMA_AC) {
                    for (int b = 0; b < 4; b++) {
                        if (mbNzC[c][b] != 0) {
                            mbNzC[c][b] = 0;
                            zero16(chromaAcLv[c][b]);
                        }
                    }
                }
            }
            for (int b = 0; b < 4; b++) {
                anyAc |= mbNzC[c][b] != 0;
            }
            anyDc |= Transform.quantChromaDc(chromaDc, chromaDcLv[c], qpc, intra) != 0;
        }
        int cbp = anyAc ? 2 : anyDc ? 1 : 0;
        if (Simd.ON && !inRecon) {
            // the predictions into place (the residual, if any, joins them below)
            VectorKernels.narrow8(predCb, recon.u, ro0, rs);
            VectorKernels.narrow8(predCr, recon.v, ro0, rs);
        }
        if (cbp == 0 && Simd.ON) {
            // nothing coded: the reconstruction is the prediction
            for (int c = 0; c < 2; c++) {
                for (int b = 0; b < 4; b++) {
                    zero16(chromaAcLv[c][b]);
                    mbNzC[c][b] = 0;
                }
            }
            return 0;
        }
        if (Simd.ON) {
            // the residual of both components on top of the predictions: the AC levels of blocks
            // not coded cleared, the dequantised DC put in
            if (!anyAc || kept == 0) {
                java.util.Arrays.fill(levels16, 0, 128, 0);
            }
            for (int c = 0; c < 2; c++) {
                for (int b = 0; b < 4; b++) {
                    if (!anyAc) {
                        zero16(chromaAcLv[c][b]);
                        mbNzC[c][b] = 0;
                    } else if (mbNzC[c][b] == 0) {
                        TransformLanes.clear(levels16, c * 2 + (b & 1), b >> 1);
                    }
                }
            }
            VectorKernels.dequant(levels16, 8, lanesInter.v8(qpc), qpc / 6, deq16);
            for (int c = 0; c < 2; c++) {
                Transform.dequantChromaDc(chromaDcLv[c], chromaDc, qpc);
                for (int b = 0; b < 4; b++) {
                    deq16[(b >> 1) * 64 + (c * 2 + (b & 1)) * 4] = chromaDc[b];
                }
            }
            VectorKernels.inverseAdd(deq16, 8, recon.u, ro0, recon.v, ro0, rs, inverseScratch);
            return cbp;
        }
        for (int c = 0; c < 2; c++) {
            byte[] r = c == 0 ? recon.u : recon.v;
            int[] p = c == 0 ? predCb : predCr;
            Transform.dequantChromaDc(chromaDcLv[c], chromaDc, qpc);
            for (int b = 0; b < 4; b++) {
                int bx = (b & 1) * 4;
                int by = (b >> 1) * 4;
                if (!anyAc) {
                    zero16(chromaAcLv[c][b]);
                    mbNzC[c][b] = 0;
                }
                if (mbNzC[c][b] == 0) {
                    addFlat(p, by * 8 + bx, 8, r, ro0 + by * rs + bx, rs, chromaDc[b]);
                    continue;
                }
                blk[0] = chromaDc[b];
                Transform.dequant4x4(chromaAcLv[c][b], blk, 1, qpc);
                Transform.inverse4x4(blk);
                int d = ro0 + by * rs + bx;
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        int v = p[(by + j) * 8 + bx + i] + blk[j * 4 + i];
                        r[d + j * rs + i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
                    }
                }
            }
        }
        return cbp;
    }

    // ---------------------------------------------------------------- inter

    /**
     * Inter cost (SAD or SATD plus vector bits) above which a P macroblock also tries Intra16x16:
     * 2 per sample. Measured at 720p 2500 kbps, fast level (PSNR-Y at 8 / 4 / 2 / 0 per sample):
     * mandelbrot 31.97 / 32.25 / 32.55 / 32.59 dB, testsrc2 40.38 / 40.57 / 40.69 / 40.78 dB;
     * below 2 the checks cost more time than they gain.
     */
    private static final int INTRA_CHECK_COST = 2 * 256;

    private void encodeInterMb(BitWriter bw, int mbx, int mby) {
        int mb = mby * mbw + mbx;
        int px = mbx * 16;
        int py = mby * 16;
        MotionSearch me = motionSearch;
        me.begin(mbx, mby, sliceFirstRow, lambda);
        int skipX = me.skipX;
        int skipY = me.skipY;
        int ro = recon.originY + py * recon.strideY + px;

        // early P_Skip: the skip prediction leaves nothing to code. The prediction is made as
        // bytes straight into the reconstruction, where a skip leaves it; every other outcome
        // overwrites the macroblock's reconstruction. (The skip prediction is widened from recon
        // when the best vector is the skip vector.) The fast level tries it only next to a
        // skipped macroblock, as x264's fast P_Skip detection does below subme 3: elsewhere the
        // test mostly fails, and a macroblock whose search ends at the skip vector with nothing
        // to code is still skipped below
        boolean skipPredInRecon = false;
        if (me.inRange(skipX, skipY) && (useI4InInter || nextToSkip(mb, mbx, mby))) {
            refPred.luma16(px, py, skipX, skipY, recon.y, ro, recon.strideY);
            if (interResidualVanishes(mbx, mby, ro)) {
                codeSkip(mb, mbx, mby);
                return;
            }
            skipPredInRecon = true;
        }

        boolean bySatd = useI4InInter;
        me.search(src, refPred, mbx, mby, bySatd);
        int bestX = me.bestX;
        int bestY = me.bestY;
        int bestCost = me.bestCost;

        // partitions (full level): 16x8, 8x16 and P_8x8 against the 16x16 cost, by SATD + vector bits
        int type = 0;
        if (bySatd) {
            type = choosePartitions(mbx, mby, bestX, bestY, bestCost);
            if (type != 0) {
                bestCost = partBestCost;
            }
        }

        // intra alternative, only where inter prediction is poor (above 2 per sample). The fast
        // level compares its SAD-based inter cost with the intra SATDs as it is: re-measuring the
        // inter cost by SATD cost ~12 % of the time and chose no better (720p 2500 kbps, PSNR-Y
        // SAD / SATD: mandelbrot 32.73 / 32.55 dB, natural 32.88 / 32.86, testsrc2 40.57 / 40.69)
        if (bestCost > INTRA_CHECK_COST && intra16Beats(mbx, mby, bestCost)) {
            encodeIntraMb(bw, mbx, mby, true);
            return;
        }

        if (type != 0) {
            encodePartitioned(mbx, mby, type, ro);
            return;
        }
        boolean skipVector = bestX == skipX && bestY == skipY;
        int cbpL;
        int cbpC;
        if (Simd.ON) {
            // the predictions as bytes straight into the reconstruction, where the residual joins them
            if (!(skipPredInRecon && skipVector)) {
                refPred.luma16(px, py, bestX, bestY, recon.y, ro, recon.strideY);
            }
            codeLuma16(px, py, ro, false, true);
            cbpL = co.cbpLuma();
            int cs = recon.strideC;
            int co0 = recon.originC + mby * 8 * cs + mbx * 8;
            refPred.chroma8(false, mbx * 8, mby * 8, bestX, bestY, recon.u, co0, cs);
            refPred.chroma8(true, mbx * 8, mby * 8, bestX, bestY, recon.v, co0, cs);
            cbpC = encodeChroma(mbx, mby, false, true);
        } else {
            predictLuma(px, py, bestX, bestY, skipPredInRecon && skipVector, ro);
            codeLuma16(px, py, ro, false, false);
            cbpL = co.cbpLuma();
            refPred.chroma(false, mbx * 8, mby * 8, bestX, bestY, 8, 8, predCb);
            refPred.chroma(true, mbx * 8, mby * 8, bestX, bestY, 8, 8, predCr);
            cbpC = encodeChroma(mbx, mby, false, false);
        }
        if (cbpL == 0 && cbpC == 0 && skipVector) {
            markSkip(mb, mbx, mby);
            return;
        }
        mbType[mb] = MB_P16;
        interMbs++;
        if (((bestX | bestY) & 3) != 0) {
            fractionalMvs++;
        }
        mvd[0] = bestX - me.mvpX;
        mvd[1] = bestY - me.mvpY;
        info.setMotion(mbx, mby, 0, 0, 4, 4, bestX, bestY, mvd[0], mvd[1]);
        for (int b = 0; b < 16; b++) {
            i4Mode[mb * 16 + b] = -1;
        }
        writer.inter(mbx, mby, 0, mvd, cbpL, cbpC);
    }

    /**
     * Whether a macroblock of this slice left, above-left, above or above-right of {@code mb} is
     * P_Skip; the slice's first macroblock, which has none of them, counts as if one were.
     */
    private boolean nextToSkip(int mb, int mbx, int mby) {
        if (mby == sliceFirstRow) {
            return mbx == 0 || mbType[mb - 1] == MB_SKIP;
        }
        int up = mb - mbw;
        return (mbx > 0 && (mbType[mb - 1] == MB_SKIP || mbType[up - 1] == MB_SKIP))
                || mbType[up] == MB_SKIP
                || (mbx < mbw - 1 && mbType[up + 1] == MB_SKIP);
    }

    /** Extra mb_type bits of 16x8 / 8x16 (ue(1), ue(2): 3 bits against 1) and of P_8x8 (ue(3) + 4 x ue(0)). */
    private static final int PART_TYPE_BITS = 2;

    private static final int P8X8_TYPE_BITS = 6;

    /** Vectors of the partitions the decision chose (per partition, in partition order). */
    private final int[] partMvx = new int[4];

    private final int[] partMvy = new int[4];
    // the searches' results per 8x8 block and per 16x8 / 8x16 half
    private final int[] v8x = new int[4];
    private final int[] v8y = new int[4];
    private final int[] vHx = new int[2];
    private final int[] vHy = new int[2];
    private final int[] vVx = new int[2];
    private final int[] vVy = new int[2];
    /** mvd per partition (x, y), for the writer. */
    private final int[] mvd = new int[8];

    /** Cost of the partitioning {@link #choosePartitions} chose, when not 16x16. */
    private int partBestCost;

    /**
     * Searches each 8x8 block (from the 16x16 vector and the block's own predictor), then, when
     * P_8x8 beats 16x16, 16x8 and 8x16 from those results and the 16x16 vector, and returns the P mb_type (0 16x16, 1 16x8, 2
     * 8x16, 3 P_8x8) with the lowest SATD + lambda * bits; the chosen vectors go to {@link
     * #partMvx}/{@link #partMvy}, the cost to {@link #partBestCost}. Trial vectors are written into
     * the macroblock's blocks of {@link MbInfo} (later partitions' predictors read them); the
     * caller's final choice overwrites them.
     */
    private int choosePartitions(int mbx, int mby, int v16x, int v16y, int cost16) {
        MotionSearch me = motionSearch;
        int cost8 = lambda * P8X8_TYPE_BITS;
        if (cost8 + lambda * 4 * 2 >= cost16) {
            return 0; // even at zero SATD and zero mvds (1 bit a component) P_8x8 cannot win
        }
        for (int k = 0; k < 4; k++) {
            int x = (k & 1) * 8;
            int y = (k >> 1) * 8;
            me.predictPart(mbx, mby, x, y, 8, MotionSearch.SHAPE_8x8, k);
            me.searchPart(src, refPred, mbx, mby, x, y, 8, 8, me.predX, me.predY, v16x, v16y);
            v8x[k] = me.partX;
            v8y[k] = me.partY;
            cost8 += me.partCost;
            if (cost8 >= cost16) {
                // P_8x8 cannot win; 16x8 and 8x16 are tried only where it does (x264's early
                // termination: halves rarely win where quarters do not)
                return 0;
            }
            info.setMotion(mbx, mby, x >> 2, y >> 2, 2, 2, v8x[k], v8y[k], 0, 0);
        }
        int costH = lambda * PART_TYPE_BITS;
        for (int p = 0; p < 2; p++) {
            me.predictPart(mbx, mby, 0, p * 8, 16, MotionSearch.SHAPE_16x8, p);
            me.refinePart(
                    src,
                    refPred,
                    mbx,
                    mby,
                    0,
                    p * 8,
                    16,
                    8,
                    me.predX,
                    me.predY,
                    v16x,
                    v16y,
                    v8x[2 * p],
                    v8y[2 * p],
                    v8x[2 * p + 1],
                    v8y[2 * p + 1],
                    1);
            vHx[p] = me.partX;
            vHy[p] = me.partY;
            costH += me.partCost;
            info.setMotion(mbx, mby, 0, p * 2, 4, 2, vHx[p], vHy[p], 0, 0);
        }
        int costV = lambda * PART_TYPE_BITS;
        for (int p = 0; p < 2; p++) {
            me.predictPart(mbx, mby, p * 8, 0, 8, MotionSearch.SHAPE_8x16, p);
            me.refinePart(
                    src,
                    refPred,
                    mbx,
                    mby,
                    p * 8,
                    0,
                    8,
                    16,
                    me.predX,
                    me.predY,
                    v16x,
                    v16y,
                    v8x[p],
                    v8y[p],
                    v8x[p + 2],
                    v8y[p + 2],
                    1);
            vVx[p] = me.partX;
            vVy[p] = me.partY;
            costV += me.partCost;
            info.setMotion(mbx, mby, p * 2, 0, 2, 4, vVx[p], vVy[p], 0, 0);
        }
        int type = 0;
        int best = cost16;
        if (costH < best) {
            best = costH;
            type = 1;
        }
        if (costV < best) {
            best = costV;
            type = 2;
        }
        if (cost8 < best) {
            best = cost8;
            type = 3;
        }
        partBestCost = best;
        for (int i = 0; i < MbInfo.PARTS[type]; i++) {
            partMvx[i] = type == 1 ? vHx[i] : type == 2 ? vVx[i] : v8x[i];
            partMvy[i] = type == 1 ? vHy[i] : type == 2 ? vVy[i] : v8y[i];
        }
        return type;
    }

    /**
     * Codes the macroblock as P mb_type {@code type} (1..3) with the vectors in {@link #partMvx}/
     * {@link #partMvy}: per partition its predictor (from the partitions before it), the luma and
     * chroma prediction, then the residual as for 16x16.
     */
    private void encodePartitioned(int mbx, int mby, int type, int ro) {
        int mb = mby * mbw + mbx;
        int px = mbx * 16;
        int py = mby * 16;
        MotionSearch me = motionSearch;
        int shape = type == 1 ? MotionSearch.SHAPE_16x8 : type == 2 ? MotionSearch.SHAPE_8x16 : MotionSearch.SHAPE_8x8;
        int w4 = MbInfo.PART_W4[type];
        int h4 = MbInfo.PART_H4[type];
        int w = w4 * 4;
        int h = h4 * 4;
        for (int i = 0; i < MbInfo.PARTS[type]; i++) {
            int x = MbInfo.PART_X4[type][i] * 4;
            int y = MbInfo.PART_Y4[type][i] * 4;
            int mx = partMvx[i];
            int my = partMvy[i];
            me.predictPart(mbx, mby, x, y, w, shape, i);
            mvd[2 * i] = mx - me.predX;
            mvd[2 * i + 1] = my - me.predY;
            info.setMotion(mbx, mby, x >> 2, y >> 2, w4, h4, mx, my, mvd[2 * i], mvd[2 * i + 1]);
            refPred.luma(px + x, py + y, mx, my, w, h, pred, y * 16 + x, 16);
            int co8 = (y >> 1) * 8 + (x >> 1);
            refPred.chroma(false, mbx * 8 + (x >> 1), mby * 8 + (y >> 1), mx, my, w >> 1, h >> 1, predCb, co8, 8);
            refPred.chroma(true, mbx * 8 + (x >> 1), mby * 8 + (y >> 1), mx, my, w >> 1, h >> 1, predCr, co8, 8);
        }
        codeLuma16(px, py, ro, false, false);
        int cbpL = co.cbpLuma();
        int cbpC = encodeChroma(mbx, mby, false, false);
        mbType[mb] = MB_P16;
        switch (type) {
            case 1 -> p16x8Mbs++;
            case 2 -> p8x16Mbs++;
            default -> p8x8Mbs++;
        }
        for (int b = 0; b < 16; b++) {
            i4Mode[mb * 16 + b] = -1;
        }
        writer.inter(mbx, mby, type, mvd, cbpL, cbpC);
    }

    /**
     * Puts the luma prediction for vector (mvx, mvy) into {@link #pred}: widened from the
     * reconstruction when {@code inRecon} (the skip prediction is there), else made anew.
     */
    private void predictLuma(int px, int py, int mvx, int mvy, boolean inRecon, int ro) {
        if (!inRecon) {
            refPred.luma(px, py, mvx, mvy, 16, 16, pred);
            return;
        }
        byte[] r = recon.y;
        int rs = recon.strideY;
        for (int j = 0; j < 16; j++) {
            int o = ro + j * rs;
            for (int i = 0; i < 16; i++) {
                pred[j * 16 + i] = r[o + i] & 0xff;
            }
        }
    }

    /**
     * Whether the best Intra16x16 prediction, by SATD with a mode-bits bias, costs less than {@code
     * interCost}. The fast level leaves the plane mode out of this check (a macroblock that goes
     * intra still chooses among all four): building and measuring the plane prediction took ~10 %
     * of its time for -0.04 dB (720p 2500 kbps, mandelbrot and natural; testsrc2 unchanged). Each mode's SATD stops once it reaches the bound, so modes that cannot win cost
     * little; the answer is the same as with full sums.
     */
    private boolean intra16Beats(int mbx, int mby, int interCost) {
        boolean left = mbx > 0;
        boolean top = mby > sliceFirstRow;
        int ro = recon.originY + mby * 16 * recon.strideY + mbx * 16;
        int so = src.originY + mby * 16 * src.strideY + mbx * 16;
        int limit = interCost - lambda * 8;
        Intra16Satd.source(src.y, so, src.strideY, srcCoef, srcCoefAbs);
        for (int m = 0; m < 4; m++) {
            if ((m == IntraPred.I16_V && !top)
                    || (m == IntraPred.I16_H && !left)
                    || (m == IntraPred.I16_PLANE && (!(left && top) || !useI4InInter))) {
                continue;
            }
            if (intra16Satd(m, ro, so, left, top, limit) < limit) {
                return true;
            }
        }
        return false;
    }

    /**
     * SATD of the source macroblock (at {@code so}; its coefficients in srcCoef) against Intra16x16
     * mode {@code m} (recon block at {@code ro}): vertical, horizontal and DC from the source's
     * Hadamard coefficients, plane from the built prediction, stopping once at {@code limit}.
     */
    private int intra16Satd(int m, int ro, int so, boolean left, boolean top, int limit) {
        byte[] ry = recon.y;
        int rs = recon.strideY;
        return switch (m) {
            case IntraPred.I16_V -> Intra16Satd.vertical(srcCoef, srcCoefAbs, ry, ro - rs);
            case IntraPred.I16_H -> Intra16Satd.horizontal(srcCoef, srcCoefAbs, ry, ro - 1, rs);
            case IntraPred.I16_DC -> Intra16Satd.dc(srcCoef, srcCoefAbs, Intra16Satd.dcValue(ry, ro, rs, left, top));
            default -> {
                IntraPred.predBlock(ry, rs, ro, 0, 16, m, left, top, pred2);
                yield Simd.ON
                        ? VectorKernels.satd16(src.y, so, src.strideY, pred2, limit, satdScratch)
                        : Cost.satd16(src.y, so, src.strideY, pred2, limit);
            }
        };
    }

    /**
     * Whether luma and chroma at the skip vector quantise to all-zero residuals; the luma
     * prediction is in recon at {@code ro} already, the chroma prediction is put there too.
     */
    private boolean interResidualVanishes(int mbx, int mby, int ro) {
        int px = mbx * 16;
        int py = mby * 16;
        int ss = src.strideY;
        int rs = recon.strideY;
        byte[] sy = src.y;
        byte[] ry = recon.y;
        int soY = src.originY + py * ss + px;
        if (Simd.ON) {
            if (!vectorLumaVanishes(sy, soY, ss, ry, ro, rs)) {
                return false;
            }
        } else if (!lumaVanishes(sy, soY, ss, ry, ro, rs)) {
            return false;
        }
        return chromaVanishes(mbx, mby);
    }

    /**
     * {@link #interResidualVanishes} for the luma by the vector transform: every block transformed
     * at once, with the blocks that keep a level marked, then scored as {@link #lumaVanishes} does.
     */
    private boolean vectorLumaVanishes(byte[] sy, int soY, int ss, byte[] ry, int ro, int rs) {
        long kept = VectorKernels.forward16(sy, soY, ss, ry, ro, rs, coef16, lanesInter.at16(qp));
        if (kept == 0) {
            return true;
        }
        if (!decimate) {
            return false;
        }
        for (int b = 0; b < 16; b++) {
            int sc = 0;
            if ((kept >>> b & 1) != 0) {
                TransformLanes.gather(coef16, 16, b & 3, b >> 2, blk);
                sc = Transform.quantDecimateScore(blk, 0, qp);
                if (sc >= Transform.KEEP) {
                    return false;
                }
            }
            skipScore[b] = sc;
        }
        return lumaDropped();
    }

    /** {@link #interResidualVanishes} for the luma, block by block. */
    private boolean lumaVanishes(byte[] sy, int soY, int ss, byte[] ry, int ro, int rs) {
        // cheap rejection first: a 4x4 DC coefficient (the residual sum) that quantises to a level
        // of 2 or more, which decimation never drops
        Sad.blockSums16(sy, soY, ss, ry, ro, rs, blkSum, blkSad);
        int qbits = 15 + qp / 6;
        int mf = Transform.MF[qp % 6][0];
        long dcLimit = ((decimate ? 2L << qbits : 1L << qbits) - (1 << qbits) / 6 + mf - 1) / mf;
        for (int b = 0; b < 16; b++) {
            if (Math.abs(blkSum[b]) >= dcLimit) {
                return false;
            }
        }
        int zeroLuma = zeroLumaInter;
        for (int b = 0; b < 16; b++) {
            skipScore[b] = 0;
            if (blkSad[b] < zeroLuma) {
                continue; // no coefficient can reach a level of 1
            }
            int so = soY + (b >> 2) * 4 * ss + (b & 3) * 4;
            int po = ro + (b >> 2) * 4 * rs + (b & 3) * 4;
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 4; i++) {
                    blk[j * 4 + i] = (sy[so + j * ss + i] & 0xff) - (ry[po + j * rs + i] & 0xff);
                }
            }
            Transform.forward4x4(blk);
            int sc = decimate
                    ? Transform.quantDecimateScore(blk, 0, qp)
                    : Transform.quant4x4(blk, lumaLv[b], 0, qp, false) != 0 ? Transform.KEEP : 0;
            if (sc >= Transform.KEEP) {
                return false;
            }
            skipScore[b] = sc;
        }
        return lumaDropped();
    }

    /**
     * Whether luma levels scoring {@link #skipScore} per 4x4 block are all dropped: every 8x8
     * quarter or the whole macroblock scores low enough, as {@link #decimateLuma} decides it.
     */
    private boolean lumaDropped() {
        int total = 0;
        boolean quartersDropped = true;
        for (int q = 0; q < 4; q++) {
            int score = 0;
            for (int k = 0; k < 4; k++) {
                // raster block index of the k-th 4x4 block of quarter q
                score += skipScore[((q >> 1) * 2 + (k >> 1)) * 4 + (q & 1) * 2 + (k & 1)];
            }
            quartersDropped &= score < DECIMATE_LUMA_8X8;
            total += score;
        }
        return quartersDropped || total < DECIMATE_LUMA_MB;
    }

    /**
     * {@link #interResidualVanishes} for the chroma, with the skip prediction put into the
     * reconstruction.
     */
    private boolean chromaVanishes(int mbx, int mby) {
        int cs = recon.strideC;
        int co = recon.originC + mby * 8 * cs + mbx * 8;
        int soC = src.originC + mby * 8 * src.strideC + mbx * 8;
        int sc = src.strideC;
        refPred.chroma8(false, mbx * 8, mby * 8, motionSearch.skipX, motionSearch.skipY, recon.u, co, cs);
        refPred.chroma8(true, mbx * 8, mby * 8, motionSearch.skipX, motionSearch.skipY, recon.v, co, cs);
        int zeroChroma = zeroChromaInter;
        long kept = 0;
        if (Simd.ON) {
            kept = VectorKernels.forwardChroma(
                    src.u, src.v, soC, sc, recon.u, recon.v, co, cs, coef16, chromaScratch, lanesInterAc.at16(qpc));
        }
        for (int c = 0; c < 2; c++) {
            byte[] sp = c == 0 ? src.u : src.v;
            byte[] rp = c == 0 ? recon.u : recon.v;
            if (Simd.ON) {
                int acScore = 0;
                for (int b = 0; b < 4; b++) {
                    int rx = c * 2 + (b & 1);
                    chromaDc[b] = coef16[(b >> 1) * 64 + rx * 4];
                    if ((kept >>> ((b >> 1) * 4 + rx) & 1) != 0) {
                        if (!decimate) {
                            return false;
                        }
                        TransformLanes.gather(coef16, 16, rx, b >> 1, blk);
                        acScore += Transform.quantDecimateScore(blk, 1, qpc);
                        if (acScore >= DECIMATE_CHROMA_AC) {
                            return false;
                        }
                    }
                }
                if (Transform.quantChromaDc(chromaDc, chromaDcLv[c], qpc, false) != 0) {
                    return false;
                }
                continue;
            }
            Sad.blockSums8(sp, soC, sc, rp, co, cs, blkSum, blkSad);
            int acScore = 0;
            for (int b = 0; b < 4; b++) {
                chromaDc[b] = blkSum[b]; // the DC coefficient of the forward transform is the sum
                if (blkSad[b] >= zeroChroma) {
                    int so = soC + (b >> 1) * 4 * sc + (b & 1) * 4;
                    int po = co + (b >> 1) * 4 * cs + (b & 1) * 4;
                    for (int j = 0; j < 4; j++) {
                        for (int i = 0; i < 4; i++) {
                            blk[j * 4 + i] = (sp[so + j * sc + i] & 0xff) - (rp[po + j * cs + i] & 0xff);
                        }
                    }
                    Transform.forward4x4(blk);
                    acScore += decimate
                            ? Transform.quantDecimateScore(blk, 1, qpc)
                            : Transform.quant4x4(blk, chromaAcLv[c][b], 1, qpc, false) != 0 ? Transform.KEEP : 0;
                    if (acScore >= DECIMATE_CHROMA_AC) {
                        return false;
                    }
                }
            }
            if (Transform.quantChromaDc(chromaDc, chromaDcLv[c], qpc, false) != 0) {
                return false;
            }
        }
        return true;
    }

    /** P_Skip: the reconstruction is the prediction, already in recon. */
    private void codeSkip(int mb, int mbx, int mby) {
        markSkip(mb, mbx, mby);
    }

    private void markSkip(int mb, int mbx, int mby) {
        mbType[mb] = MB_SKIP;
        info.setMotion(mbx, mby, 0, 0, 4, 4, motionSearch.skipX, motionSearch.skipY, 0, 0);
        for (int b = mb * 16; b < mb * 16 + 16; b++) {
            i4Mode[b] = -1;
        }
        // the 4x4 rows of the macroblock in the frame-wide non-zero counts
        for (int j = 0, o = info.b4(mbx, mby, 0, 0); j < 4; j++, o += info.stride4) {
            nzY[o] = 0;
            nzY[o + 1] = 0;
            nzY[o + 2] = 0;
            nzY[o + 3] = 0;
        }
        int cstride = mbw * 2;
        for (int b = 0; b < 4; b++) {
            int i = (mby * 2 + (b >> 1)) * cstride + mbx * 2 + (b & 1);
            nzCb[i] = 0;
            nzCr[i] = 0;
        }
        skipMbs++;
        mbCbp[mb] = 0;
        lumaDcCoded[mb] = false;
        chromaDcCoded[mb * 2] = false;
        chromaDcCoded[mb * 2 + 1] = false;
        writer.skip(mbx, mby);
    }
}
