package dev.liveloom.mixer.aac.internal;

/**
 * Analysis windows of AAC-LC (ISO/IEC 14496-3 4.6.11.3.2): sine and Kaiser-Bessel-derived (alpha 4 for
 * 2048, 6 for 256 samples), and the 2048-sample window of each window sequence.
 */
public final class Windows {
    public static final int SHAPE_SINE = 0;
    public static final int SHAPE_KBD = 1;

    /** Rising halves indexed [shape][n]: long 1024 samples, short 128. */
    private static final float[][] LONG_RISE = {sineRise(1024), kbdRise(1024, 4)};

    private static final float[][] SHORT_RISE = {sineRise(128), kbdRise(128, 6)};

    private Windows() {}

    /** Rising half of a short window of the given shape (128 values). */
    public static float[] shortRise(int shape) {
        return SHORT_RISE[shape];
    }

    /**
     * Fills {@code out[0..2048)} with the window of a long-block sequence (ONLY_LONG, LONG_START,
     * LONG_STOP); {@code prevShape} shapes the left half as the decoder does, {@code shape} the right.
     */
    public static void longSequence(int sequence, int prevShape, int shape, float[] out) {
        float[] lr = LONG_RISE[prevShape];
        float[] sr = SHORT_RISE[prevShape];
        if (sequence == IcsData.LONG_STOP) {
            for (int i = 0; i < 448; i++) {
                out[i] = 0;
            }
            for (int i = 0; i < 128; i++) {
                out[448 + i] = sr[i];
            }
            for (int i = 576; i < 1024; i++) {
                out[i] = 1;
            }
        } else {
            System.arraycopy(lr, 0, out, 0, 1024);
        }
        float[] lf = LONG_RISE[shape];
        float[] sf = SHORT_RISE[shape];
        if (sequence == IcsData.LONG_START) {
            for (int i = 1024; i < 1472; i++) {
                out[i] = 1;
            }
            for (int i = 0; i < 128; i++) {
                out[1472 + i] = sf[127 - i];
            }
            for (int i = 1600; i < 2048; i++) {
                out[i] = 0;
            }
        } else {
            for (int i = 0; i < 1024; i++) {
                out[1024 + i] = lf[1023 - i];
            }
        }
    }

    static float[] sineRise(int half) {
        float[] w = new float[half];
        for (int n = 0; n < half; n++) {
            w[n] = (float) Math.sin(Math.PI / (2 * half) * (n + 0.5));
        }
        return w;
    }

    /** KBD: square root of the normalised running sum of a Kaiser window of half + 1 points. */
    static float[] kbdRise(int half, double alpha) {
        double[] kaiser = new double[half + 1];
        double sum = 0;
        for (int n = 0; n <= half; n++) {
            double r = 2.0 * n / half - 1;
            kaiser[n] = besselI0(Math.PI * alpha * Math.sqrt(1 - r * r));
            sum += kaiser[n];
        }
        float[] w = new float[half];
        double acc = 0;
        for (int n = 0; n < half; n++) {
            acc += kaiser[n];
            w[n] = (float) Math.sqrt(acc / sum);
        }
        return w;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }
}
