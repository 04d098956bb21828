package dev.liveloom.mixer.h264.internal;

/**
 * The coefficient layout of the vector forward transform ({@link VectorKernels#forward16}), for
 * one quantiser setting: the per-lane magnitudes from which a coefficient is kept, the quantiser
 * and dequantiser scales in that layout ({@link VectorKernels#quant}, {@link
 * VectorKernels#dequant}), and the scan of a block's levels from it into zig-zag order.
 *
 * <p>The vector transform leaves the four columns of a block row in lanes 0, 2, 1, 3 (column c in
 * lane {@code LANE[c]}; the order is its own inverse), which saves it a shuffle. A coefficient of
 * magnitude a quantises to a non-zero level exactly when {@code a * MF + f >= 2^qbits}, i.e. when a
 * reaches {@code ceil((2^qbits - f) / MF)}: the thresholds make the all-zero test of a block exact.
 */
final class TransformLanes {
    /** Lane of column c in a block row of the coefficient layout. */
    static final int[] LANE = {0, 2, 1, 3};

    private final boolean intra;
    private final int start;
    private final short[] thr16 = new short[64];
    private int builtFor = -1;
    private final int[] mf8 = new int[32];
    private int mfFor = -1;
    private final int[] v8 = new int[32];
    private int vFor = -1;

    /**
     * Thresholds for {@link Transform#quant4x4} with this {@code intra} rounding from scan position
     * {@code start} (1: the DC coefficient is never counted).
     */
    TransformLanes(boolean intra, int start) {
        this.intra = intra;
        this.start = start;
    }

    /** The 64 lane thresholds at {@code qp}: per block row r, 16 shorts (four blocks) from 16 r. */
    short[] at16(int qp) {
        if (qp != builtFor) {
            int qbits = 15 + qp / 6;
            int f = intra ? (1 << qbits) / 3 : (1 << qbits) / 6;
            int[] mf = Transform.MF[qp % 6];
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    int m = mf[Transform.CLASS[r * 4 + c]];
                    int t = r == 0 && c == 0 && start > 0 ? Integer.MAX_VALUE : ((1 << qbits) - f + m - 1) / m;
                    for (int b = 0; b < 4; b++) {
                        // a coefficient is at most 36 * 255 in magnitude: never reaches 32767
                        thr16[r * 16 + b * 4 + LANE[c]] = (short) Math.min(t, Short.MAX_VALUE);
                    }
                }
            }
            builtFor = qp;
        }
        return thr16;
    }

    /**
     * The quantiser multipliers MF of {@link Transform#quant4x4} at {@code qp} for {@link
     * VectorKernels#quant}: per block row r, eight ints (two blocks) from 8 r, in the lane order.
     */
    int[] mf8(int qp) {
        if (qp != mfFor) {
            byClass(Transform.MF[qp % 6], mf8);
            mfFor = qp;
        }
        return mf8;
    }

    /**
     * The dequantisation scales V of {@link Transform#dequant4x4} at {@code qp} for {@link
     * VectorKernels#dequant}, laid out as {@link #mf8}.
     */
    int[] v8(int qp) {
        if (qp != vFor) {
            byClass(Transform.V[qp % 6], v8);
            vFor = qp;
        }
        return v8;
    }

    /** Per block row r, the eight lanes from 8 r of {@code out}: the value of each lane's position class. */
    private static void byClass(int[] perClass, int[] out) {
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 8; k++) {
                out[r * 8 + k] = perClass[Transform.CLASS[r * 4 + LANE[k & 3]]];
            }
        }
    }

    /** The rounding offset f of {@link Transform#quant4x4} with this rounding at {@code qp}. */
    int roundingAt(int qp) {
        int qbits = 15 + qp / 6;
        return intra ? (1 << qbits) / 3 : (1 << qbits) / 6;
    }

    /** Offset of scan position s of a block in a region of row length 16 (block base added). */
    private static final int[] SCAN16 = new int[16];

    static {
        for (int s = 0; s < 16; s++) {
            int r = Transform.ZIGZAG[s];
            SCAN16[s] = (r >> 2) * 16 + LANE[r & 3];
        }
    }

    /**
     * Copies the levels of block (bx, by) of a level region in the coefficient layout (row length
     * 16, from {@link VectorKernels#quant}) into zig-zag {@code levels} from scan position {@code
     * start} (positions before it are zeroed), and returns the number of non-zero levels plus 32
     * times the block's {@link Transform#decimateScore}, both found on the way.
     */
    static int scan(int[] lv, int bx, int by, int[] levels, int start) {
        int base = by * 64 + bx * 4;
        int nz = 0;
        int score = 0;
        int run = 0;
        for (int s = 0; s < start; s++) {
            levels[s] = 0;
        }
        for (int s = start; s < 16; s++) {
            int l = lv[base + SCAN16[s]];
            levels[s] = l;
            if (l == 0) {
                run++;
            } else {
                nz++;
                score += l == 1 || l == -1 ? Transform.loneLevelCost(run) : Transform.KEEP;
                run = 0;
            }
        }
        return nz + 32 * Math.min(score, Transform.KEEP);
    }

    /** Zeroes block (bx, by) of a level region (row length 16). */
    static void clear(int[] lv, int bx, int by) {
        for (int r = 0; r < 4; r++) {
            int o = (4 * by + r) * 16 + 4 * bx;
            lv[o] = 0;
            lv[o + 1] = 0;
            lv[o + 2] = 0;
            lv[o + 3] = 0;
        }
    }

    /** Copies block (bx, by) of a coefficient region (row length w) into raster order {@code blk}. */
    static void gather(short[] coef, int w, int bx, int by, int[] blk) {
        for (int r = 0; r < 4; r++) {
            int o = (4 * by + r) * w + 4 * bx;
            blk[r * 4] = coef[o];
            blk[r * 4 + 1] = coef[o + 2];
            blk[r * 4 + 2] = coef[o + 1];
            blk[r * 4 + 3] = coef[o + 3];
        }
    }
}
