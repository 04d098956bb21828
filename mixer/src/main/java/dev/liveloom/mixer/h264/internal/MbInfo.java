package dev.liveloom.mixer.h264.internal;

/**
 * Per-picture macroblock state: what the decisions, the entropy coders' context selection and the
 * deblocking filter read back from neighbouring macroblocks. One instance per picture size, shared by
 * the slice coders (each writes only the macroblocks of its own slices).
 */
final class MbInfo {
    final int mbw;
    final int[] mbType;
    final int[] mbMvx;
    final int[] mbMvy;
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
    /** |mvd| of the macroblock (0 for intra and skipped ones), for CABAC context selection. */
    final int[] mvdAbsX;

    final int[] mvdAbsY;
    final boolean[] lumaDcCoded;
    /** [mb * 2 + component]. */
    final boolean[] chromaDcCoded;

    MbInfo(int widthMbs, int heightMbs) {
        mbw = widthMbs;
        int n = widthMbs * heightMbs;
        mbType = new int[n];
        mbMvx = new int[n];
        mbMvy = new int[n];
        i4Mode = new int[n * 16];
        nzY = new int[n * 16];
        nzCb = new int[n * 4];
        nzCr = new int[n * 4];
        mbCbp = new int[n];
        mbChromaMode = new int[n];
        mvdAbsX = new int[n];
        mvdAbsY = new int[n];
        lumaDcCoded = new boolean[n];
        chromaDcCoded = new boolean[n * 2];
    }

    /** luma4x4BlkIdx of the 4x4 block at (x, y) inside a macroblock. */
    static int blkIdxOf(int x, int y) {
        return ((y >> 1) << 3) + ((x >> 1) << 2) + ((y & 1) << 1) + (x & 1);
    }

    /** Index into {@link #nzY} of block b of macroblock (mbx, mby). */
    int blkIndex(int mbx, int mby, int b) {
        return (mby * 4 + FrameEncoder.BLK_Y[b]) * (mbw * 4) + mbx * 4 + FrameEncoder.BLK_X[b];
    }

    static boolean isIntra(int type) {
        return type == FrameEncoder.MB_I4 || type == FrameEncoder.MB_I16;
    }
}
