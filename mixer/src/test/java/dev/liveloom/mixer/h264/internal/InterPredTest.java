package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lazily filtered half-sample planes of {@link InterPred} against a direct per-sample
 * implementation of the luma interpolation (clause 8.4.2.2.1): every quarter position, odd block
 * sizes, vectors reaching into the border, in both plane-filtering modes and after the reference
 * changes.
 */
class InterPredTest {
    private static int clip(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /** Integer sample at plane position (x, y) relative to the picture origin. */
    private static int g(Picture p, int x, int y) {
        return p.y[p.originY + y * p.strideY + x] & 0xff;
    }

    private static int tapH(Picture p, int x, int y) {
        return g(p, x - 2, y)
                - 5 * g(p, x - 1, y)
                + 20 * g(p, x, y)
                + 20 * g(p, x + 1, y)
                - 5 * g(p, x + 2, y)
                + g(p, x + 3, y);
    }

    private static int tapV(Picture p, int x, int y) {
        return g(p, x, y - 2)
                - 5 * g(p, x, y - 1)
                + 20 * g(p, x, y)
                + 20 * g(p, x, y + 1)
                - 5 * g(p, x, y + 2)
                + g(p, x, y + 3);
    }

    /** b: half sample at (x + 1/2, y). */
    private static int b(Picture p, int x, int y) {
        return clip((tapH(p, x, y) + 16) >> 5);
    }

    /** h: half sample at (x, y + 1/2). */
    private static int h(Picture p, int x, int y) {
        return clip((tapV(p, x, y) + 16) >> 5);
    }

    /** j: centre half sample, from unclipped vertical intermediates filtered horizontally. */
    private static int j(Picture p, int x, int y) {
        int e = tapV(p, x - 2, y)
                - 5 * tapV(p, x - 1, y)
                + 20 * tapV(p, x, y)
                + 20 * tapV(p, x + 1, y)
                - 5 * tapV(p, x + 2, y)
                + tapV(p, x + 3, y);
        return clip((e + 512) >> 10);
    }

    private static int avg(int a, int c) {
        return (a + c + 1) >> 1;
    }

    /** The predicted luma sample for integer position (x, y) and fractional offset (fx, fy). */
    static int reference(Picture p, int x, int y, int fx, int fy) {
        return switch (fy * 4 + fx) {
            case 0 -> g(p, x, y);
            case 1 -> avg(g(p, x, y), b(p, x, y));
            case 2 -> b(p, x, y);
            case 3 -> avg(b(p, x, y), g(p, x + 1, y));
            case 4 -> avg(g(p, x, y), h(p, x, y));
            case 5 -> avg(b(p, x, y), h(p, x, y));
            case 6 -> avg(b(p, x, y), j(p, x, y));
            case 7 -> avg(b(p, x, y), h(p, x + 1, y));
            case 8 -> h(p, x, y);
            case 9 -> avg(h(p, x, y), j(p, x, y));
            case 10 -> j(p, x, y);
            case 11 -> avg(j(p, x, y), h(p, x + 1, y));
            case 12 -> avg(h(p, x, y), g(p, x, y + 1));
            case 13 -> avg(h(p, x, y), b(p, x, y + 1));
            case 14 -> avg(j(p, x, y), b(p, x, y + 1));
            default -> avg(h(p, x + 1, y), b(p, x, y + 1));
        };
    }

    private static Picture randomPicture(Random rnd, int w, int h, boolean smooth) {
        Picture p = new Picture(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = smooth ? (x * 7 + y * 3 + rnd.nextInt(9)) & 0xff : rnd.nextInt(256);
                p.y[p.originY + y * p.strideY + x] = (byte) v;
            }
        }
        p.extendBorders();
        return p;
    }

    private static void checkBlocks(Random rnd, Picture ref, InterPred ip, int count) {
        int margin = MotionSearch.MV_MARGIN;
        for (int n = 0; n < count; n++) {
            int w = 1 + rnd.nextInt(16);
            int hgt = 1 + rnd.nextInt(16);
            int px = rnd.nextInt(ref.width - w + 1);
            int py = rnd.nextInt(ref.height - hgt + 1);
            // vectors anywhere the encoder allows: up to MV_MARGIN samples outside the picture
            int mvx = (-px - margin) * 4 + rnd.nextInt((ref.width - w - px + margin) * 4 - (-px - margin) * 4 + 1);
            int mvy = (-py - margin) * 4 + rnd.nextInt((ref.height - hgt - py + margin) * 4 - (-py - margin) * 4 + 1);
            int[] out = new int[w * hgt];
            ip.luma(px, py, mvx, mvy, w, hgt, out);
            int[] want = new int[w * hgt];
            for (int y = 0; y < hgt; y++) {
                for (int x = 0; x < w; x++) {
                    want[y * w + x] = reference(ref, px + x + (mvx >> 2), py + y + (mvy >> 2), mvx & 3, mvy & 3);
                }
            }
            assertArrayEquals(want, out, "block " + w + "x" + hgt + " at " + px + "," + py + " mv " + mvx + "," + mvy);
        }
    }

    @Test
    void lumaMatchesDirectInterpolationInBothFilterModes() {
        for (boolean all : new boolean[] {true, false}) {
            Random rnd = new Random(all ? 7 : 8);
            Picture ref = randomPicture(rnd, 80, 48, false);
            InterPred ip = new InterPred(ref);
            ip.setFilterAllPlanes(all);
            checkBlocks(rnd, ref, ip, 3000);
        }
    }

