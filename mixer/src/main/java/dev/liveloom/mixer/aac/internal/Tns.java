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
        for (int lag = 0; lag <= MAX_ORDER; lag++) {
            double s = 0;
            for (int k = start + lag; k < end; k++) {
                s += (double) x[k] * x[k - lag];
            }
            // a slight Gaussian lag window keeps the predictor well conditioned
            r[lag] = s * Math.exp(-0.5 * (0.02 * lag) * (0.02 * lag));
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
