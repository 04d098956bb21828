package dev.liveloom.mixer.h264.internal;

/**
 * A macroblock-aligned 4:2:0 picture with a replicated border around every plane, so motion
 * compensation may read up to {@link #PAD_Y} luma samples outside the picture without clamping.
 */
public final class Picture {
    /** Luma border; motion vectors are limited so the 6-tap filter stays inside it. */
    public static final int PAD_Y = 48;

    public static final int PAD_C = PAD_Y / 2;

    public final int width; // multiple of 16
    public final int height;
    public final int strideY;
    public final int strideC;
    public final byte[] y;
    public final byte[] u;
    public final byte[] v;
    /** Offset of sample (0, 0) in each plane. */
    public final int originY;

    public final int originC;

    public Picture(int width, int height) {
        this.width = width;
        this.height = height;
        strideY = width + 2 * PAD_Y;
        strideC = width / 2 + 2 * PAD_C;
        y = new byte[strideY * (height + 2 * PAD_Y)];
        u = new byte[strideC * (height / 2 + 2 * PAD_C)];
        v = new byte[strideC * (height / 2 + 2 * PAD_C)];
        originY = PAD_Y * strideY + PAD_Y;
        originC = PAD_C * strideC + PAD_C;
    }

    /** Replicates the edge samples into the border of every plane. */
    public void extendBorders() {
        extend(y, strideY, originY, width, height, PAD_Y);
        extend(u, strideC, originC, width / 2, height / 2, PAD_C);
        extend(v, strideC, originC, width / 2, height / 2, PAD_C);
    }

    private static void extend(byte[] p, int stride, int origin, int w, int h, int pad) {
        for (int j = 0; j < h; j++) {
            int row = origin + j * stride;
            java.util.Arrays.fill(p, row - pad, row, p[row]);
            java.util.Arrays.fill(p, row + w, row + w + pad, p[row + w - 1]);
        }
        int first = origin - pad;
        int last = origin + (h - 1) * stride - pad;
        for (int j = 1; j <= pad; j++) {
            System.arraycopy(p, first, p, first - j * stride, w + 2 * pad);
            System.arraycopy(p, last, p, last + j * stride, w + 2 * pad);
        }
    }
}
