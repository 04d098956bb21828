package dev.liveloom.mixer.h264.internal;

/**
 * Motion vector prediction (H.264 8.4.1.3 for 16x16 partitions, 8.4.1.1 for P_Skip) and the
 * motion search of a P macroblock: integer-sample predictors (median, skip, zero, left, above),
 * a small diamond, then half- and quarter-sample refinement, with vector cost lambda * bits(mvd).
 * The fast level (SAD refinement) skips the sub-sample positions that read the centre plane.
 */
final class MotionSearch {
    /** Margin in luma samples a vector may point outside the picture (border minus filter taps). */
    static final int MV_MARGIN = Picture.PAD_Y - 8;

    private final int mbw;
    private final int width;
    private final int height;
    private final int[] mbType;
    private final int[] mbMvx;
    private final int[] mbMvy;
    private final int[] cand = new int[10];
    private final int[] pred = new int[256];

    private int lambda;
    /** First macroblock row of the current slice: rows above are unavailable. */
    private int firstRow;

    private int minMvX;
    private int maxMvX;
    private int minMvY;
    private int maxMvY;

    /** Predicted vector and P_Skip vector of the current macroblock, quarter samples. */
    int mvpX;

    int mvpY;
    int skipX;
    int skipY;

    /** Result of {@link #search}: best vector and its cost (SAD or SATD plus vector bits). */
    int bestX;

    int bestY;
    int bestCost;

    MotionSearch(int mbw, int width, int height, int[] mbType, int[] mbMvx, int[] mbMvy) {
        this.mbw = mbw;
        this.width = width;
        this.height = height;
        this.mbType = mbType;
        this.mbMvx = mbMvx;
        this.mbMvy = mbMvy;
    }

    /** Sets the vector limits and predictors for macroblock (mbx, mby). */
    void begin(int mbx, int mby, int sliceFirstRow, int lambda) {
        this.firstRow = sliceFirstRow;
        this.lambda = lambda;
        int px = mbx * 16;
        int py = mby * 16;
        // quarter-sample limits keeping the 6-tap filter inside the reference border, and the
        // level limits (vertical [-512, 511.75], horizontal [-2048, 2047.75])
        minMvX = Math.max(-2048 * 4, (-px - MV_MARGIN) * 4);
        maxMvX = Math.min(2047 * 4, (width - px - 16 + MV_MARGIN) * 4);
        minMvY = Math.max(-512 * 4, (-py - MV_MARGIN) * 4);
        maxMvY = Math.min(511 * 4, (height - py - 16 + MV_MARGIN) * 4);
        predict(mbx, mby);
    }

    boolean inRange(int mx, int my) {
        return mx >= minMvX && mx <= maxMvX && my >= minMvY && my <= maxMvY;
    }

    int mvCost(int mx, int my) {
        return lambda * (Cost.seBits(mx - mvpX) + Cost.seBits(my - mvpY));
    }

    private void predict(int mbx, int mby) {
        boolean availA = mbx > 0;
        boolean availB = mby > firstRow;
        boolean availC = availB && mbx < mbw - 1;
        int cIdx = (mby - 1) * mbw + mbx + 1;
        if (!availC) {
            availC = availB && mbx > 0; // D replaces C
            cIdx = (mby - 1) * mbw + mbx - 1;
        }
        int aIdx = mby * mbw + mbx - 1;
        int bIdx = (mby - 1) * mbw + mbx;
        boolean refA = availA && isInter(aIdx);
        boolean refB = availB && isInter(bIdx);
        boolean refC = availC && isInter(cIdx);
        int ax = refA ? mbMvx[aIdx] : 0, ay = refA ? mbMvy[aIdx] : 0;
        int bx = refB ? mbMvx[bIdx] : 0, by = refB ? mbMvy[bIdx] : 0;
        int cx = refC ? mbMvx[cIdx] : 0, cy = refC ? mbMvy[cIdx] : 0;
        if (!availB && !availC && availA) {
            mvpX = ax;
            mvpY = ay;
        } else {
            int count = (refA ? 1 : 0) + (refB ? 1 : 0) + (refC ? 1 : 0);
            if (count == 1) {
                mvpX = refA ? ax : refB ? bx : cx;
                mvpY = refA ? ay : refB ? by : cy;
            } else {
                mvpX = median(ax, bx, cx);
                mvpY = median(ay, by, cy);
            }
        }
        if (!availA || !availB || (refA && ax == 0 && ay == 0) || (refB && bx == 0 && by == 0)) {
            skipX = 0;
            skipY = 0;
        } else {
            skipX = mvpX;
            skipY = mvpY;
        }
    }

    private boolean isInter(int mb) {
        return mbType[mb] == FrameEncoder.MB_P16 || mbType[mb] == FrameEncoder.MB_SKIP;
    }

