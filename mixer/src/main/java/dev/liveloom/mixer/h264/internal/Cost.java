package dev.liveloom.mixer.h264.internal;

/** Distortion metrics and the rate weights mode decisions use. */
final class Cost {
    private Cost() {}

    /** SAD-domain lambda per QP, about 0.92 * 2^((qp - 12) / 6) as in common H.264 encoders. */
    static final int[] LAMBDA = new int[52];

    static {
        for (int qp = 0; qp < 52; qp++) {
            LAMBDA[qp] = Math.max(1, (int) Math.round(0.92 * Math.pow(2, (qp - 12) / 6.0)));
        }
    }

    /** Bits of se(v) for {@code v}. */
    static int seBits(int v) {
        int k = v > 0 ? 2 * v - 1 : -2 * v;
        return 2 * (31 - Integer.numberOfLeadingZeros(k + 1)) + 1;
    }

    /** SATD of a 4x4 difference block {@code d} (raster), halved as usual. */
    static int satd4x4(int[] d) {
        // rows
        int a0 = d[0] + d[1], a1 = d[0] - d[1], a2 = d[2] + d[3], a3 = d[2] - d[3];
        int r00 = a0 + a2, r01 = a1 + a3, r02 = a0 - a2, r03 = a1 - a3;
        a0 = d[4] + d[5];
        a1 = d[4] - d[5];
        a2 = d[6] + d[7];
        a3 = d[6] - d[7];
        int r10 = a0 + a2, r11 = a1 + a3, r12 = a0 - a2, r13 = a1 - a3;
        a0 = d[8] + d[9];
        a1 = d[8] - d[9];
        a2 = d[10] + d[11];
        a3 = d[10] - d[11];
        int r20 = a0 + a2, r21 = a1 + a3, r22 = a0 - a2, r23 = a1 - a3;
        a0 = d[12] + d[13];
        a1 = d[12] - d[13];
        a2 = d[14] + d[15];
        a3 = d[14] - d[15];
        int r30 = a0 + a2, r31 = a1 + a3, r32 = a0 - a2, r33 = a1 - a3;
        return (col(r00, r10, r20, r30) + col(r01, r11, r21, r31) + col(r02, r12, r22, r32) + col(r03, r13, r23, r33))
                >> 1;
    }

    private static int col(int x0, int x1, int x2, int x3) {
        int s01 = x0 + x1, d01 = x0 - x1, s23 = x2 + x3, d23 = x2 - x3;
        return Math.abs(s01 + s23) + Math.abs(s01 - s23) + Math.abs(d01 + d23) + Math.abs(d01 - d23);
    }

    /** SATD between a 16x16 source block and a 16x16 prediction (row length 16). */
    static int satd16(byte[] src, int so, int ss, int[] pred) {
        return satd16(src, so, ss, pred, Integer.MAX_VALUE);
    }

    /**
     * As {@link #satd16(byte[], int, int, int[])}, but stops after a row of 4x4 blocks once the
     * partial sum reaches {@code limit}, returning that partial sum (at least {@code limit}).
     */
    static int satd16(byte[] src, int so, int ss, int[] pred, int limit) {
        return satdBlocks(src, so, ss, pred, 16, 16, 16, limit);
    }

    /**
     * SATD between a w x h source block (w, h multiples of 4) and a prediction with row length
     * {@code pw} starting at 0, as {@link #satd(byte[], int, int, int[], int, int, int, int, int[])}
     * without the copy; stops after a row of 4x4 blocks once the partial sum reaches {@code limit},
     * returning that partial sum (at least {@code limit}).
     */
    static int satdBlocks(byte[] src, int so, int ss, int[] pred, int pw, int w, int h, int limit) {
        int sum = 0;
        for (int by = 0; by < h; by += 4) {
            if (sum >= limit) {
                return sum;
            }
            for (int bx = 0; bx < w; bx += 4) {
                sum += satd4(src, so + by * ss + bx, ss, pred, by * pw + bx, pw);
            }
        }
        return sum;
    }