    @Test
    void everyQuarterPositionAtThePictureCorners() {
        Random rnd = new Random(3);
        Picture ref = randomPicture(rnd, 32, 32, true);
        InterPred ip = new InterPred(ref);
        ip.setFilterAllPlanes(false);
        int m = MotionSearch.MV_MARGIN;
        int[] out = new int[16 * 16];
        for (int q = 0; q < 16; q++) {
            for (int[] corner :
                    new int[][] {{-m, -m}, {32 - 16 + m - 1, -m}, {-m, 32 - 16 + m - 1}, {16 + m - 1, 16 + m - 1}}) {
                int mvx = corner[0] * 4 + (q & 3);
                int mvy = corner[1] * 4 + (q >> 2);
                ip.luma(0, 0, mvx, mvy, 16, 16, out);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        assertEquals(
                                reference(ref, x + (mvx >> 2), y + (mvy >> 2), mvx & 3, mvy & 3),
                                out[y * 16 + x],
                                "q " + q + " mv " + mvx + "," + mvy + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void planesAreFilteredAgainAfterTheReferenceChanges() {
        Random rnd = new Random(5);
        Picture ref = randomPicture(rnd, 64, 32, false);
        InterPred ip = new InterPred(ref);
        ip.setFilterAllPlanes(false);
        checkBlocks(rnd, ref, ip, 300);
        Picture other = randomPicture(rnd, 64, 32, true);
        System.arraycopy(other.y, 0, ref.y, 0, ref.y.length);
        ip.update();
        checkBlocks(rnd, ref, ip, 300);
    }

    @Test
    void sadEqualsSadAgainstTheBuiltPrediction() {
        Random rnd = new Random(11);
        Picture ref = randomPicture(rnd, 64, 48, false);
        Picture src = randomPicture(rnd, 64, 48, true);
        InterPred ip = new InterPred(ref);
        int[] pred = new int[256];
        for (int n = 0; n < 500; n++) {
            int px = rnd.nextInt(4) * 16;
            int py = rnd.nextInt(3) * 16;
            int mvx = rnd.nextInt(64) - 32;
            int mvy = rnd.nextInt(64) - 32;
            int so = src.originY + py * src.strideY + px;
            ip.luma(px, py, mvx, mvy, 16, 16, pred);
            int want = 0;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    want += Math.abs((src.y[so + y * src.strideY + x] & 0xff) - pred[y * 16 + x]);
                }
            }
            assertEquals(want, ip.sad16(src.y, so, src.strideY, px, py, mvx, mvy, Integer.MAX_VALUE));
        }
    }

    @Test
    void chromaMatchesTheBilinearFormula() {
        Random rnd = new Random(13);
        Picture ref = new Picture(64, 48);
        rnd.nextBytes(ref.u);
        rnd.nextBytes(ref.v);
        InterPred ip = new InterPred(ref);
        int m = MotionSearch.MV_MARGIN;
        for (int n = 0; n < 3000; n++) {
            boolean cr = rnd.nextBoolean();
            int w = n % 2 == 0 ? 8 : 1 + rnd.nextInt(8);
            int h = 1 + rnd.nextInt(8);
            int cx = rnd.nextInt(32 - w + 1);
            int cy = rnd.nextInt(24 - h + 1);
            // luma vectors as the encoder allows them, in eighth chroma samples
            int mvx = (-2 * cx - m) * 4 + rnd.nextInt((m * 2 + 64 - 2 * cx - 2 * w) * 4);
            int mvy = (-2 * cy - m) * 4 + rnd.nextInt((m * 2 + 48 - 2 * cy - 2 * h) * 4);
            int[] out = new int[w * h];
            ip.chroma(cr, cx, cy, mvx, mvy, w, h, out);
            byte[] p = cr ? ref.v : ref.u;
            int fx = mvx & 7;
            int fy = mvy & 7;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int o = ref.originC + (cy + y + (mvy >> 3)) * ref.strideC + cx + x + (mvx >> 3);
                    int want = ((8 - fx) * (8 - fy) * (p[o] & 0xff)
                                    + fx * (8 - fy) * (p[o + 1] & 0xff)
                                    + (8 - fx) * fy * (p[o + ref.strideC] & 0xff)
                                    + fx * fy * (p[o + ref.strideC + 1] & 0xff)
                                    + 32)
                            >> 6;
                    assertEquals(want, out[y * w + x], "mv " + mvx + "," + mvy + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void byteBlocksEqualTheIntPredictions() {
        Random rnd = new Random(17);
        Picture ref = randomPicture(rnd, 64, 48, false);
        rnd.nextBytes(ref.u);
        rnd.nextBytes(ref.v);
        InterPred ip = new InterPred(ref);
        ip.setFilterAllPlanes(false);
        int[] want = new int[256];
        byte[] got = new byte[40 * 40];
        for (int n = 0; n < 2000; n++) {
            int px = rnd.nextInt(4) * 16;
            int py = rnd.nextInt(3) * 16;
            int mvx = rnd.nextInt(80) - 40;
            int mvy = rnd.nextInt(80) - 40;
            ip.luma(px, py, mvx, mvy, 16, 16, want);
            ip.luma16(px, py, mvx, mvy, got, 41, 40);
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 16; i++) {
                    assertEquals(want[j * 16 + i], got[41 + j * 40 + i] & 0xff, "luma mv " + mvx + "," + mvy);
                }
            }
            boolean cr = rnd.nextBoolean();
            ip.chroma(cr, px / 2, py / 2, mvx, mvy, 8, 8, want);
            ip.chroma8(cr, px / 2, py / 2, mvx, mvy, got, 3, 40);
            for (int j = 0; j < 8; j++) {
                for (int i = 0; i < 8; i++) {
                    assertEquals(want[j * 8 + i], got[3 + j * 40 + i] & 0xff, "chroma mv " + mvx + "," + mvy);
                }
            }
        }
    }
}
