package dev.liveloom.mixer.h264.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Motion-compensated prediction (H.264 clause 8.4.2.2): the reference luma plane with its three
 * half-sample planes made by the 6-tap filter once per reference picture, quarter samples as the
 * rounded average of two of them, and the bilinear eighth-sample chroma filter.
 */
public final class InterPred {
    private final Picture ref;
    /** Half-sample planes at (x + 1/2, y), (x, y + 1/2), (x + 1/2, y + 1/2); same layout as ref.y. */
    final byte[] halfH;

    final byte[] halfV;
    final byte[] halfC;

    public InterPred(Picture ref) {
        this.ref = ref;
        int n = ref.y.length;
        halfH = new byte[n];
        halfV = new byte[n];
        halfC = new byte[n];
        tilesX = (ref.strideY + TW - 1) / TW;
        int tiles = tilesX * ((n / ref.strideY + TH - 1) / TH);
        doneH = new boolean[tiles];
        doneV = new boolean[tiles];
        doneC = new boolean[tiles];
        update();
    }

    public Picture reference() {
        return ref;
    }

    private static int clip(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /**
     * Tiles of TW x TH plane samples whose half-sample values are computed (lazily, on first use),
     * per plane: a tile's horizontal, vertical and centre values are filtered separately, so
     * searches that avoid the centre positions never pay for the centre plane.
     */
    private final boolean[] doneH;

    private final boolean[] doneV;
    private final boolean[] doneC;

    private final int tilesX;
    private int x0;
    private int x1;
    private int y0;
    private int y1;

    /**
     * Marks the half-sample planes stale after the reference picture (with borders) changed; tiles
     * are filtered again when motion compensation first reads them, so areas coded with integer
     * vectors (static backgrounds, P_Skip at zero motion) cost nothing.
     */
    public void update() {
        // vectors stay MV_MARGIN inside the border; the 6-tap filter reads 3 more samples
        int margin = Picture.PAD_Y - 4;
        x0 = Picture.PAD_Y - margin - 1;
        x1 = Picture.PAD_Y + ref.width + margin + 1;
        y0 = Picture.PAD_Y - margin - 1;
        y1 = Picture.PAD_Y + ref.height + margin + 1;
        java.util.Arrays.fill(doneH, false);
        java.util.Arrays.fill(doneV, false);
        java.util.Arrays.fill(doneC, false);
    }

    private static final VarHandle TILE_DONE = MethodHandles.arrayElementVarHandle(boolean[].class);

    /**
     * Makes sure the half-sample values of the planes in {@code planes} (bit 1 H, bit 2 V, bit 3 C)
     * at plane samples [x, x + w) x [y, y + h) are computed. Slice coders on several threads may
     * call this at once: a tile's flag is published with release semantics after its samples are
     * written, and read with acquire semantics, so a thread that sees it set sees the samples; two
     * threads that both find it clear filter the tile both and write the same bytes, so the planes
     * never depend on the timing.
     */
    private void ensure(int x, int y, int w, int h, int planes) {
        if (allPlanes) {
            planes = 14;
        }
        for (int ty = y / TH; ty <= (y + h - 1) / TH; ty++) {
            for (int tx = x / TW; tx <= (x + w - 1) / TW; tx++) {
                int t = ty * tilesX + tx;
                int missing = 0;
                if ((planes & 2) != 0 && !(boolean) TILE_DONE.getAcquire(doneH, t)) {
                    missing |= 2;
                }
                if ((planes & 4) != 0 && !(boolean) TILE_DONE.getAcquire(doneV, t)) {
                    missing |= 4;
                }
                if ((planes & 8) != 0 && !(boolean) TILE_DONE.getAcquire(doneC, t)) {
                    missing |= 8;
                }
                if (missing != 0) {
                    computeTile(tx, ty, SCRATCH.get(), missing);
                    if ((missing & 2) != 0) {
                        TILE_DONE.setRelease(doneH, t, true);
                    }
                    if ((missing & 4) != 0) {
                        TILE_DONE.setRelease(doneV, t, true);
                    }
                    if ((missing & 8) != 0) {
                        TILE_DONE.setRelease(doneC, t, true);
                    }
                }
            }
        }
    }

    /** Whether every fractional read filters all three planes of its tiles at once. */
    private boolean allPlanes = true;

    /**
     * Filter all three half-sample planes of a tile together (the default: one widening of the
     * source serves all three, best when searches probe every half-sample position) or only the
     * planes a read needs (best when searches avoid the centre positions).
     */
    public void setFilterAllPlanes(boolean all) {
        allPlanes = all;
    }

    /**
     * Tile width and height. Wide tiles give the filter loops rows long enough for the compiler to
     * unroll and vectorize; narrow ones waste less where few vectors point.
     */
    private static final int TW = 64, TH = 16;

    /** Row length of the tile buffers: a tile row plus the 6-tap filter's 2 before and 3 after. */
    private static final int TS = TW + 5;

    /** Per-thread filter scratch: the widened tile and one row of vertical sums. */
    private static final ThreadLocal<int[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new int[][] {new int[TS * (TH + 5)], new int[TS]});

    /**
     * Filters the planes {@code planes} (bit 1 H, bit 2 V, bit 3 C) of one tile. H and V are
     * filtered from the bytes by {@link HalfSample}; for C the source samples (with the filter's
     * margins) are widened into an int buffer first, so the filter loops are plain int
     * arithmetic. The centre plane is filtered horizontally from unclipped vertical sums, which
     * gives the same values as the vertical order (clause 8.4.2.2.1).
     */
    private void computeTile(int tx, int ty, int[][] scratch, int planes) {
        int[] t = scratch[0];
        int[] v = scratch[1];
        byte[] p = ref.y;
        int s = ref.strideY;
        int c0 = Math.max(tx * TW, x0);
        int c1 = Math.min(tx * TW + TW, x1);
        int r0 = Math.max(ty * TH, y0);
        int r1 = Math.min(ty * TH + TH, y1);
        int w = c1 - c0;
        int h = r1 - r0;
        byte[] hh = halfH;
        byte[] hv = halfV;
        byte[] hc = halfC;
        // H and V straight from the bytes, eight samples per step
        if ((planes & 2) != 0) {
            HalfSample.horizontalTile(p, r0 * s + c0, s, hh, w, h);
        }
        if ((planes & 12) == 4) {
            HalfSample.verticalTile(p, r0 * s + c0, s, hv, w, h);
        }
        if ((planes & 8) == 0) {
            return;
        }
        // C (and V with it): t holds (h + 5) rows of (w + 5) samples from (c0 - 2, r0 - 2), row
        // length TS; v one row of unclipped vertical sums
        for (int j = 0; j < h + 5; j++) {
            int o = (r0 - 2 + j) * s + c0 - 2;
            int d = j * TS;
            for (int i = 0; i < w + 5; i++) {
                t[d + i] = p[o + i] & 0xff;
            }
        }
        for (int j = 0; j < h; j++) {
            int o = (r0 + j) * s + c0;
            int rv = j * TS; // column c0 - 2 + i, rows r0 + j - 2 .. r0 + j + 3
            for (int i = 0; i < w + 5; i++) {
                int k = rv + i;
                v[i] = t[k] + t[k + 5 * TS] - 5 * (t[k + TS] + t[k + 4 * TS]) + 20 * (t[k + 2 * TS] + t[k + 3 * TS]);
            }
            if ((planes & 4) != 0) {
                for (int i = 0; i < w; i++) {
                    hv[o + i] = (byte) Math.max(0, Math.min(255, (v[i + 2] + 16) >> 5));
                }
            }
            for (int i = 0; i < w; i++) {
                int e = v[i] + v[i + 5] - 5 * (v[i + 1] + v[i + 4]) + 20 * (v[i + 2] + v[i + 3]);
                hc[o + i] = (byte) Math.max(0, Math.min(255, (e + 512) >> 10));
            }
        }
    }

    // For each quarter position (fy * 4 + fx): two sources {plane, dx, dy}; plane 0 full, 1 H, 2 V, 3 C.
    private static final int[][] QPEL = {
        {0, 0, 0, 0, 0, 0}, // (0,0) G
        {0, 0, 0, 1, 0, 0}, // (1,0) a = G, b
        {1, 0, 0, 1, 0, 0}, // (2,0) b
        {1, 0, 0, 0, 1, 0}, // (3,0) c = b, H
        {0, 0, 0, 2, 0, 0}, // (0,1) d = G, h
        {1, 0, 0, 2, 0, 0}, // (1,1) e = b, h
        {1, 0, 0, 3, 0, 0}, // (2,1) f = b, j
        {1, 0, 0, 2, 1, 0}, // (3,1) g = b, m
        {2, 0, 0, 2, 0, 0}, // (0,2) h
        {2, 0, 0, 3, 0, 0}, // (1,2) i = h, j
        {3, 0, 0, 3, 0, 0}, // (2,2) j
        {3, 0, 0, 2, 1, 0}, // (3,2) k = j, m
        {2, 0, 0, 0, 0, 1}, // (0,3) n = h, M
        {2, 0, 0, 1, 0, 1}, // (1,3) p = h, s
        {3, 0, 0, 1, 0, 1}, // (2,3) q = j, s
        {2, 1, 0, 1, 0, 1}, // (3,3) r = m, s
    };

    /** Half-sample planes each quarter position reads: bit 1 H, bit 2 V, bit 3 C. */
    private static final int[] PLANES = new int[16];

    static {
        for (int k = 0; k < 16; k++) {
            PLANES[k] = ((1 << QPEL[k][0]) | (1 << QPEL[k][3])) & ~1;
        }
    }

    /**
     * How far right of the block a quarter position reads a half-sample plane (0 or 1), so only the
     * tiles it reads are filtered: a block aligned to the tile grid then needs one row of tiles,
     * not two.
     */
    private static int halfDx(int[] q) {
        return Math.max(q[0] != 0 ? q[1] : 0, q[3] != 0 ? q[4] : 0);
    }

    /** How far below the block a quarter position reads a half-sample plane (0 or 1). */
    private static int halfDy(int[] q) {
        return Math.max(q[0] != 0 ? q[2] : 0, q[3] != 0 ? q[5] : 0);
    }

    private byte[] plane(int idx) {
        return switch (idx) {
            case 0 -> ref.y;
            case 1 -> halfH;
            case 2 -> halfV;
            default -> halfC;
        };
    }

    /**
     * The two sample planes and offsets (a row of {@code QPEL}) that vector (mvx, mvy) reads for a
     * w x h block at (px, py), after making sure the half-sample planes it needs are filtered there.
     */
    private int[] planesFor(int px, int py, int mvx, int mvy, int w, int h) {
        int qi = ((mvy & 3) << 2) | (mvx & 3);
        int[] q = QPEL[qi];
        if (qi != 0) {
            ensure(
                    Picture.PAD_Y + px + (mvx >> 2),
                    Picture.PAD_Y + py + (mvy >> 2),
                    w + halfDx(q),
                    h + halfDy(q),
                    PLANES[qi]);
        }
        return q;
    }

    /**
     * Luma prediction of a w x h block at picture position (px, py) with quarter-sample motion
     * vector (mvx, mvy) into {@code out} (row length w). The block must stay inside the border.
     */
    public void luma(int px, int py, int mvx, int mvy, int w, int h, int[] out) {
        luma(px, py, mvx, mvy, w, h, out, 0, w);
    }

    /**
     * As {@link #luma(int, int, int, int, int, int, int[])} into {@code out} from {@code oOff} with
     * row length {@code os} (a partition's place in a macroblock's prediction).
     */
    public void luma(int px, int py, int mvx, int mvy, int w, int h, int[] out, int oOff, int os) {
        int s = ref.strideY;
        int base = ref.originY + (py + (mvy >> 2)) * s + px + (mvx >> 2);
        int[] q = planesFor(px, py, mvx, mvy, w, h);
        byte[] a = plane(q[0]);
        int oa = base + q[2] * s + q[1];
        if (q[0] == q[3] && q[1] == q[4] && q[2] == q[5]) {
            for (int j = 0; j < h; j++) {
                int r = oa + j * s;
                int o = oOff + j * os;
                for (int i = 0; i < w; i++) {
                    out[o + i] = a[r + i] & 0xff;
                }
            }
        } else {
            byte[] b = plane(q[3]);
            int ob = base + q[5] * s + q[4];
            for (int j = 0; j < h; j++) {
                int ra = oa + j * s;
                int rb = ob + j * s;
                int o = oOff + j * os;
                for (int i = 0; i < w; i++) {
                    out[o + i] = ((a[ra + i] & 0xff) + (b[rb + i] & 0xff) + 1) >> 1;
                }
            }
        }
    }

    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final long LO = 0x00FF00FF00FF00FFL;
    private static final long ONE = 0x0001000100010001L;

    /**
     * As {@link #luma} for a 16x16 block, as bytes at {@code dst[dOff]} (stride ds), eight samples
     * per step (quarter positions average two planes byte-wise in a long).
     */
    public void luma16(int px, int py, int mvx, int mvy, byte[] dst, int dOff, int ds) {
        int s = ref.strideY;
        int base = ref.originY + (py + (mvy >> 2)) * s + px + (mvx >> 2);
        int[] q = planesFor(px, py, mvx, mvy, 16, 16);
        byte[] a = plane(q[0]);
        int oa = base + q[2] * s + q[1];
        if (q[0] == q[3] && q[1] == q[4] && q[2] == q[5]) {
            // two 8-byte moves per row: an arraycopy call per 16-byte row costs more than the copy
            for (int j = 0; j < 16; j++) {
                int r = oa + j * s;
                int d = dOff + j * ds;
                LONG.set(dst, d, (long) LONG.get(a, r));
                LONG.set(dst, d + 8, (long) LONG.get(a, r + 8));
            }
            return;
        }
        byte[] b = plane(q[3]);
        int ob = base + q[5] * s + q[4];
        if (Simd.ON) {
            VectorKernels.avg16(a, oa, b, ob, s, dst, dOff, ds, 16);
            return;
        }
        for (int j = 0; j < 16; j++) {
            int ra = oa + j * s;
            int rb = ob + j * s;
            int d = dOff + j * ds;
            LONG.set(dst, d, Sad.avg((long) LONG.get(a, ra), (long) LONG.get(b, rb)));
            LONG.set(dst, d + 8, Sad.avg((long) LONG.get(a, ra + 8), (long) LONG.get(b, rb + 8)));
        }
    }

    /**
     * SAD between the 16x16 source block at {@code src[so]} (stride {@code ss}) and the luma
     * prediction for quarter-sample vector (mvx, mvy) at picture position (px, py), read straight
     * from the sample planes without building the prediction. Stops early, returning a value of at
     * least {@code limit}, once the partial sum reaches {@code limit}.
     */
    public int sad16(byte[] src, int so, int ss, int px, int py, int mvx, int mvy, int limit) {
        return sad16(src, so, ss, px, py, mvx, mvy, limit, 1);
    }

    /**
     * As {@link #sad16(byte[], int, int, int, int, int, int, int)} over every {@code rowStep}-th row,
     * scaled by {@code rowStep} (an estimate for fast searches).
     */
    public int sad16(byte[] src, int so, int ss, int px, int py, int mvx, int mvy, int limit, int rowStep) {
        int s = ref.strideY;
        int base = ref.originY + (py + (mvy >> 2)) * s + px + (mvx >> 2);
        int[] q = planesFor(px, py, mvx, mvy, 16, 16);
        byte[] a = plane(q[0]);
        int oa = base + q[2] * s + q[1];
        if (q[0] == q[3] && q[1] == q[4] && q[2] == q[5]) {
            return Sad.sad16(src, so, ss, a, oa, s, limit, rowStep);
        }
        return Sad.sad16Avg(src, so, ss, a, oa, plane(q[3]), base + q[5] * s + q[4], s, limit, rowStep);
    }

    /**
     * As {@link #chroma} for an 8x8 block, as bytes at {@code dst[dOff]} (stride ds), eight samples
     * per step.
     */
    public void chroma8(boolean cr, int cx, int cy, int mvx, int mvy, byte[] dst, int dOff, int ds) {
        byte[] p = cr ? ref.v : ref.u;
        int s = ref.strideC;
        int fx = mvx & 7;
        int fy = mvy & 7;
        int base = ref.originC + (cy + (mvy >> 3)) * s + cx + (mvx >> 3);
        if ((fx | fy) == 0) {
            for (int j = 0; j < 8; j++) {
                LONG.set(dst, dOff + j * ds, (long) LONG.get(p, base + j * s));
            }
            return;
        }
        int wa = (8 - fx) * (8 - fy);
        int wb = fx * (8 - fy);
        int wc = (8 - fx) * fy;
        int wd = fx * fy;
        if (Simd.ON) {
            VectorKernels.chroma8(p, base, s, wa, wb, wc, wd, dst, dOff, ds);
            return;
        }
        for (int j = 0; j < 8; j++) {
            LONG.set(dst, dOff + j * ds, bilinear8(p, base + j * s, s, wa, wb, wc, wd));
        }
    }

    /**
     * Eight chroma samples from row {@code r} (stride s) weighted with wa..wd, packed as bytes in a
     * long: even and odd samples go through 16-bit lanes; the weights sum to 64, so a lane's weighted
     * sum stays below 2^14 and never carries into the next.
     */
    private static long bilinear8(byte[] p, int r, int s, int wa, int wb, int wc, int wd) {
        long a = (long) LONG.get(p, r);
        long b = (long) LONG.get(p, r + 1);
        long c = (long) LONG.get(p, r + s);
        long d = (long) LONG.get(p, r + s + 1);
        long even = (((a & LO) * wa + (b & LO) * wb + (c & LO) * wc + (d & LO) * wd + 32 * ONE) >>> 6) & LO;
        long odd = ((((a >>> 8) & LO) * wa
                                + ((b >>> 8) & LO) * wb
                                + ((c >>> 8) & LO) * wc
                                + ((d >>> 8) & LO) * wd
                                + 32 * ONE)
                        >>> 6)
                & LO;
        return even | (odd << 8);
    }

    /** Chroma prediction of a w x h chroma block at chroma position (cx, cy) for luma vector (mvx, mvy). */
    public void chroma(boolean cr, int cx, int cy, int mvx, int mvy, int w, int h, int[] out) {
        chroma(cr, cx, cy, mvx, mvy, w, h, out, 0, w);
    }

    /**
     * As {@link #chroma(boolean, int, int, int, int, int, int, int[])} into {@code out} from {@code
     * oOff} with row length {@code os}.
     */
    public void chroma(boolean cr, int cx, int cy, int mvx, int mvy, int w, int h, int[] out, int oOff, int os) {
        byte[] p = cr ? ref.v : ref.u;
        int s = ref.strideC;
        int fx = mvx & 7;
        int fy = mvy & 7;
        int base = ref.originC + (cy + (mvy >> 3)) * s + cx + (mvx >> 3);
        if ((fx | fy) == 0) {
            // integer vector (zero motion, most skipped macroblocks): the weights reduce to a copy
            for (int j = 0; j < h; j++) {
                int r = base + j * s;
                int o = oOff + j * os;
                for (int i = 0; i < w; i++) {
                    out[o + i] = p[r + i] & 0xff;
                }
            }
            return;
        }
        int wa = (8 - fx) * (8 - fy);
        int wb = fx * (8 - fy);
        int wc = (8 - fx) * fy;
        int wd = fx * fy;
        if (w == 8) {
            for (int j = 0; j < h; j++) {
                long v = bilinear8(p, base + j * s, s, wa, wb, wc, wd);
                int o = oOff + j * os;
                for (int i = 0; i < 8; i++) {
                    out[o + i] = (int) (v >>> (8 * i)) & 0xFF;
                }
            }
            return;
        }
        for (int j = 0; j < h; j++) {
            int r = base + j * s;
            for (int i = 0; i < w; i++) {
                int o = r + i;
                out[oOff + j * os + i] = (wa * (p[o] & 0xff)
                                + wb * (p[o + 1] & 0xff)
                                + wc * (p[o + s] & 0xff)
                                + wd * (p[o + s + 1] & 0xff)
                                + 32)
                        >> 6;
            }
        }
    }
}
