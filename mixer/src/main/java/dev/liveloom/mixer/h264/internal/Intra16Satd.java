package dev.liveloom.mixer.h264.internal;

/**
 * SATD (as {@link Cost#satd16}) of a 16x16 source block against the vertical, horizontal and DC
 * Intra16x16 predictions without building them. The Hadamard transform is linear, and these
 * predictions are constant along columns, rows or the whole block, so their transform has 4, 4
 * or 1 non-zero coefficients per 4x4 block: the source's coefficients are computed once, and each
 * mode only corrects those few. The values equal {@link Cost#satd16} against the built prediction.
 */
final class Intra16Satd {
    private Intra16Satd() {}

    /** Length of the coefficient array {@link #source} fills (the vector version's scratch included). */
    static final int COEF_LENGTH = 320;

    /**
     * The Hadamard coefficients of the 16 source 4x4 blocks into {@code coef}, in macroblock raster
     * order: coefficient (v, k) (vertical, horizontal frequency, in {@link Cost#satd16}'s butterfly
     * order) of block (bx, by) at {@code (4 by + v) * 16 + 4 bx + k}; each block's sum of absolute
     * coefficients into {@code abs} (raster block order). {@code coef} holds {@link #COEF_LENGTH}.
     */
    static void source(byte[] src, int so, int ss, short[] coef, int[] abs) {
        if (Simd.ON) {
            VectorKernels.hadamard16(src, so, ss, coef, abs);
            return;
        }
        for (int b = 0; b < 16; b++) {
            int r0 = so + (b >> 2) * 4 * ss + (b & 3) * 4;
            int c = base(b);
            // rows: h[j][k]
            for (int j = 0; j < 4; j++) {
                int r = r0 + j * ss;
                int d0 = src[r] & 0xff, d1 = src[r + 1] & 0xff, d2 = src[r + 2] & 0xff, d3 = src[r + 3] & 0xff;
                int a0 = d0 + d1, a1 = d0 - d1, a2 = d2 + d3, a3 = d2 - d3;
                coef[c + j * 16] = (short) (a0 + a2);
                coef[c + j * 16 + 1] = (short) (a1 + a3);
                coef[c + j * 16 + 2] = (short) (a0 - a2);
                coef[c + j * 16 + 3] = (short) (a1 - a3);
            }
            // columns, in place
            int sum = 0;
            for (int k = 0; k < 4; k++) {
                int x0 = coef[c + k], x1 = coef[c + 16 + k], x2 = coef[c + 32 + k], x3 = coef[c + 48 + k];
                int s01 = x0 + x1, s23 = x2 + x3, d01 = x0 - x1, d23 = x2 - x3;
                int v0 = s01 + s23, v1 = s01 - s23, v2 = d01 + d23, v3 = d01 - d23;
                coef[c + k] = (short) v0;
                coef[c + 16 + k] = (short) v1;
                coef[c + 32 + k] = (short) v2;
                coef[c + 48 + k] = (short) v3;
                sum += Math.abs(v0) + Math.abs(v1) + Math.abs(v2) + Math.abs(v3);
            }
            abs[b] = sum;
        }
    }

    /** Index of block b's coefficient (0, 0) in the layout of {@link #source}. */
    private static int base(int b) {
        return (b >> 2) * 64 + (b & 3) * 4;
    }

    /** SATD against the vertical prediction from the 16 samples at {@code p[top..]}. */
    static int vertical(short[] coef, int[] abs, byte[] p, int top) {
        int total = 0;
        for (int bx = 0; bx < 4; bx++) {
            int t0 = p[top + bx * 4] & 0xff, t1 = p[top + bx * 4 + 1] & 0xff;
            int t2 = p[top + bx * 4 + 2] & 0xff, t3 = p[top + bx * 4 + 3] & 0xff;
            int a0 = t0 + t1, a1 = t0 - t1, a2 = t2 + t3, a3 = t2 - t3;
            // the prediction's only coefficients: 4 * row transform of the top samples, first row
            int h0 = 4 * (a0 + a2), h1 = 4 * (a1 + a3), h2 = 4 * (a0 - a2), h3 = 4 * (a1 - a3);
            for (int by = 0; by < 4; by++) {
                int b = by * 4 + bx;
                int c = base(b);
                int x0 = coef[c], x1 = coef[c + 1], x2 = coef[c + 2], x3 = coef[c + 3];
                int s = abs[b]
                        - Math.abs(x0)
                        - Math.abs(x1)
                        - Math.abs(x2)
                        - Math.abs(x3)
                        + Math.abs(x0 - h0)
                        + Math.abs(x1 - h1)
                        + Math.abs(x2 - h2)
                        + Math.abs(x3 - h3);
                total += s >> 1;
            }
        }
        return total;
    }

    /** SATD against the horizontal prediction from the 16 samples at {@code p[left + j * stride]}. */
    static int horizontal(short[] coef, int[] abs, byte[] p, int left, int stride) {
        int total = 0;
        for (int by = 0; by < 4; by++) {
            int o = left + by * 4 * stride;
            int l0 = p[o] & 0xff,
                    l1 = p[o + stride] & 0xff,
                    l2 = p[o + 2 * stride] & 0xff,
                    l3 = p[o + 3 * stride] & 0xff;
            int s01 = l0 + l1, s23 = l2 + l3, d01 = l0 - l1, d23 = l2 - l3;
            // the prediction's only coefficients: 4 * column transform of the left samples, first column
            int v0 = 4 * (s01 + s23), v1 = 4 * (s01 - s23), v2 = 4 * (d01 + d23), v3 = 4 * (d01 - d23);
            for (int bx = 0; bx < 4; bx++) {
                int b = by * 4 + bx;
                int c = base(b);
                int x0 = coef[c], x1 = coef[c + 16], x2 = coef[c + 32], x3 = coef[c + 48];
                int s = abs[b]
                        - Math.abs(x0)
                        - Math.abs(x1)
                        - Math.abs(x2)
                        - Math.abs(x3)
                        + Math.abs(x0 - v0)
                        + Math.abs(x1 - v1)
                        + Math.abs(x2 - v2)
                        + Math.abs(x3 - v3);
                total += s >> 1;
            }
        }
        return total;
    }

    /** SATD against the constant prediction {@code dc}. */
    static int dc(short[] coef, int[] abs, int dc) {
        int total = 0;
        int d = 16 * dc;
        for (int b = 0; b < 16; b++) {
            int x0 = coef[base(b)];
            total += (abs[b] - Math.abs(x0) + Math.abs(x0 - d)) >> 1;
        }
        return total;
    }

    /** The Intra16x16 DC prediction value (8.3.3.3) of the block at {@code p[o]}. */
    static int dcValue(byte[] p, int o, int stride, boolean left, boolean top) {
        int s = 0;
        if (left && top) {
            for (int i = 0; i < 16; i++) {
                s += (p[o - stride + i] & 0xff) + (p[o + i * stride - 1] & 0xff);
            }
            return (s + 16) >> 5;
        }
        if (left) {
            for (int i = 0; i < 16; i++) {
                s += p[o + i * stride - 1] & 0xff;
            }
            return (s + 8) >> 4;
        }
        if (top) {
            for (int i = 0; i < 16; i++) {
                s += p[o - stride + i] & 0xff;
            }
            return (s + 8) >> 4;
        }
        return 128;
    }
}
