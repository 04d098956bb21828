package dev.liveloom.mixer.h264.internal;

/**
 * Motion vector prediction (H.264 8.4.1.3 for partitions of 16x16 down to 8x8 with the 16x8 and
 * 8x16 directional rules, 8.4.1.1 for P_Skip; neighbours A, B, C/D at 4x4-block granularity) and
 * the motion search of a P macroblock: integer-sample predictors (median, skip, zero, left, above),
 * a small diamond, then half- and quarter-sample refinement, with vector cost lambda * bits(mvd).
 * The fast level (SAD refinement) skips the sub-sample positions that read the centre plane. The
 * full level also searches partitions ({@link #searchPart}, {@link #refinePart}).
 */
final class MotionSearch {
    /** Margin in luma samples a vector may point outside the picture (border minus filter taps). */
    static final int MV_MARGIN = Picture.PAD_Y - 8;

    private final int mbw;
    private final int width;
    private final int height;
    private final MbInfo info;
    private final int[] mbType;
    private final int[] mvx4;
    private final int[] mvy4;
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

    MotionSearch(MbInfo info, int width, int height) {
        this.info = info;
        this.mbw = info.mbw;
        this.width = width;
        this.height = height;
        this.mbType = info.mbType;
        this.mvx4 = info.mvx4;
        this.mvy4 = info.mvy4;
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
        predictPart(mbx, mby, 0, 0, 16, SHAPE_16x16, 0);
        mvpX = predX;
        mvpY = predY;
        // P_Skip (8.4.1.1): zero when A or B is unavailable or an inter neighbour at zero motion
        if (statA == NA
                || statB == NA
                || (statA == INTER && amx == 0 && amy == 0)
                || (statB == INTER && bmx == 0 && bmy == 0)) {
            skipX = 0;
            skipY = 0;
        } else {
            skipX = mvpX;
            skipY = mvpY;
        }
    }

    /** Partition shapes for {@link #predictPart}: the directional rules of 16x8 and 8x16. */
    static final int SHAPE_16x16 = 0, SHAPE_16x8 = 1, SHAPE_8x16 = 2, SHAPE_8x8 = 3;

    /** Neighbour states: not available, available but not predicted from the reference (intra), inter. */
    private static final int NA = -2, NOREF = -1, INTER = 0;

    /** Result of {@link #predictPart}. */
    int predX;

    int predY;

    // neighbours A, B, C (or D) of the last predictPart: state and vector
    private int statA, statB, statC;
    private int amx, amy, bmx, bmy, cmx, cmy;
    private int nx, ny;

    /**
     * Predicted vector (8.4.1.3) of the partition whose top-left luma sample is (x, y) inside
     * macroblock (mbx, mby), {@code w} samples wide, into {@link #predX}/{@link #predY}. {@code
     * shape} selects the directional rules of 16x8 and 8x16 partitions, {@code partIdx} is the
     * partition's index. Inside the macroblock, the 8x8 blocks before the one holding (x, y) count
     * as decoded: their vectors must be in {@link MbInfo#mvx4} already.
     */
    void predictPart(int mbx, int mby, int x, int y, int w, int shape, int partIdx) {
        int cur8 = ((y >> 3) << 1) | (x >> 3);
        statA = neighbour(mbx, mby, x - 1, y, cur8);
        amx = nx;
        amy = ny;
        statB = neighbour(mbx, mby, x, y - 1, cur8);
        bmx = nx;
        bmy = ny;
        statC = neighbour(mbx, mby, x + w, y - 1, cur8);
        if (statC == NA) {
            statC = neighbour(mbx, mby, x - 1, y - 1, cur8); // D replaces C
        }
        cmx = nx;
        cmy = ny;
        if (shape == SHAPE_16x8) {
            if (partIdx == 0 && statB == INTER) {
                predX = bmx;
                predY = bmy;
                return;
            }
            if (partIdx == 1 && statA == INTER) {
                predX = amx;
                predY = amy;
                return;
            }
        } else if (shape == SHAPE_8x16) {
            if (partIdx == 0 && statA == INTER) {
                predX = amx;
                predY = amy;
                return;
            }
            if (partIdx == 1 && statC == INTER) {
                predX = cmx;
                predY = cmy;
                return;
            }
        }
        // median (8.4.1.3.1)
        int sb = statB;
        int sc = statC;
        int mbX = bmx, mbY = bmy, mcX = cmx, mcY = cmy;
        if (sb == NA && sc == NA && statA != NA) {
            sb = statA;
            sc = statA;
            mbX = amx;
            mbY = amy;
            mcX = amx;
            mcY = amy;
        }
        int count = (statA == INTER ? 1 : 0) + (sb == INTER ? 1 : 0) + (sc == INTER ? 1 : 0);
        if (count == 1) {
            predX = statA == INTER ? amx : sb == INTER ? mbX : mcX;
            predY = statA == INTER ? amy : sb == INTER ? mbY : mcY;
        } else {
            predX = median(amx, mbX, mcX);
            predY = median(amy, mbY, mcY);
        }
    }