    /** SATD of one 4x4 block: source at {@code r0} (stride ss), prediction at {@code p0} (row length pw). */
    private static int satd4(byte[] src, int r0, int ss, int[] pred, int p0, int pw) {
        int h00, h01, h02, h03, h10, h11, h12, h13, h20, h21, h22, h23, h30, h31, h32, h33;
        {
            int d0 = (src[r0] & 0xff) - pred[p0], d1 = (src[r0 + 1] & 0xff) - pred[p0 + 1];
            int d2 = (src[r0 + 2] & 0xff) - pred[p0 + 2], d3 = (src[r0 + 3] & 0xff) - pred[p0 + 3];
            int a0 = d0 + d1, a1 = d0 - d1, a2 = d2 + d3, a3 = d2 - d3;
            h00 = a0 + a2;
            h01 = a1 + a3;
            h02 = a0 - a2;
            h03 = a1 - a3;
        }
        {
            int r = r0 + ss, p = p0 + pw;
            int d0 = (src[r] & 0xff) - pred[p], d1 = (src[r + 1] & 0xff) - pred[p + 1];
            int d2 = (src[r + 2] & 0xff) - pred[p + 2], d3 = (src[r + 3] & 0xff) - pred[p + 3];
            int a0 = d0 + d1, a1 = d0 - d1, a2 = d2 + d3, a3 = d2 - d3;
            h10 = a0 + a2;
            h11 = a1 + a3;
            h12 = a0 - a2;
            h13 = a1 - a3;
        }
        {
            int r = r0 + 2 * ss, p = p0 + 2 * pw;
            int d0 = (src[r] & 0xff) - pred[p], d1 = (src[r + 1] & 0xff) - pred[p + 1];
            int d2 = (src[r + 2] & 0xff) - pred[p + 2], d3 = (src[r + 3] & 0xff) - pred[p + 3];
            int a0 = d0 + d1, a1 = d0 - d1, a2 = d2 + d3, a3 = d2 - d3;
            h20 = a0 + a2;
            h21 = a1 + a3;
            h22 = a0 - a2;
            h23 = a1 - a3;
        }
        {
            int r = r0 + 3 * ss, p = p0 + 3 * pw;
            int d0 = (src[r] & 0xff) - pred[p], d1 = (src[r + 1] & 0xff) - pred[p + 1];
            int d2 = (src[r + 2] & 0xff) - pred[p + 2], d3 = (src[r + 3] & 0xff) - pred[p + 3];
            int a0 = d0 + d1, a1 = d0 - d1, a2 = d2 + d3, a3 = d2 - d3;
            h30 = a0 + a2;
            h31 = a1 + a3;
            h32 = a0 - a2;
            h33 = a1 - a3;
        }
        return (col(h00, h10, h20, h30) + col(h01, h11, h21, h31) + col(h02, h12, h22, h32) + col(h03, h13, h23, h33))
                >> 1;
    }

    /**
     * SATD between source plane {@code src} (block at {@code so}, stride {@code ss}) and prediction
     * {@code pred} (row length {@code pw}, block at {@code po}), over a w x h block of 4x4 units.
     */
    static int satd(byte[] src, int so, int ss, int[] pred, int po, int pw, int w, int h, int[] scratch) {
        int sum = 0;
        for (int by = 0; by < h; by += 4) {
            for (int bx = 0; bx < w; bx += 4) {
                for (int j = 0; j < 4; j++) {
                    int sr = so + (by + j) * ss + bx;
                    int pr = po + (by + j) * pw + bx;
                    for (int i = 0; i < 4; i++) {
                        scratch[j * 4 + i] = (src[sr + i] & 0xff) - pred[pr + i];
                    }
                }
                sum += satd4x4(scratch);
            }
        }
        return sum;
    }

    /**
     * SAD between a 16x16 source block and a reference plane block; stops early, returning at least
     * {@code limit}, once the partial sum reaches {@code limit}.
     */
    static int sad16(byte[] src, int so, int ss, byte[] ref, int ro, int rs, int limit) {
        return Sad.sad16(src, so, ss, ref, ro, rs, limit);
    }
}
