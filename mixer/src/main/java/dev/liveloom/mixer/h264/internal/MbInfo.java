package dev.liveloom.mixer.h264.internal;

/**
 * Per-picture macroblock state: what the decisions, the entropy coders' context selection and the
 * deblocking filter read back from neighbouring macroblocks. One instance per picture size, shared by
 * the slice coders (each writes only the macroblocks of its own slices).
 */
final class MbInfo {
    final int mbw;
    final int[] mbType;
    /** Row length of the per-4x4-block arrays ({@link #nzY}, the vectors, the |mvd|s). */
    final int stride4;
    /**
     * Motion vector per 4x4 luma block in quarter samples, in raster order of the picture's 4x4
     * blocks (index {@link #b4}); 0 for intra macroblocks. Vector prediction, the search's
     * candidates and the deblocking filter read it at block granularity, as partitions make the
     * vectors differ inside a macroblock.
     */
    final int[] mvx4;

    final int[] mvy4;
    /** Per 4x4 block, -1 when the macroblock is not Intra4x4. */
    final int[] i4Mode;
    /** Coefficient counts per 4x4 luma block, in raster order of the picture's 4x4 blocks. */
    final int[] nzY;
    /** Coefficient counts per 4x4 chroma block. */
    final int[] nzCb;

    final int[] nzCr;
    /** coded_block_pattern: luma bits 0..3, chroma << 4. */
    final int[] mbCbp;

    final int[] mbChromaMode;
    /**
     * |mvd| per 4x4 block (that of the partition covering it; 0 for intra and skipped macroblocks),
     * for CABAC context selection (absMvdComp, 9.3.3.1.1.7). Same layout as {@link #mvx4}.
     */
    final int[] mvdAbsX4;

    final int[] mvdAbsY4;
    final boolean[] lumaDcCoded;
    /** [mb * 2 + component]. */
    final boolean[] chromaDcCoded;

    MbInfo(int widthMbs, int heightMbs) {
        mbw = widthMbs;
        int n = widthMbs * heightMbs;
        mbType = new int[n];
        stride4 = widthMbs * 4;
        mvx4 = new int[n * 16];
        mvy4 = new int[n * 16];
        i4Mode = new int[n * 16];
        nzY = new int[n * 16];
        nzCb = new int[n * 4];
        nzCr = new int[n * 4];
        mbCbp = new int[n];
        mbChromaMode = new int[n];
        mvdAbsX4 = new int[n * 16];
        mvdAbsY4 = new int[n * 16];
        lumaDcCoded = new boolean[n];
        chromaDcCoded = new boolean[n * 2];
    }

    /** Partitions of P mb_type 0..3 (P_L0_16x16, P_L0_L0_16x8, P_L0_L0_8x16, P_8x8). */
    static final int[] PARTS = {1, 2, 2, 4};

    /** Top-left 4x4 block (x, y) of each partition of P mb_type 0..3, in partition order. */
    static final int[][] PART_X4 = {{0}, {0, 0}, {0, 2}, {0, 2, 0, 2}};

    static final int[][] PART_Y4 = {{0}, {0, 2}, {0, 0}, {0, 0, 2, 2}};

    /** Width and height of each partition of P mb_type 0..3, in 4x4 blocks. */
    static final int[] PART_W4 = {4, 4, 2, 2};

    static final int[] PART_H4 = {4, 2, 4, 2};

    /** luma4x4BlkIdx of the 4x4 block at (x, y) inside a macroblock. */
    static int blkIdxOf(int x, int y) {
        return ((y >> 1) << 3) + ((x >> 1) << 2) + ((y & 1) << 1) + (x & 1);
    }

    /** Index into {@link #nzY} of block b of macroblock (mbx, mby). */
    int blkIndex(int mbx, int mby, int b) {
        return (mby * 4 + FrameEncoder.BLK_Y[b]) * (mbw * 4) + mbx * 4 + FrameEncoder.BLK_X[b];
    }

    /** Index into the per-4x4-block arrays of block (x, y) (4x4 units) of macroblock (mbx, mby). */
    int b4(int mbx, int mby, int x, int y) {
        return (mby * 4 + y) * stride4 + mbx * 4 + x;
    }

    /**
     * Sets the vector and |mvd| of the 4x4 blocks [x, x + w) x [y, y + h) (4x4 units) of
     * macroblock (mbx, mby).
     */
    void setMotion(int mbx, int mby, int x, int y, int w, int h, int mvx, int mvy, int mvdX, int mvdY) {
        int ax = Math.abs(mvdX);
        int ay = Math.abs(mvdY);
        for (int j = y; j < y + h; j++) {
            int o = b4(mbx, mby, x, j);
            for (int i = o; i < o + w; i++) {
                mvx4[i] = mvx;
                mvy4[i] = mvy;
                mvdAbsX4[i] = ax;
                mvdAbsY4[i] = ay;
            }
        }
    }

    static boolean isIntra(int type) {
        return type == FrameEncoder.MB_I4 || type == FrameEncoder.MB_I16;
    }
}