    /**
     * State of the neighbouring 4x4 block covering luma location (xN, yN) relative to macroblock
     * (mbx, mby) (6.4.12), its vector in {@link #nx}/{@link #ny} (0 unless INTER). Inside the
     * current macroblock, blocks of 8x8 blocks before {@code cur8} are available (and inter).
     */
    private int neighbour(int mbx, int mby, int xN, int yN, int cur8) {
        nx = 0;
        ny = 0;
        int mx = mbx;
        int my = mby;
        if (yN < 0) {
            if (mby <= firstRow) {
                return NA;
            }
            my = mby - 1;
        }
        if (xN < 0) {
            if (mbx == 0) {
                return NA;
            }
            mx = mbx - 1;
        } else if (xN > 15) {
            if (yN >= 0 || mbx == mbw - 1) {
                return NA;
            }
            mx = mbx + 1;
        }
        if (mx == mbx && my == mby) {
            if ((((yN >> 3) << 1) | (xN >> 3)) >= cur8) {
                return NA;
            }
        } else if (!isInter(mbType[my * mbw + mx])) {
            return NOREF;
        }
        int i = info.b4(mx, my, (xN & 15) >> 2, (yN & 15) >> 2);
        nx = mvx4[i];
        ny = mvy4[i];
        return INTER;
    }

    private boolean isInter(int type) {
        return type == FrameEncoder.MB_P16 || type == FrameEncoder.MB_SKIP;
    }

