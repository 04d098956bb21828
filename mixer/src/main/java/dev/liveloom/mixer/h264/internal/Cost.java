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
        int a0 = d[0] + d[1], a1 = d[0] - d[1], a2 = d[2] + d[3], a3 = d[2] - d[3];
        int b0 = d[4] + d[5], b1 = d[4] - d[5], b2 = d[6] + d[7], b3 = d[6] - d[7];
        int c0 = d[8] + d[9], c1 = d[8] - d[9], c2 = d[10] + d[11], c3 = d[10] - d[11];
        int e0 = d[12] + d[13], e1 = d[12] - d[13], e2 = d[14] + d[15], e3 = d[14] - d[15];
        int[] r = {
            a0 + a2, a1 + a3, a0 - a2, a1 - a3, b0 + b2, b1 + b3, b0 - b2, b1 - b3, c0 + c2, c1 + c3, c0 - c2, c1 - c3,
            e0 + e2, e1 + e3, e0 - e2, e1 - e3
        };
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            int s01 = r[i] + r[i + 4], d01 = r[i] - r[i + 4], s23 = r[i + 8] + r[i + 12], d23 = r[i + 8] - r[i + 12];
            sum += Math.abs(s01 + s23) + Math.abs(s01 - s23) + Math.abs(d01 + d23) + Math.abs(d01 - d23);
        }
        return sum >> 1;
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

    /** SAD between a 16x16 source block and a reference plane block. */
    static int sad16(byte[] src, int so, int ss, byte[] ref, int ro, int rs) {
        int sum = 0;
        for (int j = 0; j < 16; j++) {
            int a = so + j * ss;
            int b = ro + j * rs;
            for (int i = 0; i < 16; i++) {
                sum += Math.abs((src[a + i] & 0xff) - (ref[b + i] & 0xff));
            }
        }
        return sum;
    }
}
