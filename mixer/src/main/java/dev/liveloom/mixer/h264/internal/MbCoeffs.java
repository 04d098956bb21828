package dev.liveloom.mixer.h264.internal;

/**
 * The coded form of the current macroblock, handed from the decisions to the syntax writer: levels
 * in zig-zag order, coefficient counts and Intra4x4 modes. One instance per slice coder.
 */
final class MbCoeffs {
    final int[][] lumaLv = new int[16][16];
    final int[] lumaDcLv = new int[16];
    final int[][] chromaDcLv = new int[2][4];
    final int[][][] chromaAcLv = new int[2][4][16];
    /** Non-zero coefficients per luma block by luma4x4BlkIdx. */
    final int[] mbNz = new int[16];

    final int[][] mbNzC = new int[2][4];
    final int[] i4ModesMb = new int[16];

    /** Luma coded_block_pattern bits from {@link #mbNz}. */
    int cbpLuma() {
        int cbp = 0;
        for (int b = 0; b < 16; b++) {
            if (mbNz[b] != 0) {
                cbp |= 1 << (b >> 2);
            }
        }
        return cbp;
    }

    /**
     * Predicted Intra4x4 mode of block b (8.3.1.1); called in decoding order. Blocks of the current
     * macroblock come from {@link #i4ModesMb}, others from the picture state.
     */
    int predI4Mode(MbInfo info, int mbx, int mby, int b, int sliceFirstRow) {
        int bx = mbx * 4 + FrameEncoder.BLK_X[b];
        int by = mby * 4 + FrameEncoder.BLK_Y[b];
        if (bx == 0 || by == sliceFirstRow * 4) {
            return IntraPred.I4_DC;
        }
        int a = i4ModeAt(info, bx - 1, by, mbx, mby);
        int t = i4ModeAt(info, bx, by - 1, mbx, mby);
        return Math.min(a, t);
    }

    private int i4ModeAt(MbInfo info, int bx, int by, int mbx, int mby) {
        int nmb = (by >> 2) * info.mbw + (bx >> 2);
        int inner = MbInfo.blkIdxOf(bx & 3, by & 3);
        if ((bx >> 2) == mbx && (by >> 2) == mby) {
            return i4ModesMb[inner];
        }
        int m = info.i4Mode[nmb * 16 + inner];
        return m < 0 ? IntraPred.I4_DC : m;
    }
}