    private static int median(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * Searches the best vector for the 16x16 block of {@code src} at macroblock (mbx, mby) in the
     * reference of {@code refPred}; sub-sample refinement by SATD when {@code bySatd}, else by SAD.
     */
    void search(Picture src, InterPred refPred, int mbx, int mby, boolean bySatd) {
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
        // the vectors of the blocks left of and above the macroblock's top-left block
        cand[6] = mbx > 0 ? mvx4[info.b4(mbx - 1, mby, 3, 0)] : 0;
        cand[7] = mbx > 0 ? mvy4[info.b4(mbx - 1, mby, 3, 0)] : 0;
        cand[8] = mby > firstRow ? mvx4[info.b4(mbx, mby - 1, 0, 3)] : 0;
        cand[9] = mby > firstRow ? mvy4[info.b4(mbx, mby - 1, 0, 3)] : 0;
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
        diamond(src.y, so, ss, r.y, r.originY + py * r.strideY + px, r.strideY, 16, 16, mvpX, mvpY, bx, by, best, 32);
        bx = diaX;
        by = diaY;
        best = diaCost;
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

    // ---------------------------------------------------------------- partitions (full level)

    /** Result of {@link #searchPart} and {@link #refinePart}: vector and cost (SATD plus vector bits). */
    int partX;

    int partY;
    int partCost;

    /** Result of {@link #diamond}: the vector and its cost. */
    private int diaX;

    private int diaY;
    private int diaCost;

    /**
     * Small integer-sample diamond for the w x h block at {@code s[so]} (stride ss) whose reference
     * block for the zero vector is at {@code ref[rb]} (stride rs), from vector (bx, by) of cost
     * {@code best}: moves to the best of the four neighbours by SAD plus lambda * bits of the vector
     * against (pmx, pmy) until none improves or after {@code maxSteps} moves; the result in {@link
     * #diaX}, {@link #diaY}, {@link #diaCost}.
     */
    private void diamond(
            byte[] s,
            int so,
            int ss,
            byte[] ref,
            int rb,
            int rs,
            int w,
            int h,
            int pmx,
            int pmy,
            int bx,
            int by,
            int best,
            int maxSteps) {
        int from = -1; // the direction that led here: its candidate is the last centre, known worse
        for (int step = 0; step < maxSteps; step++) {
            int cx = bx;
            int cy = by;
            int moved = -1;
            for (int d = 0; d < 4; d++) {
                if (d == from) {
                    continue;
                }
                int mx = cx + (d == 0 ? -4 : d == 1 ? 4 : 0);
                int my = cy + (d == 2 ? -4 : d == 3 ? 4 : 0);
                if (!inRange(mx, my)) {
                    continue;
                }
                int mc = partCostOf(mx, my, pmx, pmy);
                int ro = rb + (my >> 2) * rs + (mx >> 2);
                int c = (w == 16 && h == 16
                                ? Sad.sad16(s, so, ss, ref, ro, rs, best - mc)
                                : Sad.sad(s, so, ss, ref, ro, rs, w, h, best - mc))
                        + mc;
                if (c < best) {
                    best = c;
                    bx = mx;
                    by = my;
                    moved = d;
                }
            }
            if (bx == cx && by == cy) {
                break;
            }
            from = moved ^ 1; // 0 <-> 1 (left, right), 2 <-> 3 (up, down)
        }
        diaX = bx;
        diaY = by;
        diaCost = best;
    }

    private int partCostOf(int mx, int my, int pmx, int pmy) {
        return lambda * (Cost.seBits(mx - pmx) + Cost.seBits(my - pmy));
    }

    /**
     * Searches the w x h partition at (x, y) inside macroblock (mbx, mby) with predicted vector
     * (pmx, pmy): integer SAD over the predictor, {@code (startX, startY)} (the 16x16 result) and
     * zero, a small diamond, then half- and quarter-sample refinement by SATD (which also tries the
     * start vector exactly). The vector stays within the macroblock's limits.
     */
    void searchPart(
            Picture src,
            InterPred refPred,
            int mbx,
            int mby,
            int x,
            int y,
            int w,
            int h,
            int pmx,
            int pmy,
            int startX,
            int startY) {
        int px = mbx * 16 + x;
        int py = mby * 16 + y;
        int ss = src.strideY;
        int so = src.originY + py * ss + px;
        Picture r = refPred.reference();
        int rs = r.strideY;
        int rb = r.originY + py * rs + px;
        int bx = 0;
        int by = 0;
        int best = Integer.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            int vx = k == 0 ? pmx : k == 1 ? startX : 0;
            int vy = k == 0 ? pmy : k == 1 ? startY : 0;
            int mx = (vx + 2) & ~3;
            int my = (vy + 2) & ~3;
            if (!inRange(mx, my) || (best != Integer.MAX_VALUE && mx == bx && my == by)) {
                continue;
            }
            int mc = partCostOf(mx, my, pmx, pmy);
            int c = Sad.sad(
                            src.y,
                            so,
                            ss,
                            r.y,
                            rb + (my >> 2) * rs + (mx >> 2),
                            rs,
                            w,
                            h,
                            best == Integer.MAX_VALUE ? Integer.MAX_VALUE : best - mc)
                    + mc;
            if (c < best) {
                best = c;
                bx = mx;
                by = my;
            }
        }
        diamond(src.y, so, ss, r.y, rb, rs, w, h, pmx, pmy, bx, by, best, 16);
        bx = diaX;
        by = diaY;
        refinePart(src, refPred, mbx, mby, x, y, w, h, pmx, pmy, bx, by, startX, startY, startX, startY, 2);
    }

    /**
     * Picks the best of three exact candidate vectors for the w x h partition at (x, y) by SATD
     * plus vector bits against (pmx, pmy), then refines it over the eight half-sample (when {@code
     * firstRange} is 2) and the four quarter-sample neighbours; the result in {@link #partX},
     * {@link #partY}, {@link #partCost}.
     */
    void refinePart(
            Picture src,
            InterPred refPred,
            int mbx,
            int mby,
            int x,
            int y,
            int w,
            int h,
            int pmx,
            int pmy,
            int c0x,
            int c0y,
            int c1x,
            int c1y,
            int c2x,
            int c2y,
            int firstRange) {
        int px = mbx * 16 + x;
        int py = mby * 16 + y;
        int ss = src.strideY;
        int so = src.originY + py * ss + px;
        int bx = c0x;
        int by = c0y;
        int best = partSatd(src, refPred, so, ss, px, py, w, h, c0x, c0y, Integer.MAX_VALUE)
                + partCostOf(c0x, c0y, pmx, pmy);
        for (int k = 1; k < 3; k++) {
            int mx = k == 1 ? c1x : c2x;
            int my = k == 1 ? c1y : c2y;
            if ((mx == bx && my == by) || (k == 2 && mx == c1x && my == c1y) || !inRange(mx, my)) {
                continue;
            }
            int mc = partCostOf(mx, my, pmx, pmy);
            int c = partSatd(src, refPred, so, ss, px, py, w, h, mx, my, best - mc) + mc;
            if (c < best) {
                best = c;
                bx = mx;
                by = my;
            }
        }
        for (int range = firstRange; range >= 1; range--) {
            int cx = bx;
            int cy = by;
            for (int dy = -range; dy <= range; dy += range) {
                for (int dx = -range; dx <= range; dx += range) {
                    if ((dx == 0 && dy == 0) || (range == 1 && dx != 0 && dy != 0)) {
                        continue;
                    }
                    int mx = cx + dx;
                    int my = cy + dy;
                    if (!inRange(mx, my)) {
                        continue;
                    }
                    int mc = partCostOf(mx, my, pmx, pmy);
                    int c = partSatd(src, refPred, so, ss, px, py, w, h, mx, my, best - mc) + mc;
                    if (c < best) {
                        best = c;
                        bx = mx;
                        by = my;
                    }
                }
            }
        }
        partX = bx;
        partY = by;
        partCost = best;
    }

    /** SATD of the partition's prediction for (mx, my); stops early at {@code limit} (see Cost.satdBlocks). */
    private int partSatd(
            Picture src, InterPred refPred, int so, int ss, int px, int py, int w, int h, int mx, int my, int limit) {
        refPred.luma(px, py, mx, my, w, h, pred);
        return Cost.satdBlocks(src.y, so, ss, pred, w, w, h, limit);
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
