package dev.liveloom.mixer.h264.internal;

/**
 * Intra prediction (H.264 clause 8.3): Intra4x4 (9 modes), Intra16x16 (4 modes) and chroma (4
 * modes) from the reconstructed neighbours in a plane. Predictions are written as ints in raster
 * order; callers have checked that every sample a mode reads is available.
 */
public final class IntraPred {
    private IntraPred() {}

    public static final int I4_V = 0,
            I4_H = 1,
            I4_DC = 2,
            I4_DDL = 3,
            I4_DDR = 4,
            I4_VR = 5,
            I4_HD = 6,
            I4_VL = 7,
            I4_HU = 8;
    public static final int I16_V = 0, I16_H = 1, I16_DC = 2, I16_PLANE = 3;
    public static final int C_DC = 0, C_H = 1, C_V = 2, C_PLANE = 3;

    /**
     * Loads the 13 edge samples of a 4x4 block at (x, y) into {@code e}: e[0..3] left column bottom
     * to top, e[4] top-left, e[5..12] top row including top-right. Missing top-right samples repeat
     * the last top sample; missing neighbours are left as they were (never read by legal modes).
     */
    public static void loadEdge4x4(
            byte[] p, int stride, int x, int y, boolean left, boolean top, boolean topLeft, boolean topRight, int[] e) {
        int o = y * stride + x;
        if (left) {
            for (int j = 0; j < 4; j++) {
                e[3 - j] = p[o + j * stride - 1] & 0xff;
            }
        }
        if (topLeft) {
            e[4] = p[o - stride - 1] & 0xff;
        }
        if (top) {
            for (int i = 0; i < 4; i++) {
                e[5 + i] = p[o - stride + i] & 0xff;
            }
            if (topRight) {
                for (int i = 4; i < 8; i++) {
                    e[5 + i] = p[o - stride + i] & 0xff;
                }
            } else {
                int t3 = e[8];
                e[9] = t3;
                e[10] = t3;
                e[11] = t3;
                e[12] = t3;
            }
        }
    }

