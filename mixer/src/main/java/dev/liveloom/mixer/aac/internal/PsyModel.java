package dev.liveloom.mixer.aac.internal;

/**
 * A small psychoacoustic model: per-band energy spread to the neighbouring bands (masking reaches
 * further upward than downward), a signal-to-mask ratio, and the absolute threshold in quiet; the
 * result is the noise energy each band may carry. Energies are in the MDCT domain of 16-bit PCM.
 */
final class PsyModel {
    /** Signal-to-mask ratio of a tonal band (dB): noise must stay well below a tone. */
    private static final double SMR_TONAL_DB = 18;
    /** Signal-to-mask ratio of a noise-like band (dB): noise masks noise easily. */
    private static final double SMR_NOISE_DB = 6;
    /** Fraction of a band's spread energy reaching the band above (about -10 dB per band). */
    private static final float SPREAD_UP = 0.1f;
    /** Fraction reaching the band below (about -15 dB per band). */
    private static final float SPREAD_DOWN = 0.03f;
    /** A full-scale sine plays at about 96 dB SPL when 16-bit PCM is mapped to the ear. */
    private static final double FULL_SCALE_DB = 96;

    /**
     * How far the noise follows the masking threshold (1) rather than staying flat (0). Fully shaped
     * noise spends most bits on wide, noise-like high bands; 0.4 measured best segmental SNR on
     * speech/music-like signals while keeping the threshold's shape (see AacLcEncoderInteropTest).
     */
    private static final double SHAPING = 0.4;
    /** Reference level of the flat part; any constant works since the rate loop shifts all bands. */
    private static final double FLAT_NOISE_PER_LINE = 1e6;

    /** Highest threshold in quiet used (dB SPL); measured: 30 to 45 keep 16-20 kHz content coded. */
    static final double ATH_CAP_DB = 40;

    /** Factor a long block's threshold may rise over the previous one's (ISO psychoacoustic model 2). */
    static final float PRE_ECHO_RISE = 2f;

    private final float[] athLong;
    private final float[] athShort;
    private final float[] spread = new float[IcsData.MAX_BANDS];
    private final float[] tonality = new float[IcsData.MAX_BANDS];

    PsyModel(int sampleRate, int[] longOffsets, int[] shortOffsets) {
        athLong = ath(sampleRate, longOffsets, 1024);
        athShort = ath(sampleRate, shortOffsets, 128);
    }

    /** Fills {@code ch.threshold} from {@code ch.energy} for every (group, band) below maxSfb. */
    void thresholds(ChannelCoder ch) {
        IcsData ics = ch.ics;
        float[] ath = ics.isShort() ? athShort : athLong;
        int n = ics.maxSfb;
        for (int g = 0; g < ics.numGroups; g++) {
            int base = g * IcsData.MAX_BANDS;
            for (int b = 0; b < n; b++) {
                tonality[b] = tonality(ch, g, b);
            }
            float carry = 0;
            for (int b = 0; b < n; b++) {
                float e = ch.energy[base + b];
                spread[b] = e + carry;
                carry = spread[b] * SPREAD_UP;
            }
            carry = 0;
            for (int b = n - 1; b >= 0; b--) {
                float e = spread[b] + carry;
                carry = ch.energy[base + b] * SPREAD_DOWN;
                double smrDb = SMR_NOISE_DB + (SMR_TONAL_DB - SMR_NOISE_DB) * tonality[b];
                float t = (float) (e * Math.pow(10, -smrDb / 10));
                float quiet = ath[b] * ics.groupLength[g];
                float masked = Math.max(t, quiet);
                if (!ics.isShort()) {
                    // pre-echo control: noise may not rise faster than PRE_ECHO_RISE per long frame
                    if (ch.prevThresholdValid) {
                        masked = Math.min(masked, PRE_ECHO_RISE * ch.prevThreshold[b]);
                    }
                    ch.prevThreshold[b] = masked;
                }
                // partial whitening: geometric mean of the masking threshold and flat noise
                ch.threshold[base + b] = (float) Math.exp(SHAPING * Math.log(masked) + FLAT_LOG[ics.bandWidth(g, b)]);
            }
        }
        ch.prevThresholdValid = !ics.isShort();
    }

    /**
     * How tone-like a band is, 0 (noise) to 1 (one line): the peak-to-mean ratio of its line energies
     * on a log scale, where white noise sits near the bottom and a pure tone at the top.
     */
    private static float tonality(ChannelCoder ch, int g, int b) {
        IcsData ics = ch.ics;
        int start = ics.bandStart(g, b);
        int width = ics.bandWidth(g, b);
        float peak = 0;
        float sum = 0;
        for (int k = start; k < start + width; k++) {
            float e = ch.spec[k] * ch.spec[k];
            sum += e;
            if (e > peak) {
                peak = e;
            }
        }
        if (sum <= 0 || width < 2) {
            return 0;
        }
        double ratio = peak * width / sum;
        double t = Math.log(ratio / NOISE_RATIO[width]) / TONE_SPAN_LOG[width];
        return (float) Math.max(0, Math.min(1, t));
    }

    /** Per band width in lines (a grouped short band has at most 1024): the parts of the formulas above
     * that depend on the width alone, computed once. */
    private static final double[] FLAT_LOG = new double[1025];

    /** White noise: peak/mean ~ ln(width) + 0.58. */
    private static final double[] NOISE_RATIO = new double[1025];

    /** ln(tone / noise peak-to-mean ratio), a tone's being ~ width / 2. */
    private static final double[] TONE_SPAN_LOG = new double[1025];

    static {
        for (int width = 1; width <= 1024; width++) {
            double flat = FLAT_NOISE_PER_LINE * width;
            FLAT_LOG[width] = (1 - SHAPING) * Math.log(flat);
            double noiseRatio = Math.log(width) + 0.58;
            double toneRatio = Math.max(width / 2.0, noiseRatio * 2);
            NOISE_RATIO[width] = noiseRatio;
            TONE_SPAN_LOG[width] = Math.log(toneRatio / noiseRatio);
        }
    }

    /** Threshold in quiet per band: the lowest point of Terhardt's curve inside the band, as energy. */
    private static float[] ath(int sampleRate, int[] offsets, int lines) {
        // a full-scale sine gives an MDCT peak near 32768 * lines with this transform's scaling
        double fullScale = 32768.0 * lines;
        float[] out = new float[offsets.length - 1];
        for (int b = 0; b < out.length; b++) {
            double lo = offsets[b] * sampleRate / (2.0 * lines);
            double hi = offsets[b + 1] * sampleRate / (2.0 * lines);
            double min = Double.MAX_VALUE;
            for (int k = 0; k <= 8; k++) {
                double f = lo + (hi - lo) * k / 8;
                min = Math.min(min, terhardt(f));
            }
            out[b] = (float) (fullScale * fullScale * Math.pow(10, (min - FULL_SCALE_DB) / 10));
        }
        return out;
    }

    /**
     * Threshold in quiet in dB SPL (Terhardt), floored at 20 Hz and capped at {@link #ATH_CAP_DB}: the
     * curve climbs past full scale near 20 kHz, and the playback level is unknown, so it must not
     * silence whole bands on its own.
     */
    static double terhardt(double hz) {
        double f = Math.max(hz, 20) / 1000;
        double db = 3.64 * Math.pow(f, -0.8) - 6.5 * Math.exp(-0.6 * (f - 3.3) * (f - 3.3)) + 1e-3 * Math.pow(f, 4);
        return Math.min(db, ATH_CAP_DB);
    }
}
