package dev.liveloom.mixer.h264.internal;

/**
 * The H.264 4x4 integer transforms, quantisation and the exact inverse path (clause 8.5.12) for
 * flat scaling matrices. Blocks are 16 ints in raster order; levels are written in zig-zag order.
 */
public final class Transform {
    private Transform() {}

    /** Zig-zag scan for frame macroblocks: scan index to raster index. */
    public static final int[] ZIGZAG = {0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15};

    /** normAdjust4x4 v (Table 8-13 columns): [qp % 6][class], class 0 both even, 1 both odd, 2 mixed. */
    static final int[][] V = {{10, 16, 13}, {11, 18, 14}, {13, 20, 16}, {14, 23, 18}, {16, 25, 20}, {18, 29, 23}};

    /** Forward quantiser multipliers matching {@link #V}. */
    static final int[][] MF = {
        {13107, 5243, 8066},
        {11916, 4660, 7490},
        {10082, 4194, 6554},
        {9362, 3647, 5825},
        {8192, 3355, 5243},
        {7282, 2893, 4559}
    };

    /** Position class of each raster position. */
    static final int[] CLASS = {0, 2, 0, 2, 2, 1, 2, 1, 0, 2, 0, 2, 2, 1, 2, 1};

    /** QPc for qPI 0..51 with 4:2:0 (Table 8-15). */
    public static final int[] CHROMA_QP = new int[52];

    static {
        int[] hi = {29, 30, 31, 32, 32, 33, 34, 34, 35, 35, 36, 36, 37, 37, 37, 38, 38, 38, 39, 39, 39, 39};
        for (int i = 0; i < 52; i++) {
            CHROMA_QP[i] = i < 30 ? i : hi[i - 30];
        }
    }

    /** Forward core transform in place. */
    public static void forward4x4(int[] b) {
        for (int i = 0; i < 16; i += 4) {
            int s03 = b[i] + b[i + 3];
            int d03 = b[i] - b[i + 3];
            int s12 = b[i + 1] + b[i + 2];
            int d12 = b[i + 1] - b[i + 2];
            b[i] = s03 + s12;
            b[i + 1] = 2 * d03 + d12;
            b[i + 2] = s03 - s12;
            b[i + 3] = d03 - 2 * d12;
        }
        for (int i = 0; i < 4; i++) {
            int s03 = b[i] + b[i + 12];
            int d03 = b[i] - b[i + 12];
            int s12 = b[i + 4] + b[i + 8];
            int d12 = b[i + 4] - b[i + 8];
            b[i] = s03 + s12;
            b[i + 4] = 2 * d03 + d12;
            b[i + 8] = s03 - s12;
            b[i + 12] = d03 - 2 * d12;
        }
    }

    /**
     * Quantises raster coefficients {@code w} into zig-zag {@code levels} from scan index {@code
     * start} (1 skips DC), with rounding offset {@code deadZone} in 1/ (1 << 16) units of a step
     * (x264 uses ~1/3 for intra, 1/6 for inter). Returns the number of non-zero levels.
     */
    public static int quant4x4(int[] w, int[] levels, int start, int qp, boolean intra) {
        int qbits = 15 + qp / 6;
        int f = intra ? (1 << qbits) / 3 : (1 << qbits) / 6;
        int[] mf = MF[qp % 6];
        int nz = 0;
        for (int s = 0; s < start; s++) {
            levels[s] = 0;
        }
        for (int s = start; s < 16; s++) {
            int r = ZIGZAG[s];
            int c = w[r];
            int a = c < 0 ? -c : c;
            int l = (int) (((long) a * mf[CLASS[r]] + f) >> qbits);
            if (l > CavlcWriter.MAX_LEVEL) {
                l = CavlcWriter.MAX_LEVEL;
            }
            if (l != 0) {
                nz++;
                levels[s] = c < 0 ? -l : l;
            } else {
                levels[s] = 0;
            }
        }
        return nz;
    }

