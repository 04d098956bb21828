package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-parallel 6-tap rows against the per-sample filter, including every clipping case. */
class HalfSampleTest {
    private static int tap(byte[] p, int k, int d) {
        int e = (p[k - 2 * d] & 0xff)
                + (p[k + 3 * d] & 0xff)
                - 5 * ((p[k - d] & 0xff) + (p[k + 2 * d] & 0xff))
                + 20 * ((p[k] & 0xff) + (p[k + d] & 0xff));
        return Math.max(0, Math.min(255, (e + 16) >> 5));
    }

    @Test
    void rowsEqualThePerSampleFilter() {
        Random rnd = new Random(2);
        int s = 50;
        for (int n = 0; n < 4000; n++) {
            byte[] p = new byte[s * 12];
            int kind = n % 4;
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte)
                        switch (kind) {
                            case 0 -> rnd.nextInt(256);
                            case 1 -> rnd.nextBoolean() ? 0 : 255; // drives the sums to both clips
                            case 2 -> (i % 3 == 0) ? 255 : 0;
                            default -> 100 + rnd.nextInt(40);
                        };
            }
            int len = 1 + rnd.nextInt(40); // odd lengths exercise the per-sample tail
            int o = 5 * s + 3 + rnd.nextInt(4);
            byte[] h = new byte[p.length];
            byte[] v = new byte[p.length];
            HalfSample.horizontal(p, o, h, len);
            HalfSample.vertical(p, o, s, v, len);
            for (int i = 0; i < len; i++) {
                assertEquals(tap(p, o + i, 1), h[o + i] & 0xff, "horizontal " + n + " at " + i);
                assertEquals(tap(p, o + i, s), v[o + i] & 0xff, "vertical " + n + " at " + i);
            }
            // nothing written outside the row
            assertEquals(0, h[o - 1]);
            assertEquals(0, h[o + len]);
        }
    }

    @Test
    void tilesEqualThePerSampleFilter() {
        Random rnd = new Random(3);
        int s = 60;
        for (int n = 0; n < 3000; n++) {
            byte[] p = new byte[s * 24];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) (n % 2 == 0 ? rnd.nextInt(256) : rnd.nextBoolean() ? 0 : 255);
            }
            int w = 1 + rnd.nextInt(50);
            int h = 1 + rnd.nextInt(16);
            int o = 2 * s + 2 + rnd.nextInt(6);
            byte[] v = new byte[p.length];
            byte[] hz = new byte[p.length];
            HalfSample.verticalTile(p, o, s, v, w, h);
            HalfSample.horizontalTile(p, o, s, hz, w, h);
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    assertEquals(tap(p, o + j * s + i, s), v[o + j * s + i] & 0xff, "tile " + n + " at " + i + "," + j);
                    assertEquals(
                            tap(p, o + j * s + i, 1),
                            hz[o + j * s + i] & 0xff,
                            "horizontal " + n + " at " + i + "," + j);
                }
                assertEquals(0, v[o + j * s + w], "past the tile in row " + j);
                assertEquals(0, hz[o + j * s + w], "past the horizontal tile in row " + j);
                assertEquals(0, hz[o + j * s - 1], "before the horizontal tile in row " + j);
            }
            assertEquals(0, v[o + h * s], "below the tile");
            assertEquals(0, hz[o + h * s], "below the horizontal tile");
        }
    }
}
