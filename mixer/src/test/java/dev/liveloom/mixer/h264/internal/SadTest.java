package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-parallel SAD kernels against plain per-sample sums, on random and extreme samples. */
class SadTest {
    private static int plain(byte[] s, int so, int ss, byte[] p, int po, byte[] q, int qo, int ps, int rowStep) {
        int sum = 0;
        for (int j = 0; j < 16; j += rowStep) {
            for (int i = 0; i < 16; i++) {
                int pv = p[po + j * ps + i] & 0xff;
                int v = q == null ? pv : (pv + (q[qo + j * ps + i] & 0xff) + 1) >> 1;
                sum += Math.abs((s[so + j * ss + i] & 0xff) - v);
            }
        }
        return sum * rowStep;
    }

    private static byte[] samples(Random rnd, int n, int kind) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte)
                    switch (kind) {
                        case 0 -> rnd.nextInt(256);
                        case 1 -> rnd.nextBoolean() ? 0 : 255; // every lane at an extreme
                        default -> 120 + rnd.nextInt(16);
                    };
        }
        return b;
    }

    @Test
    void exactBelowTheLimitAndAtLeastTheLimitAbove() {
        Random rnd = new Random(1);
        for (int n = 0; n < 20000; n++) {
            int kind = n % 3;
            byte[] s = samples(rnd, 40 * 20, kind);
            byte[] p = samples(rnd, 40 * 20, (kind + n / 3) % 3);
            byte[] q = samples(rnd, 40 * 20, (kind + n / 7) % 3);
            int so = rnd.nextInt(20), po = rnd.nextInt(20), qo = rnd.nextInt(20);
            int rowStep = 1 + (n & 1);
            int want = plain(s, so, 40, p, po, null, 0, 40, 1);
            assertEquals(want, Sad.sad16(s, so, 40, p, po, 40, Integer.MAX_VALUE));
            int wantStep = plain(s, so, 40, p, po, null, 0, 40, rowStep);
            assertEquals(wantStep, Sad.sad16(s, so, 40, p, po, 40, Integer.MAX_VALUE, rowStep));
            int wantAvg = plain(s, so, 40, p, po, q, qo, 40, rowStep);
            assertEquals(wantAvg, Sad.sad16Avg(s, so, 40, p, po, q, qo, 40, Integer.MAX_VALUE, rowStep));
            int limit = rnd.nextInt(Math.max(1, 2 * want));
            int got = Sad.sad16(s, so, 40, p, po, 40, limit);
            if (want < limit) {
                assertEquals(want, got);
            } else {
                assertTrue(got >= limit, got + " < " + limit);
            }
            int gotAvg = Sad.sad16Avg(s, so, 40, p, po, q, qo, 40, limit, rowStep);
            if (wantAvg < limit) {
                assertEquals(wantAvg, gotAvg);
            } else {
                assertTrue(gotAvg >= limit, gotAvg + " < " + limit);
            }
        }
    }

    @Test
    void blockSumsAndSadsOfEvery4x4Block() {
        Random rnd = new Random(4);
        int[] sums = new int[16];
        int[] sads = new int[16];
        for (int n = 0; n < 5000; n++) {
            byte[] s = samples(rnd, 40 * 20, n % 3);
            byte[] p = samples(rnd, 40 * 20, (n / 3) % 3);
            int so = rnd.nextInt(20), po = rnd.nextInt(20);
            Sad.blockSums16(s, so, 40, p, po, 40, sums, sads);
            for (int b = 0; b < 16; b++) {
                int sum = 0;
                int sad = 0;
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        int o = ((b >> 2) * 4 + j) * 40 + (b & 3) * 4 + i;
                        int d = (s[so + o] & 0xff) - (p[po + o] & 0xff);
                        sum += d;
                        sad += Math.abs(d);
                    }
                }
                assertEquals(sum, sums[b], "sum of block " + b);
                assertEquals(sad, sads[b], "sad of block " + b);
            }
        }
    }

    @Test
    void blockSumsOfAn8x8Block() {
        Random rnd = new Random(6);
        int[] sums = new int[16];
        int[] sads = new int[16];
        for (int n = 0; n < 5000; n++) {
            byte[] s = samples(rnd, 20 * 12, n % 3);
            byte[] p = samples(rnd, 20 * 12, (n / 3) % 3);
            int so = rnd.nextInt(8), po = rnd.nextInt(8);
            Sad.blockSums8(s, so, 20, p, po, 20, sums, sads);
            for (int b = 0; b < 4; b++) {
                int sum = 0;
                int sad = 0;
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        int o = ((b >> 1) * 4 + j) * 20 + (b & 1) * 4 + i;
                        int d = (s[so + o] & 0xff) - (p[po + o] & 0xff);
                        sum += d;
                        sad += Math.abs(d);
                    }
                }
                assertEquals(sum, sums[b], "sum of block " + b);
                assertEquals(sad, sads[b], "sad of block " + b);
            }
        }
    }
}
