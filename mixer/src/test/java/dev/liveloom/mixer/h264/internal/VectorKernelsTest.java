package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels that have no portable twin of the same shape, against the per-block code
 * they replace (the transforms also through the vector quantiser and the scan that follows it). (Kernels with a twin are compared through it: the kernel tests run once with and
 * once without the vector kernels.) Not run in the portable pass, which has no vector module.
 */
class VectorKernelsTest {
    private static int sample(Random rnd, int kind) {
        return switch (kind) {
            case 0 -> rnd.nextInt(256);
            case 1 -> rnd.nextBoolean() ? 0 : 255;
            default -> 120 + rnd.nextInt(9);
        };
    }

    private static byte[] samples(Random rnd, int n, int kind) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) sample(rnd, kind);
        }
        return b;
    }

    /** The n x n samples at {@code p[o]} (stride s) as ints, row length n: a prediction in ints. */
    private static int[] ints(byte[] p, int o, int s, int n) {
        int[] d = new int[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                d[j * n + i] = p[o + j * s + i] & 0xff;
            }
        }
        return d;
    }

    /**
     * Checks block (bx, by) of a coefficient region against the per-block transform of {@code src
     * - pred} at the given offsets (stride ss), and its kept bit against the quantiser.
     */
    private static void checkBlock(
            byte[] src,
            int so,
            byte[] pred,
            int po,
            int ss,
            short[] coef,
            int bx,
            int by,
            boolean kept,
            int qp,
            boolean intra,
            int start,
            String what) {
        int[] blk = new int[16];
        int[] got = new int[16];
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 4; i++) {
                int o = j * ss + i;
                blk[j * 4 + i] = (src[so + o] & 0xff) - (pred[po + o] & 0xff);
            }
        }
        Transform.forward4x4(blk);
        TransformLanes.gather(coef, 16, bx, by, got);
        assertArrayEquals(blk, got, "coefficients, " + what);
        int[] want = new int[16];
        int nz = Transform.quant4x4(blk, want, start, qp, intra);
        assertEquals(nz != 0, kept, "kept at qp " + qp + ", " + what);
        // the vector quantiser and the scan to zig-zag order with its counts
        TransformLanes lanes = new TransformLanes(intra, start);
        int[] lv = new int[256];
        VectorKernels.quant(coef, 16, lanes.mf8(qp), lanes.roundingAt(qp), 15 + qp / 6, lv);
        int[] levels = new int[16];
        int found = TransformLanes.scan(lv, bx, by, levels, start);
        assertArrayEquals(want, levels, "levels at qp " + qp + ", " + what);
        assertEquals(nz, found & 31, "non-zero levels, " + what);
        assertEquals(Math.min(Transform.KEEP, Transform.decimateScore(want, start)), found >> 5, "score, " + what);
    }

    /** {@link #checkBlock} for the 16 blocks of a luma region. */
    private static void checkLuma(
            byte[] src,
            int so,
            byte[] pred,
            int po,
            int ss,
            short[] coef,
            long kept,
            int qp,
            boolean intra,
            int start,
            String what) {
        for (int b = 0; b < 16; b++) {
            int o = (b >> 2) * 4 * ss + (b & 3) * 4;
            checkBlock(
                    src,
                    so + o,
                    pred,
                    po + o,
                    ss,
                    coef,
                    b & 3,
                    b >> 2,
                    (kept >>> b & 1) != 0,
                    qp,
                    intra,
                    start,
                    "block " + b + ", " + what);
        }
    }

    /** {@link #checkBlock} for the 4 blocks of each chroma component, side by side in one region. */
    private static void checkChroma(
            byte[] u,
            byte[] v,
            int so,
            byte[] pu,
            byte[] pv,
            int po,
            int ss,
            short[] coef,
            long kept,
            int qp,
            boolean intra,
            String what) {
        for (int c = 0; c < 2; c++) {
            for (int b = 0; b < 4; b++) {
                int o = (b >> 1) * 4 * ss + (b & 1) * 4;
                int rx = c * 2 + (b & 1);
                checkBlock(
                        c == 0 ? u : v,
                        so + o,
                        c == 0 ? pu : pv,
                        po + o,
                        ss,
                        coef,
                        rx,
                        b >> 1,
                        (kept >>> ((b >> 1) * 4 + rx) & 1) != 0,
                        qp,
                        intra,
                        1,
                        "component " + c + " block " + b + ", " + what);
            }
        }
    }

    @Test
    void lumaTransformEqualsThePerBlockTransformAndFindsEveryNonZeroBlock() {
        Random rnd = new Random(11);
        short[] coef = new short[256];
        int ss = 40;
        for (int n = 0; n < 4000; n++) {
            byte[] src = samples(rnd, ss * 20, n % 3);
            byte[] pred = samples(rnd, ss * 20, (n / 3) % 3);
            int so = rnd.nextInt(16);
            int po = rnd.nextInt(16);
            int qp = rnd.nextInt(52);
            boolean intra = rnd.nextBoolean();
            int start = rnd.nextInt(2);
            short[] thr = new TransformLanes(intra, start).at16(qp);
            long kept = VectorKernels.forward16(src, so, ss, pred, po, ss, coef, thr);
            checkLuma(src, so, pred, po, ss, coef, kept, qp, intra, start, "byte prediction, case " + n);
            int[] predInt = ints(pred, po, ss, 16);
            assertEquals(kept, VectorKernels.forward16(src, so, ss, predInt, coef, thr), "int prediction, case " + n);
            checkLuma(src, so, pred, po, ss, coef, kept, qp, intra, start, "int prediction, case " + n);
        }
    }

    @Test
    void chromaTransformCodesBothComponentsSideBySide() {
        Random rnd = new Random(13);
        short[] coef = new short[256];
        short[] scratch = new short[128];
        int ss = 24;
        for (int n = 0; n < 4000; n++) {
            byte[] u = samples(rnd, ss * 12, n % 3);
            byte[] v = samples(rnd, ss * 12, (n + 1) % 3);
            byte[] pu = samples(rnd, ss * 12, (n / 3) % 3);
            byte[] pv = samples(rnd, ss * 12, (n / 5) % 3);
            int so = rnd.nextInt(8);
            int po = rnd.nextInt(8);
            int qp = rnd.nextInt(52);
            boolean intra = rnd.nextBoolean();
            short[] thr = new TransformLanes(intra, 1).at16(qp);
            long kept = VectorKernels.forwardChroma(u, v, so, ss, pu, pv, po, ss, coef, scratch, thr);
            checkChroma(u, v, so, pu, pv, po, ss, coef, kept, qp, intra, "byte prediction, case " + n);
            assertEquals(
                    kept,
                    VectorKernels.forwardChroma(
                            u, v, so, ss, ints(pu, po, ss, 8), ints(pv, po, ss, 8), coef, scratch, thr),
                    "int prediction, case " + n);
            checkChroma(u, v, so, pu, pv, po, ss, coef, kept, qp, intra, "int prediction, case " + n);
        }
    }

    @Test
    void reconstructionEqualsThePerBlockInverse() {
        Random rnd = new Random(17);
        int[] lv = new int[256];
        int[] deq = new int[256];
        int[] tmp = new int[256];
        int ds = 40;
        for (int n = 0; n < 4000; n++) {
            int qp = rnd.nextInt(52);
            int rows = n % 2 == 0 ? 16 : 8;
            int kind = n % 3;
            for (int i = 0; i < 256; i++) {
                // sparse small levels, dense ones, and a few near the clamp
                int pick = rnd.nextInt(100);
                int l = kind == 0
                        ? (pick < 15 ? 1 + rnd.nextInt(3) : 0)
                        : kind == 1 ? rnd.nextInt(41) - 20 : (pick < 5 ? rnd.nextInt(2 * 2063 + 1) - 2063 : 0);
                lv[i] = rnd.nextBoolean() ? l : -l;
            }
            byte[] pred = samples(rnd, ds * 17, n % 3);
            byte[] got = pred.clone();
            int o0 = 2 + rnd.nextInt(8);
            int o1 = o0 + 8;
            VectorKernels.dequant(lv, rows, new TransformLanes(false, 0).v8(qp), qp / 6, deq);
            VectorKernels.inverseAdd(deq, rows, got, o0, got, o1, ds, tmp);
            byte[] want = pred.clone();
            int[] levels = new int[16];
            int[] blk = new int[16];
            for (int by = 0; by < rows / 4; by++) {
                for (int bx = 0; bx < 4; bx++) {
                    TransformLanes.scan(lv, bx, by, levels, 0);
                    Transform.dequant4x4(levels, blk, 0, qp);
                    Transform.inverse4x4(blk);
                    for (int j = 0; j < 4; j++) {
                        for (int i = 0; i < 4; i++) {
                            int o = o0 + (by * 4 + j) * ds + bx * 4 + i;
                            int v = (pred[o] & 0xff) + blk[j * 4 + i];
                            want[o] = (byte) Math.max(0, Math.min(255, v));
                        }
                    }
                }
            }
            assertArrayEquals(want, got, "qp " + qp + ", rows " + rows + ", case " + n);
        }
    }

    @Test
    void satdEqualsThePortableSatd() {
        Random rnd = new Random(15);
        short[] res = new short[272];
        int ss = 40;
        for (int n = 0; n < 4000; n++) {
            byte[] src = samples(rnd, ss * 20, n % 3);
            byte[] v = samples(rnd, ss * 20, (n + 2) % 3);
            int[] pred = new int[256];
            int[] pu = new int[64];
            int[] pv = new int[64];
            for (int i = 0; i < 256; i++) {
                pred[i] = sample(rnd, (n / 3) % 3);
            }
            for (int i = 0; i < 64; i++) {
                pu[i] = sample(rnd, (n / 3) % 3);
                pv[i] = sample(rnd, (n / 5) % 3);
            }
            int so = rnd.nextInt(16);
            int full = Cost.satd16(src, so, ss, pred);
            assertEquals(full, VectorKernels.satd16(src, so, ss, pred, Integer.MAX_VALUE, res), "satd16, case " + n);
            int limit = rnd.nextInt(Math.max(1, 2 * full));
            assertEquals(
                    Cost.satd16(src, so, ss, pred, limit),
                    VectorKernels.satd16(src, so, ss, pred, limit, res),
                    "satd16 with limit " + limit + ", case " + n);
            int[] scratch = new int[16];
            assertEquals(
                    Cost.satd(src, so, ss, pu, 0, 8, 8, 8, scratch) + Cost.satd(v, so, ss, pv, 0, 8, 8, 8, scratch),
                    VectorKernels.satdChroma(src, v, so, ss, pu, pv, res),
                    "chroma, case " + n);
        }
    }

    @Test
    void planePredictionEqualsTheFormula() {
        Random rnd = new Random(16);
        int[] out = new int[256];
        for (int n = 0; n < 20000; n++) {
            int size = n % 2 == 0 ? 16 : 8;
            int off = size / 2 - 1;
            int a = 16 * rnd.nextInt(511);
            int b = rnd.nextInt(2001) - 1000;
            int c = rnd.nextInt(2001) - 1000;
            VectorKernels.plane(a, b, c, off, size, out);
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < size; i++) {
                    int v = Math.max(0, Math.min(255, (a + b * (i - off) + c * (j - off) + 16) >> 5));
                    assertEquals(v, out[j * size + i], "sample " + i + "," + j + ", case " + n);
                }
            }
        }
    }
}