    private static int median(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * Searches the best vector for the 16x16 block of {@code src} at macroblock (mbx, mby) in the
     * reference of {@code refPred}; sub-sample refinement by SATD when {@code bySatd}, else by SAD.
     */
    void search(Picture src, InterPred refPred, int mbx, int mby, boolean bySatd) {
        int mb = mby * mbw + mbx;
        int px = mbx * 16;
        int py = mby * 16;
        int ss = src.strideY;
        int so = src.originY + py * ss + px;
        Picture r = refPred.reference();
        int bx = 0;
        int by = 0;
        int best = Integer.MAX_VALUE;
        cand[0] = mvpX;
        cand[1] = mvpY;
        cand[2] = skipX;
        cand[3] = skipY;
        cand[4] = 0;
        cand[5] = 0;
        cand[6] = mbx > 0 ? mbMvx[mb - 1] : 0;
        cand[7] = mbx > 0 ? mbMvy[mb - 1] : 0;
        cand[8] = mby > firstRow ? mbMvx[mb - mbw] : 0;
        cand[9] = mby > firstRow ? mbMvy[mb - mbw] : 0;
        for (int i = 0; i < cand.length; i += 2) {
            int mx = (cand[i] + 2) & ~3;
            int my = (cand[i + 1] + 2) & ~3;
            if (!inRange(mx, my) || seenBefore(i, mx, my)) {
                continue;
            }
            int mc = mvCost(mx, my);
            int limit = best == Integer.MAX_VALUE ? Integer.MAX_VALUE : best - mc;
            int c = Cost.sad16(
                            src.y,
                            so,
                            ss,
                            r.y,
                            r.originY + (py + (my >> 2)) * r.strideY + px + (mx >> 2),
                            r.strideY,
                            limit)
                    + mc;
            if (c < best) {
                best = c;
                bx = mx;
                by = my;
            }
        }
        // small diamond, integer samples
        for (int step = 0; step < 32; step++) {
            int cx = bx;
            int cy = by;
            for (int d = 0; d < 4; d++) {
                int mx = cx + (d == 0 ? -4 : d == 1 ? 4 : 0);
                int my = cy + (d == 2 ? -4 : d == 3 ? 4 : 0);
                if (!inRange(mx, my)) {
                    continue;
                }
                int mc = mvCost(mx, my);
                int c = Cost.sad16(
                                src.y,
                                so,
                                ss,
                                r.y,
                                r.originY + (py + (my >> 2)) * r.strideY + px + (mx >> 2),
                                r.strideY,
                                best - mc)
                        + mc;
                if (c < best) {
                    best = c;
                    bx = mx;
                    by = my;
                }
            }
            if (bx == cx && by == cy) {
                break;
            }
        }
        // half then quarter sample refinement
        if (bySatd) {
            refPred.luma(px, py, bx, by, 16, 16, pred);
            best = Cost.satd16(src.y, so, ss, pred) + mvCost(bx, by);
        }
        for (int range = 2; range >= 1; range--) {
            int cx = bx;
            int cy = by;
            // fast mode: half samples compared on every other row, then the winner re-measured in full
            int rowStep = !bySatd && range == 2 ? 2 : 1;
            if (!bySatd) {
                best = refPred.sad16(src.y, so, ss, px, py, cx, cy, Integer.MAX_VALUE, rowStep) + mvCost(cx, cy);
            }
            for (int dy = -range; dy <= range; dy += range) {
                for (int dx = -range; dx <= range; dx += range) {
                    // half samples: all 8 neighbours; quarter samples: the 4 of a diamond
                    if ((dx == 0 && dy == 0) || (range == 1 && dx != 0 && dy != 0)) {
                        continue;
                    }
                    int mx = cx + dx;
                    int my = cy + dy;
                    if (!bySatd && readsCentrePlane(mx, my)) {
                        continue; // fast level: no position that needs the centre plane
                    }
                    if (!inRange(mx, my)) {
                        continue;
                    }
                    int mc = mvCost(mx, my);
                    int c;
                    if (bySatd) {
                        refPred.luma(px, py, mx, my, 16, 16, pred);
                        c = Cost.satd16(src.y, so, ss, pred) + mc;
                    } else {
                        c = refPred.sad16(src.y, so, ss, px, py, mx, my, Math.max(0, best - mc), rowStep) + mc;
                    }
                    if (c < best) {
                        best = c;
                        bx = mx;
                        by = my;
                    }
                }
            }
        }
        bestX = bx;
        bestY = by;
        bestCost = best;
    }

    /**
     * Whether the prediction at quarter-sample vector (mx, my) reads the centre half-sample plane
     * (positions f, i, j, k, q of clause 8.4.2.2.1: a half-sample offset in one direction and any
     * fractional offset in the other). The fast level leaves these out of its refinement: the
     * horizontal and vertical half-sample planes and their quarter positions keep most of the gain
     * of sub-sample motion (720p mandelbrot, Main, 1000-5000 kbps: BD-rate against x264 ultrafast
     * -6.5 % instead of -9.9 %, integer vectors only: +12 %), at about half the filtering and
     * half the half-sample probes.
     */
    static boolean readsCentrePlane(int mx, int my) {
        int fx = mx & 3;
        int fy = my & 3;
        return (fx == 2 && fy != 0) || (fy == 2 && fx != 0);
    }

    /** Whether an earlier predictor rounds to the same integer vector. */
    private boolean seenBefore(int upTo, int mx, int my) {
        for (int j = 0; j < upTo; j += 2) {
            if (((cand[j] + 2) & ~3) == mx && ((cand[j + 1] + 2) & ~3) == my) {
                return true;
            }
        }
        return false;
    }
}
