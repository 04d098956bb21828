package dev.liveloom.mixer.aac.internal;

/**
 * A small psychoacoustic model: per-band energy spread to the neighbouring bands (masking reaches
 * further upward than downward), a signal-to-mask ratio, and the absolute threshold in quiet; the
 * result is the noise energy each band may carry. Energies are in the MDCT domain of 16-bit PCM.
 */
final class PsyModel {
    /** Signal-to-mask ratio applied to the spread energy (dB). */
    private static final double SMR_DB = 18;
    /** Fraction of a band's spread energy reaching the band above (about -10 dB per band). */
    private static final float SPREAD_UP = 0.1f;
    /** Fraction reaching the band below (about -15 dB per band). */
    private static final float SPREAD_DOWN = 0.03f;
    /** A full-scale sine plays at about 96 dB SPL when 16-bit PCM is mapped to the ear. */
    private static final double FULL_SCALE_DB = 96;

    private final float[] athLong;
    private final float[] athShort;
    private final float[] spread = new float[IcsData.MAX_BANDS];
    private final float smr = (float) Math.pow(10, -SMR_DB / 10);

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
                float t = e * smr;
                float quiet = ath[b] * ics.groupLength[g];
                ch.threshold[base + b] = Math.max(t, quiet);
            }
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

    /** Threshold in quiet in dB SPL (Terhardt), floored at 20 Hz. */
    static double terhardt(double hz) {
        double f = Math.max(hz, 20) / 1000;
        return 3.64 * Math.pow(f, -0.8) - 6.5 * Math.exp(-0.6 * (f - 3.3) * (f - 3.3)) + 1e-3 * Math.pow(f, 4);
    }
}
