package dev.liveloom.mixer.aac.internal;

/**
 * Temporal noise shaping for long blocks (ISO/IEC 14496-3 4.6.9): a linear predictor across the
 * spectrum of the upper bands; where it predicts well (a transient or pitched speech inside the
 * block), the encoder codes the prediction residual and the decoder's all-pole filter shapes the
 * quantisation noise in time like the signal. One filter of order up to 12, 4-bit coefficients,
 * filtering upward.
 */
final class Tns {
    /** Highest filter order AAC-LC allows in long windows. */
    static final int MAX_ORDER = 12;
    /**
     * Prediction gain (about 4 dB) below which TNS stays off: the rate loop does not yet account for
     * the noise the decoder's filter reshapes, and on music-like signals lower gains cost SNR.
     */
    static final double MIN_GAIN = 2.5;
    /** TNS starts at the first band above this frequency; lower bands keep their own resolution. */
    static final double START_HZ = 1200;

    /** tns_max_bands for AAC-LC long windows by sampling_frequency_index (decoders clip to it). */
    private static final int[] MAX_BANDS_LONG = {31, 31, 34, 40, 42, 51, 46, 46, 42, 42, 42, 39, 39};

    /** A slight Gaussian lag window keeps the predictor well conditioned. */
    private static final double[] LAG_WINDOW = new double[MAX_ORDER + 1];

    static {
        for (int lag = 0; lag <= MAX_ORDER; lag++) {
            LAG_WINDOW[lag] = Math.exp(-0.5 * (0.02 * lag) * (0.02 * lag));
        }
    }

    private final double[] r = new double[MAX_ORDER + 1];
    private final double[] a = new double[MAX_ORDER + 1];
    private final double[] tmp = new double[MAX_ORDER + 1];
    private final float[] lpc = new float[MAX_ORDER];
    private final float[] orig = new float[1024];
    private final int startBand;
    private final int maxBands;

    Tns(int sampleRate, int[] longOffsets) {
        int b = 0;
        while (b < longOffsets.length - 1 && longOffsets[b] * sampleRate / 2048.0 < START_HZ) {
            b++;
        }
        startBand = b;
        maxBands = MAX_BANDS_LONG[SwbTables.rateIndex(sampleRate)];
    }

