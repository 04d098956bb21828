package dev.liveloom.mixer.h264.internal;

/**
 * Encodes one picture as one or more slices (runs of whole macroblock rows), each coded by a {@link
 * SliceCoder}, in parallel when given an executor; then deblocks the reconstruction and keeps it as
 * the reference of the next picture.
 */
public final class FrameEncoder {
    static final int MB_I4 = 0, MB_I16 = 1, MB_P16 = 2, MB_SKIP = 3;

    /** Number of Intra4x4 blocks x, y inside a macroblock by luma4x4BlkIdx. */
    static final int[] BLK_X = {0, 1, 0, 1, 2, 3, 2, 3, 0, 1, 0, 1, 2, 3, 2, 3};

    static final int[] BLK_Y = {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3};

    private final int mbh;
    private final int width; // multiple of 16
    private final int height;
    private Picture recon;
    private Picture ref;
    private InterPred refPred;
    private InterPred spare;
    /** Source copied into a macroblock-aligned picture (edges replicated). */
    private final Picture src;

    /** Per-picture macroblock state, shared by the slice coders. */
    private final MbInfo info;

    private int qp;

    /** Statistics of the last picture. */
    public int lastIntraMbs;

    public int lastSkipMbs;

    /** P_L0_16x16 macroblocks of the last picture, and how many of them had a fractional vector. */
    public int lastInterMbs;

    public int lastFractionalMvs;

    /** P_L0_L0_16x8, P_L0_L0_8x16 and P_8x8 macroblocks of the last picture. */
    public int last16x8Mbs;

    public int last8x16Mbs;
    public int last8x8Mbs;

    private final Deblocker deblocker;
    private boolean deblock = true;

    /** Turns the in-loop deblocking filter on (the default) or off for the following pictures. */
    public void setDeblocking(boolean on) {
        deblock = on;
    }

    /** Test hook: switches the dropping of low-scoring inter levels (on by default). */
    public void setDecimation(boolean on) {
        for (SliceCoder w : workers) {
            w.setDecimation(on);
        }
    }

    /** Allows (the default) or forbids Intra4x4 macroblocks in IDR pictures. */
    public void setIntra4x4InIdr(boolean on) {
        for (SliceCoder w : workers) {
            w.setIntra4x4InIdr(on);
        }
    }

    public FrameEncoder(int widthMbs, int heightMbs, boolean useI4InInter) {
        this(widthMbs, heightMbs, useI4InInter, false);
    }

    /** @param cabac code the macroblocks with CABAC instead of CAVLC */
    public FrameEncoder(int widthMbs, int heightMbs, boolean useI4InInter, boolean cabac) {
        this(widthMbs, heightMbs, useI4InInter, cabac, 1);
    }

    /**
     * @param useI4InInter the full speed level (SATD refinement over every sub-sample position,
     *     Intra4x4 in P pictures); false is the fast level (ULTRAFAST: SAD refinement avoiding the
     *     centre half-sample plane, Intra16x16 only in P pictures)
     * @param cabac code the macroblocks with CABAC instead of CAVLC
     * @param coders how many slices may be coded at once (each needs its own scratch state)
     */
    public FrameEncoder(int widthMbs, int heightMbs, boolean useI4InInter, boolean cabac, int coders) {
        this.mbh = heightMbs;
        this.width = widthMbs * 16;
        this.height = heightMbs * 16;
        deblocker = new Deblocker(widthMbs, heightMbs);
        recon = new Picture(width, height);
        ref = new Picture(width, height);
        refPred = new InterPred(ref);
        spare = new InterPred(recon);
        // the fast level's search avoids the centre plane: filter only the planes reads need
        refPred.setFilterAllPlanes(useI4InInter);
        spare.setFilterAllPlanes(useI4InInter);
        src = new Picture(width, height);
        info = new MbInfo(widthMbs, heightMbs);
        workers = new SliceCoder[coders];
        for (int i = 0; i < coders; i++) {
            workers[i] = new SliceCoder(info, src, useI4InInter, cabac);
        }
    }