    /** Intra4x4 prediction of {@code mode} from edge {@code e} into {@code out[16]}. */
    public static void pred4x4(int mode, int[] e, boolean left, boolean top, int[] out) {
        switch (mode) {
            case I4_V -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        out[y * 4 + x] = e[5 + x];
                    }
                }
            }
            case I4_H -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        out[y * 4 + x] = e[3 - y];
                    }
                }
            }
            case I4_DC -> {
                int dc;
                if (left && top) {
                    dc = (e[0] + e[1] + e[2] + e[3] + e[5] + e[6] + e[7] + e[8] + 4) >> 3;
                } else if (left) {
                    dc = (e[0] + e[1] + e[2] + e[3] + 2) >> 2;
                } else if (top) {
                    dc = (e[5] + e[6] + e[7] + e[8] + 2) >> 2;
                } else {
                    dc = 128;
                }
                java.util.Arrays.fill(out, 0, 16, dc);
            }
            case I4_DDL -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int v;
                        if (x == 3 && y == 3) {
                            v = (t(e, 6) + 3 * t(e, 7) + 2) >> 2;
                        } else {
                            v = (t(e, x + y) + 2 * t(e, x + y + 1) + t(e, x + y + 2) + 2) >> 2;
                        }
                        out[y * 4 + x] = v;
                    }
                }
            }
            case I4_DDR -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int v;
                        if (x > y) {
                            v = (t(e, x - y - 2) + 2 * t(e, x - y - 1) + t(e, x - y) + 2) >> 2;
                        } else if (x < y) {
                            v = (l(e, y - x - 2) + 2 * l(e, y - x - 1) + l(e, y - x) + 2) >> 2;
                        } else {
                            v = (t(e, 0) + 2 * e[4] + l(e, 0) + 2) >> 2;
                        }
                        out[y * 4 + x] = v;
                    }
                }
            }
            case I4_VR -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int z = 2 * x - y;
                        int v;
                        if (z >= 0 && (z & 1) == 0) {
                            v = (t(e, x - (y >> 1) - 1) + t(e, x - (y >> 1)) + 1) >> 1;
                        } else if (z >= 0) {
                            v = (t(e, x - (y >> 1) - 2) + 2 * t(e, x - (y >> 1) - 1) + t(e, x - (y >> 1)) + 2) >> 2;
                        } else if (z == -1) {
                            v = (l(e, 0) + 2 * e[4] + t(e, 0) + 2) >> 2;
                        } else {
                            v = (l(e, y - 1) + 2 * l(e, y - 2) + l(e, y - 3) + 2) >> 2;
                        }
                        out[y * 4 + x] = v;
                    }
                }
            }
            case I4_HD -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int z = 2 * y - x;
                        int v;
                        if (z >= 0 && (z & 1) == 0) {
                            v = (l(e, y - (x >> 1) - 1) + l(e, y - (x >> 1)) + 1) >> 1;
                        } else if (z >= 0) {
                            v = (l(e, y - (x >> 1) - 2) + 2 * l(e, y - (x >> 1) - 1) + l(e, y - (x >> 1)) + 2) >> 2;
                        } else if (z == -1) {
                            v = (l(e, 0) + 2 * e[4] + t(e, 0) + 2) >> 2;
                        } else {
                            v = (t(e, x - 1) + 2 * t(e, x - 2) + t(e, x - 3) + 2) >> 2;
                        }
                        out[y * 4 + x] = v;
                    }
                }
            }
            case I4_VL -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int i = x + (y >> 1);
                        int v = (y & 1) == 0
                                ? (t(e, i) + t(e, i + 1) + 1) >> 1
                                : (t(e, i) + 2 * t(e, i + 1) + t(e, i + 2) + 2) >> 2;
                        out[y * 4 + x] = v;
                    }
                }
            }
            case I4_HU -> {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int z = x + 2 * y;
                        int j = y + (x >> 1);
                        int v;
                        if (z > 5) {
                            v = l(e, 3);
                        } else if (z == 5) {
                            v = (l(e, 2) + 3 * l(e, 3) + 2) >> 2;
                        } else if ((z & 1) == 0) {
                            v = (l(e, j) + l(e, j + 1) + 1) >> 1;
                        } else {
                            v = (l(e, j) + 2 * l(e, j + 1) + l(e, j + 2) + 2) >> 2;
                        }
                        out[y * 4 + x] = v;
                    }
                }
            }
            default -> throw new IllegalArgumentException("intra 4x4 mode " + mode);
        }
    }

    /** p[x, -1]; x == -1 is the top-left sample. */
    private static int t(int[] e, int x) {
        return e[5 + x];
    }

    /** p[-1, y]; y == -1 is the top-left sample. */
    private static int l(int[] e, int y) {
        return e[3 - y];
    }

    /**
     * Intra16x16 (size 16) or chroma (size 8) V/H/DC/plane prediction of the block at (x, y) of plane
     * {@code p} into {@code out[size * size]}. {@code mode} uses the Intra16x16 numbering; chroma
     * callers map their numbering with {@link #chromaToLumaMode}. DC for chroma is per 4x4 block.
     */
    public static void predBlock(
            byte[] p, int stride, int x, int y, int size, int mode, boolean left, boolean top, int[] out) {
        int o = y * stride + x;
        switch (mode) {
            case I16_V -> {
                for (int j = 0; j < size; j++) {
                    for (int i = 0; i < size; i++) {
                        out[j * size + i] = p[o - stride + i] & 0xff;
                    }
                }
            }
            case I16_H -> {
                for (int j = 0; j < size; j++) {
                    int v = p[o + j * stride - 1] & 0xff;
                    for (int i = 0; i < size; i++) {
                        out[j * size + i] = v;
                    }
                }
            }
            case I16_DC -> {
                if (size == 16) {
                    int s = 0;
                    int dc;
                    if (left && top) {
                        for (int i = 0; i < 16; i++) {
                            s += (p[o - stride + i] & 0xff) + (p[o + i * stride - 1] & 0xff);
                        }
                        dc = (s + 16) >> 5;
                    } else if (left) {
                        for (int i = 0; i < 16; i++) {
                            s += p[o + i * stride - 1] & 0xff;
                        }
                        dc = (s + 8) >> 4;
                    } else if (top) {
                        for (int i = 0; i < 16; i++) {
                            s += p[o - stride + i] & 0xff;
                        }
                        dc = (s + 8) >> 4;
                    } else {
                        dc = 128;
                    }
                    java.util.Arrays.fill(out, 0, 256, dc);
                } else {
                    chromaDc(p, stride, o, left, top, out);
                }
            }
            case I16_PLANE -> {
                int half = size / 2;
                int h = 0;
                int v = 0;
                for (int i = 0; i < half; i++) {
                    int right = p[o - stride + half + i] & 0xff;
                    int leftT = p[o - stride + half - 2 - i] & 0xff; // i == half-1 reads the top-left
                    h += (i + 1) * (right - leftT);
                    int down = p[o + (half + i) * stride - 1] & 0xff;
                    int upL = p[o + (half - 2 - i) * stride - 1] & 0xff;
                    v += (i + 1) * (down - upL);
                }
                int a = 16 * ((p[o + (size - 1) * stride - 1] & 0xff) + (p[o - stride + size - 1] & 0xff));
                int b;
                int c;
                if (size == 16) {
                    b = (5 * h + 32) >> 6;
                    c = (5 * v + 32) >> 6;
                } else {
                    b = (34 * h + 32) >> 6;
                    c = (34 * v + 32) >> 6;
                }
                int off = half - 1;
                if (Simd.ON) {
                    VectorKernels.plane(a, b, c, off, size, out);
                    return;
                }
                for (int j = 0; j < size; j++) {
                    for (int i = 0; i < size; i++) {
                        int val = (a + b * (i - off) + c * (j - off) + 16) >> 5;
                        out[j * size + i] = val < 0 ? 0 : val > 255 ? 255 : val;
                    }
                }
            }
            default -> throw new IllegalArgumentException("intra 16x16 mode " + mode);
        }
    }

    /** Maps chroma intra mode (0 DC, 1 H, 2 V, 3 plane) to the Intra16x16 numbering. */
    public static int chromaToLumaMode(int chromaMode) {
        return switch (chromaMode) {
            case C_DC -> I16_DC;
            case C_H -> I16_H;
            case C_V -> I16_V;
            default -> I16_PLANE;
        };
    }

    private static void chromaDc(byte[] p, int stride, int o, boolean left, boolean top, int[] out) {
        for (int by = 0; by < 2; by++) {
            for (int bx = 0; bx < 2; bx++) {
                int st = 0;
                int sl = 0;
                if (top) {
                    for (int i = 0; i < 4; i++) {
                        st += p[o - stride + bx * 4 + i] & 0xff;
                    }
                }
                if (left) {
                    for (int j = 0; j < 4; j++) {
                        sl += p[o + (by * 4 + j) * stride - 1] & 0xff;
                    }
                }
                int dc;
                if (bx == by) {
                    dc = left && top ? (st + sl + 4) >> 3 : left ? (sl + 2) >> 2 : top ? (st + 2) >> 2 : 128;
                } else if (bx == 1) {
                    dc = top ? (st + 2) >> 2 : left ? (sl + 2) >> 2 : 128;
                } else {
                    dc = left ? (sl + 2) >> 2 : top ? (st + 2) >> 2 : 128;
                }
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        out[(by * 4 + j) * 8 + bx * 4 + i] = dc;
                    }
                }
            }
        }
    }
}
