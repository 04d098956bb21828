package dev.liveloom.mixer.h264;

import dev.liveloom.mixer.YuvFrame;
import java.util.Random;

/** Synthetic test pictures: moving gradients with a moving square and seeded noise. */
final class TestPictures {
    private TestPictures() {}

    /** Frame {@code t} of a sequence: gradients shifting by (2, 1) per frame, noise amplitude {@code noise}. */
    static YuvFrame gradient(int w, int h, int t, int noise, long seed) {
        YuvFrame f = YuvFrame.allocate(w, h);
        Random r = new Random(seed * 1000 + t);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = ((x + 2 * t) * 3 + (y + t) * 2) & 0xff;
                int sx = (x - 3 * t) & 63;
                int sy = (y - t) & 63;
                if (sx < 20 && sy < 20) {
                    v = 255 - v;
                }
                if (noise > 0) {
                    v += r.nextInt(2 * noise + 1) - noise;
                }
                f.y()[y * f.yStride() + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        for (int y = 0; y < f.chromaHeight(); y++) {
            for (int x = 0; x < f.chromaWidth(); x++) {
                f.u()[y * f.uStride() + x] = (byte) (((x + t) * 4) & 0xff);
                f.v()[y * f.vStride() + x] =
                        (byte) ((128 + (y - t) * 3 + (noise > 0 ? r.nextInt(noise + 1) : 0)) & 0xff);
            }
        }
        return f;
    }

    /** Smooth waves moving by (0.75, 0.25) samples per frame: exercises quarter-sample motion. */
    static YuvFrame wave(int w, int h, int t) {
        YuvFrame f = YuvFrame.allocate(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double xs = x - t * 0.75;
                double ys = y - t * 0.25;
                double v = 128 + 60 * Math.sin(xs / 5.0) + 40 * Math.cos(ys / 7.0) + 20 * Math.sin((xs + ys) / 3.0);
                f.y()[y * f.yStride() + x] = (byte) Math.round(v);
            }
        }
        for (int y = 0; y < f.chromaHeight(); y++) {
            for (int x = 0; x < f.chromaWidth(); x++) {
                f.u()[y * f.uStride() + x] = (byte) Math.round(128 + 50 * Math.sin((x - t * 0.375) / 3.0));
                f.v()[y * f.vStride() + x] = (byte) Math.round(128 + 50 * Math.cos((y - t * 0.125) / 2.0));
            }
        }
        return f;
    }

    /** {@link #wave} plus fresh luma noise of amplitude {@code noise} in every frame. */
    static YuvFrame noisyWave(int w, int h, int t, int noise, long seed) {
        YuvFrame f = wave(w, h, t);
        Random r = new Random(seed * 1000 + t);
        byte[] y = f.y();
        for (int i = 0; i < y.length; i++) {
            y[i] = (byte) Math.max(0, Math.min(255, (y[i] & 0xff) + r.nextInt(2 * noise + 1) - noise));
        }
        return f;
    }

    /** Uniform noise over the full sample range. */
    static YuvFrame noise(int w, int h, long seed) {
        YuvFrame f = YuvFrame.allocate(w, h);
        Random r = new Random(seed);
        r.nextBytes(f.y());
        r.nextBytes(f.u());
        r.nextBytes(f.v());
        return f;
    }

    /** One flat colour. */
    static YuvFrame flat(int w, int h, int y, int u, int v) {
        YuvFrame f = YuvFrame.allocate(w, h);
        java.util.Arrays.fill(f.y(), (byte) y);
        java.util.Arrays.fill(f.u(), (byte) u);
        java.util.Arrays.fill(f.v(), (byte) v);
        return f;
    }

    /** Velocities (quarter samples per frame) of the regions of {@link #regions}. */
    private static final int[][] REGION_VELOCITY = {{8, 0}, {-6, 3}, {1, -7}, {-3, -5}};

    /**
     * A smooth texture in a grid of 24x24 regions, each sliding with its own velocity (one of four,
     * in quarter samples per frame) inside its fixed window. Every other region edge falls in the
     * middle of a macroblock, so 16x8, 8x16 and 8x8 partitions beat one vector per macroblock.
     */
    static YuvFrame regions(int w, int h, int t) {
        return regions(w, h, t, 1);
    }

    /** {@link #regions} with every velocity multiplied by {@code speed}. */
    static YuvFrame regions(int w, int h, int t, int speed) {
        YuvFrame f = YuvFrame.allocate(w, h);
        t *= speed;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] v = REGION_VELOCITY[((x / 24) + 2 * (y / 24) + (y / 48)) & 3];
                double xs = x - t * v[0] / 4.0;
                double ys = y - t * v[1] / 4.0;
                double s = 128 + 50 * Math.sin(xs / 4.0) + 40 * Math.cos(ys / 5.0) + 25 * Math.sin((xs + 2 * ys) / 6.0);
                f.y()[y * f.yStride() + x] = (byte) Math.max(0, Math.min(255, Math.round(s)));
            }
        }
        for (int y = 0; y < f.chromaHeight(); y++) {
            for (int x = 0; x < f.chromaWidth(); x++) {
                int[] v = REGION_VELOCITY[((x / 12) + 2 * (y / 12) + (y / 24)) & 3];
                double xs = x - t * v[0] / 8.0;
                double ys = y - t * v[1] / 8.0;
                f.u()[y * f.uStride() + x] = (byte) Math.round(128 + 40 * Math.sin(xs / 3.0));
                f.v()[y * f.vStride() + x] = (byte) Math.round(128 + 40 * Math.cos(ys / 2.5));
            }
        }
        return f;
    }
}