    /** Cost of a lone +-1 level by the number of zeros that precede it in scan order (see below). */
    private static final int[] LONE_LEVEL_COST = {3, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** {@link #decimateScore}'s cost of a lone +-1 level after {@code run} zeros. */
    static int loneLevelCost(int run) {
        return LONE_LEVEL_COST[run];
    }

    /** Score of a block with any level above 1 in magnitude: never dropped. */
    public static final int KEEP = 9;

    /**
     * How much the zig-zag levels {@code levels[start..16)} of an inter block are worth keeping:
     * {@link #KEEP} once any level exceeds 1 in magnitude; otherwise the sum over the +-1 levels of a
     * cost that falls with the run of zeros before each (3 with none, 0 after six or more). An inter
     * residual made of a few isolated +-1 levels, typically noise, costs more bits than it gains;
     * the callers drop blocks, 8x8 quarters and whole components that score low (the coefficient
     * cost rule of the JM reference encoder, also x264's decimation).
     */
    public static int decimateScore(int[] levels, int start) {
        int i = 15;
        while (i >= start && levels[i] == 0) {
            i--;
        }
        int score = 0;
        while (i >= start) {
            int l = levels[i--];
            if (l > 1 || l < -1) {
                return KEEP;
            }
            int run = 0;
            while (i >= start && levels[i] == 0) {
                i--;
                run++;
            }
            score += LONE_LEVEL_COST[run];
        }
        return score;
    }

    /**
     * {@link #decimateScore} of the inter levels that {@link #quant4x4} would make of the
     * coefficients {@code w} (raster order) from scan position {@code start}, without storing them:
     * {@link #KEEP} as soon as a level exceeds 1.
     */
    public static int quantDecimateScore(int[] w, int start, int qp) {
        int qbits = 15 + qp / 6;
        int f = (1 << qbits) / 6;
        int[] mf = MF[qp % 6];
        int score = 0;
        int run = 0;
        for (int s = start; s < 16; s++) {
            int r = ZIGZAG[s];
            int c = w[r];
            int a = c < 0 ? -c : c;
            long l = ((long) a * mf[CLASS[r]] + f) >> qbits;
            if (l == 0) {
                run++;
            } else if (l == 1) {
                score += LONE_LEVEL_COST[run];
                run = 0;
            } else {
                return KEEP;
            }
        }
        return score;
    }

    /**
     * A 4x4 residual whose sum of absolute values is below this limit quantises to all-zero levels
     * at {@code qp}: coefficient (i, j) is at most m_i * m_j * SAD with row gains m = 1, 2, 1, 2.
     */
    public static int zeroSadLimit(int qp, boolean intra) {
        int qbits = 15 + qp / 6;
        long room = (1L << qbits) - (intra ? (1 << qbits) / 3 : (1 << qbits) / 6); // |W| * MF must stay below
        int[] mf = MF[qp % 6];
        long l0 = (room + mf[0] - 1) / mf[0];
        long l1 = (room + 4L * mf[1] - 1) / (4L * mf[1]);
        long l2 = (room + 2L * mf[2] - 1) / (2L * mf[2]);
        return (int) Math.min(l0, Math.min(l1, l2));
    }

    /** Dequantises zig-zag {@code levels} from {@code start} into raster {@code d} (d[0] left alone when start is 1). */
    public static void dequant4x4(int[] levels, int[] d, int start, int qp) {
        int[] v = V[qp % 6];
        int sh = qp / 6;
        for (int s = start; s < 16; s++) {
            int r = ZIGZAG[s];
            d[r] = (levels[s] * v[CLASS[r]]) << sh;
        }
    }

    /** Inverse core transform of raster {@code d} in place, result (x + 32) >> 6: the residual. */
    public static void inverse4x4(int[] d) {
        for (int i = 0; i < 16; i += 4) {
            int e0 = d[i] + d[i + 2];
            int e1 = d[i] - d[i + 2];
            int e2 = (d[i + 1] >> 1) - d[i + 3];
            int e3 = d[i + 1] + (d[i + 3] >> 1);
            d[i] = e0 + e3;
            d[i + 1] = e1 + e2;
            d[i + 2] = e1 - e2;
            d[i + 3] = e0 - e3;
        }
        for (int i = 0; i < 4; i++) {
            int e0 = d[i] + d[i + 8];
            int e1 = d[i] - d[i + 8];
            int e2 = (d[i + 4] >> 1) - d[i + 12];
            int e3 = d[i + 4] + (d[i + 12] >> 1);
            d[i] = (e0 + e3 + 32) >> 6;
            d[i + 4] = (e1 + e2 + 32) >> 6;
            d[i + 8] = (e1 - e2 + 32) >> 6;
            d[i + 12] = (e0 - e3 + 32) >> 6;
        }
    }

    /** 4x4 Hadamard in place (raster), unnormalised. */
    static void hadamard4x4(int[] b) {
        for (int i = 0; i < 16; i += 4) {
            int s01 = b[i] + b[i + 1];
            int d01 = b[i] - b[i + 1];
            int s23 = b[i + 2] + b[i + 3];
            int d23 = b[i + 2] - b[i + 3];
            b[i] = s01 + s23;
            b[i + 1] = s01 - s23;
            b[i + 2] = d01 - d23;
            b[i + 3] = d01 + d23;
        }
        for (int i = 0; i < 4; i++) {
            int s01 = b[i] + b[i + 4];
            int d01 = b[i] - b[i + 4];
            int s23 = b[i + 8] + b[i + 12];
            int d23 = b[i + 8] - b[i + 12];
            b[i] = s01 + s23;
            b[i + 4] = s01 - s23;
            b[i + 8] = d01 - d23;
            b[i + 12] = d01 + d23;
        }
    }

    /**
     * Intra16x16 DC: forward Hadamard of the 16 DC coefficients {@code dc} (raster of 4x4 blocks),
     * quantised into zig-zag {@code levels[0..16)}. Returns the non-zero count.
     */
    public static int quantLumaDc(int[] dc, int[] levels, int qp) {
        hadamard4x4(dc);
        int qbits = 16 + qp / 6;
        int f = (1 << qbits) / 3;
        int mf = MF[qp % 6][0];
        int nz = 0;
        for (int s = 0; s < 16; s++) {
            int c = dc[ZIGZAG[s]] >> 1;
            int a = c < 0 ? -c : c;
            int l = (int) (((long) a * mf + f) >> qbits);
            if (l > CavlcWriter.MAX_LEVEL) {
                l = CavlcWriter.MAX_LEVEL;
            }
            levels[s] = c < 0 ? -l : l;
            if (l != 0) {
                nz++;
            }
        }
        return nz;
    }

    /** Decoder-side Intra16x16 DC: zig-zag levels to the 16 scaled DC values (raster of blocks). */
    public static void dequantLumaDc(int[] levels, int[] dcOut, int qp) {
        for (int s = 0; s < 16; s++) {
            dcOut[ZIGZAG[s]] = levels[s];
        }
        hadamard4x4(dcOut);
        int ls = 16 * V[qp % 6][0];
        int q6 = qp / 6;
        for (int i = 0; i < 16; i++) {
            int f = dcOut[i];
            dcOut[i] = qp >= 36 ? (f * ls) << (q6 - 6) : (f * ls + (1 << (5 - q6))) >> (6 - q6);
        }
    }

    /** Chroma DC 2x2: forward transform and quantisation of {@code dc[0..4)} (raster) in place into levels. */
    public static int quantChromaDc(int[] dc, int[] levels, int qpc, boolean intra) {
        int a = dc[0], b = dc[1], c = dc[2], d = dc[3];
        int f0 = a + b + c + d, f1 = a - b + c - d, f2 = a + b - c - d, f3 = a - b - c + d;
        int qbits = 16 + qpc / 6;
        int f = intra ? (1 << qbits) / 3 : (1 << qbits) / 6;
        int mf = MF[qpc % 6][0];
        levels[0] = q(f0, mf, f, qbits);
        levels[1] = q(f1, mf, f, qbits);
        levels[2] = q(f2, mf, f, qbits);
        levels[3] = q(f3, mf, f, qbits);
        return (levels[0] != 0 ? 1 : 0)
                + (levels[1] != 0 ? 1 : 0)
                + (levels[2] != 0 ? 1 : 0)
                + (levels[3] != 0 ? 1 : 0);
    }

    private static int q(int c, int mf, int f, int qbits) {
        int a = c < 0 ? -c : c;
        int l = (int) (((long) a * mf + f) >> qbits);
        if (l > CavlcWriter.MAX_LEVEL) {
            l = CavlcWriter.MAX_LEVEL;
        }
        return c < 0 ? -l : l;
    }

    /** Decoder-side chroma DC: levels (raster 2x2) to the four scaled DC values. */
    public static void dequantChromaDc(int[] levels, int[] out, int qpc) {
        int a = levels[0], b = levels[1], c = levels[2], d = levels[3];
        int f0 = a + b + c + d, f1 = a - b + c - d, f2 = a + b - c - d, f3 = a - b - c + d;
        int ls = 16 * V[qpc % 6][0];
        int q6 = qpc / 6;
        out[0] = ((f0 * ls) << q6) >> 5;
        out[1] = ((f1 * ls) << q6) >> 5;
        out[2] = ((f2 * ls) << q6) >> 5;
        out[3] = ((f3 * ls) << q6) >> 5;
    }
}
