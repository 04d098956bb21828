package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels that have no portable twin of the same shape, against the per-block code
 * they replace. (Kernels with a twin are compared through it: the kernel tests run once with and
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

    @Test
    void forwardTransformEqualsThePerBlockTransformAndFindsEveryNonZeroBlock() {
        Random rnd = new Random(11);
        int[] coef = new int[256];
        int[] blk = new int[16];
        int[] got = new int[16];
        int[] levels = new int[16];
        for (int n = 0; n < 6000; n++) {
            int w = (n & 1) == 0 ? 16 : 8;
            int h = (n & 2) == 0 ? 16 : 8;
            int kind = n % 3;
            int ss = 40;
            byte[] src = new byte[ss * 20];
            int[] predInt = new int[w * h];
            byte[] predByte = new byte[ss * 20];
            for (int i = 0; i < src.length; i++) {
                src[i] = (byte) sample(rnd, kind);
                predByte[i] = (byte) sample(rnd, (kind + n / 3) % 3);
            }
            int so = rnd.nextInt(16);
            int po = rnd.nextInt(16);
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    predInt[j * w + i] = predByte[po + j * ss + i] & 0xff;
                }
            }
            int qp = rnd.nextInt(52);
            boolean intra = rnd.nextBoolean();
            int start = rnd.nextInt(2);
            int[] thr = new TransformLanes(intra, start).at(qp);
            long keptInt = VectorKernels.forward(src, so, ss, predInt, 0, w, w, h, coef, thr);
            int[] coefInt = coef.clone();
            long keptByte = VectorKernels.forward(src, so, ss, predByte, po, ss, w, h, coef, thr);
            assertEquals(keptInt, keptByte, "byte and int prediction");
            assertArrayEquals(coefInt, coef, "byte and int prediction");
            for (int by = 0; by < h / 4; by++) {
                for (int bx = 0; bx < w / 4; bx++) {
                    for (int j = 0; j < 4; j++) {
                        for (int i = 0; i < 4; i++) {
                            int o = (by * 4 + j) * ss + bx * 4 + i;
                            blk[j * 4 + i] = (src[so + o] & 0xff) - (predByte[po + o] & 0xff);
                        }
                    }
                    Transform.forward4x4(blk);
                    TransformLanes.gather(coef, w, bx, by, got);
                    assertArrayEquals(blk, got, "coefficients of block " + bx + "," + by + " in case " + n);
                    int nz = Transform.quant4x4(blk, levels, start, qp, intra);
                    boolean kept = (keptInt >>> (by * (w / 4) + bx) & 1) != 0;
                    assertEquals(nz != 0, kept, "kept block " + bx + "," + by + " qp " + qp + " in case " + n);
                }
            }
        }
    }

    @Test
    void sixteenLaneTransformEqualsTheEightLaneOne() {
        Random rnd = new Random(12);
        int[] coef = new int[256];
        short[] coef16 = new short[256];
        int[] a = new int[16];
        int[] b = new int[16];
        for (int n = 0; n < 4000; n++) {
            int ss = 40;
            byte[] src = new byte[ss * 20];
            byte[] pred = new byte[ss * 20];
            for (int i = 0; i < src.length; i++) {
                src[i] = (byte) sample(rnd, n % 3);
                pred[i] = (byte) sample(rnd, (n / 3) % 3);
            }
            int so = rnd.nextInt(16);
            int po = rnd.nextInt(16);
            int qp = rnd.nextInt(52);
            TransformLanes lanes = new TransformLanes(rnd.nextBoolean(), rnd.nextInt(2));
            long want = VectorKernels.forward(src, so, ss, pred, po, ss, 16, 16, coef, lanes.at(qp));
            long got = VectorKernels.forward16(src, so, ss, pred, po, ss, coef16, lanes.at16(qp));
            assertEquals(want, got, "kept blocks, case " + n);
            for (int blk = 0; blk < 16; blk++) {
                TransformLanes.gather(coef, 16, blk & 3, blk >> 2, a);
                TransformLanes.gather(coef16, 16, blk & 3, blk >> 2, b);
                assertArrayEquals(a, b, "block " + blk + ", case " + n);
            }
            // and with the prediction in ints
            int[] predInt = new int[256];
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 16; i++) {
                    predInt[j * 16 + i] = pred[po + j * ss + i] & 0xff;
                }
            }
            assertEquals(
                    want,
                    VectorKernels.forward16(src, so, ss, predInt, coef16, lanes.at16(qp)),
                    "int prediction, case " + n);
            for (int blk = 0; blk < 16; blk++) {
                TransformLanes.gather(coef, 16, blk & 3, blk >> 2, a);
                TransformLanes.gather(coef16, 16, blk & 3, blk >> 2, b);
                assertArrayEquals(a, b, "int prediction, block " + blk + ", case " + n);
            }
        }
    }
}