    /**
     * Decides TNS for a long-block channel and, when used, replaces {@code ch.spec} in the filtered
     * range by the prediction residual and fills the ics TNS fields.
     */
    void apply(ChannelCoder ch) {
        IcsData ics = ch.ics;
        ics.tnsOrder = 0;
        int top = Math.min(maxBands, ics.maxSfb);
        if (ics.isShort() || top - startBand < 4) {
            return;
        }
        int start = ics.swbOffsets[startBand];
        int end = ics.swbOffsets[top];
        float[] x = ch.spec;
        autocorrelation(x, start, end, r);
        for (int lag = 0; lag <= MAX_ORDER; lag++) {
            r[lag] *= LAG_WINDOW[lag];
        }
        if (r[0] <= 1e-3 * (end - start)) {
            return;
        }
        // Levinson-Durbin for e[n] = x[n] + sum a_i x[n - i]; the decoder rebuilds a_i from the
        // transmitted reflection coefficients k_i with the same step-up recursion
        double err = r[0];
        int order = 0;
        for (int i = 1; i <= MAX_ORDER; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc += a[j] * r[i - j];
            }
            double k = -acc / err;
            if (Math.abs(k) >= 1) {
                break;
            }
            for (int j = 1; j < i; j++) {
                tmp[j] = a[j] + k * a[i - j];
            }
            for (int j = 1; j < i; j++) {
                a[j] = tmp[j];
            }
            a[i] = k;
            ics.tnsCoef[i - 1] = quantize(k);
            err *= 1 - k * k;
            order = i;
        }
        if (order == 0 || r[0] / err < MIN_GAIN) {
            return;
        }
        while (order > 0 && ics.tnsCoef[order - 1] == 0) {
            order--;
        }
        if (order == 0) {
            return;
        }
        // filter with the coefficients the decoder will see
        toLpc(ics.tnsCoef, order, lpc, tmp);
        System.arraycopy(x, start, orig, start, end - start);
        for (int m = 0; m < end - start; m++) {
            float e = orig[start + m];
            int n = Math.min(m, order);
            for (int i = 1; i <= n; i++) {
                e += orig[start + m - i] * lpc[i - 1];
            }
            x[start + m] = e;
        }
        ics.tnsOrder = order;
        ics.tnsLength = ics.swbOffsets.length - 1 - startBand;
    }

    /**
     * r[lag] = sum over k in [start + lag, end) of x[k] * x[k - lag], for lags 0..12. Each sum is added
     * in the order of k as a plain loop per lag would, but all thirteen run in one pass over x with
     * independent accumulators, so the additions overlap instead of waiting on each other.
     */
    static void autocorrelation(float[] x, int start, int end, double[] r) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
        double s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0;
        int head = Math.min(end, start + MAX_ORDER);
        // the first lines, where the longer lags have no partner yet
        for (int k = start; k < head; k++) {
            double v = x[k];
            int n = k - start;
            s0 += v * x[k];
            if (n >= 1) s1 += v * x[k - 1];
            if (n >= 2) s2 += v * x[k - 2];
            if (n >= 3) s3 += v * x[k - 3];
            if (n >= 4) s4 += v * x[k - 4];
            if (n >= 5) s5 += v * x[k - 5];
            if (n >= 6) s6 += v * x[k - 6];
            if (n >= 7) s7 += v * x[k - 7];
            if (n >= 8) s8 += v * x[k - 8];
            if (n >= 9) s9 += v * x[k - 9];
            if (n >= 10) s10 += v * x[k - 10];
            if (n >= 11) s11 += v * x[k - 11];
        }
        for (int k = head; k < end; k++) {
            double v = x[k];
            s0 += v * x[k];
            s1 += v * x[k - 1];
            s2 += v * x[k - 2];
            s3 += v * x[k - 3];
            s4 += v * x[k - 4];
            s5 += v * x[k - 5];
            s6 += v * x[k - 6];
            s7 += v * x[k - 7];
            s8 += v * x[k - 8];
            s9 += v * x[k - 9];
            s10 += v * x[k - 10];
            s11 += v * x[k - 11];
            s12 += v * x[k - 12];
        }
        r[0] = s0;
        r[1] = s1;
        r[2] = s2;
        r[3] = s3;
        r[4] = s4;
        r[5] = s5;
        r[6] = s6;
        r[7] = s7;
        r[8] = s8;
        r[9] = s9;
        r[10] = s10;
        r[11] = s11;
        r[12] = s12;
    }

    /** 4-bit index of a reflection coefficient: asin scaled by 15/pi when positive, 17/pi when negative. */
    static int quantize(double parcor) {
        double as = Math.asin(Math.max(-1, Math.min(1, parcor)));
        if (as >= 0) {
            return (int) Math.min(7, Math.round(as * 15 / Math.PI));
        }
        return (int) Math.max(-8, Math.round(as * 17 / Math.PI));
    }

    static double dequantize(int index) {
        return index >= 0 ? Math.sin(index * Math.PI / 15) : Math.sin(index * Math.PI / 17);
    }

    /** The decoder's step-up recursion from transmitted coefficients to the filter's lpc[0..order). */
    static void toLpc(int[] coef, int order, float[] lpc) {
        double[] cur = new double[MAX_ORDER];
        toLpc(coef, order, lpc, cur);
    }

    private static void toLpc(int[] coef, int order, float[] lpc, double[] cur) {
        for (int i = 0; i < order; i++) {
            double rr = dequantize(coef[i]);
            cur[i] = rr;
            for (int j = 0; j < (i + 1) >> 1; j++) {
                double f = cur[j];
                double b = cur[i - 1 - j];
                cur[j] = f + rr * b;
                cur[i - 1 - j] = b + rr * f;
            }
        }
        for (int i = 0; i < order; i++) {
            lpc[i] = (float) cur[i];
        }
    }
}