    /** Slice coders, each with its own scratch and entropy coder; all share the picture state. */
    private final SliceCoder[] workers;

    /** The number of slices a picture of {@code mbh} rows gets when {@code requested} are asked for. */
    public static int sliceCount(int heightMbs, int requested) {
        return Math.max(1, Math.min(requested, heightMbs));
    }

    /** First macroblock row of slice {@code s} of {@code n}: slices are runs of whole rows. */
    public int sliceFirstRow(int s, int n) {
        return s * mbh / n;
    }

    /** The source picture to fill before {@link #encode}; samples outside the frame are replicated. */
    public Picture source() {
        return src;
    }

    /** The reconstruction of the last encoded picture (what a decoder outputs, before cropping). */
    public Picture reconstruction() {
        return ref;
    }

    /**
     * Encodes the source picture as one slice into {@code bw}: slice header, macroblocks and
     * trailing bits.
     */
    public void encode(BitWriter bw, boolean idr, int frameNum, int idrPicId, int qp) {
        encode(new BitWriter[] {bw}, 1, idr, frameNum, idrPicId, qp, null);
    }

    /**
     * Encodes the source picture as {@code slices} slices (runs of whole macroblock rows), slice
     * {@code s} into {@code out[s]}. With an executor and more than one coder, the coders take
     * slices in parallel (coder k codes slices k, k + coders, ...); the output does not depend on
     * it. Deblocking and the reference update follow on the calling thread.
     */
    public void encode(
            BitWriter[] out,
            int slices,
            boolean idr,
            int frameNum,
            int idrPicId,
            int qp,
            java.util.concurrent.ExecutorService pool) {
        this.qp = qp;
        int coders = pool == null ? 1 : Math.min(workers.length, slices);
        for (SliceCoder w : workers) {
            w.startPicture(recon, refPred, deblock);
        }
        if (coders == 1) {
            for (int sl = 0; sl < slices; sl++) {
                workers[0].encodeSlice(
                        out[sl], sliceFirstRow(sl, slices), sliceFirstRow(sl + 1, slices), idr, frameNum, idrPicId, qp);
            }
        } else {
            java.util.List<java.util.concurrent.Callable<Void>> tasks = new java.util.ArrayList<>();
            for (int k = 0; k < coders; k++) {
                SliceCoder w = workers[k];
                int first = k;
                int step = coders;
                tasks.add(() -> {
                    for (int sl = first; sl < slices; sl += step) {
                        w.encodeSlice(
                                out[sl],
                                sliceFirstRow(sl, slices),
                                sliceFirstRow(sl + 1, slices),
                                idr,
                                frameNum,
                                idrPicId,
                                qp);
                    }
                    return null;
                });
            }
            invokeAll(pool, tasks);
        }
        lastIntraMbs = 0;
        lastSkipMbs = 0;
        lastInterMbs = 0;
        lastFractionalMvs = 0;
        last16x8Mbs = 0;
        last8x16Mbs = 0;
        last8x8Mbs = 0;
        for (int k = 0; k < coders; k++) {
            SliceCoder w = workers[k];
            lastIntraMbs += w.intraMbs;
            lastSkipMbs += w.skipMbs;
            lastInterMbs += w.interMbs;
            lastFractionalMvs += w.fractionalMvs;
            last16x8Mbs += w.p16x8Mbs;
            last8x16Mbs += w.p8x16Mbs;
            last8x8Mbs += w.p8x8Mbs;
        }
        finishPicture();
    }

    private static void invokeAll(
            java.util.concurrent.ExecutorService pool, java.util.List<java.util.concurrent.Callable<Void>> tasks) {
        try {
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding slices", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Deblocks the reconstruction and makes it the reference of the next picture. */
    private void finishPicture() {
        if (deblock) {
            deblocker.filter(recon, info.mbType, info.mvx4, info.mvy4, info.nzY, qp);
        }
        // the new picture becomes the reference
        recon.extendBorders();
        Picture t = ref;
        ref = recon;
        recon = t;
        InterPred tp = refPred;
        refPred = spare;
        spare = tp;
        refPred.update();
    }
}
