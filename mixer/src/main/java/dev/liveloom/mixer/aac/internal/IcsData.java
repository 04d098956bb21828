package dev.liveloom.mixer.aac.internal;

/**
 * One individual channel stream as it goes into the bitstream: window sequence and grouping, the coded
 * bands, per-band codebook and scalefactor, and quantised spectral values.
 *
 * <p>Spectral values are kept in the bitstream's grouped-interleaved order: band {@code b} of group
 * {@code g} is the contiguous run starting at {@link #bandStart(int, int)} of {@link #bandWidth(int,
 * int)} values (for long windows simply the band of the 1024 lines).
 */
public final class IcsData {
    public static final int ONLY_LONG = 0;
    public static final int LONG_START = 1;
    public static final int EIGHT_SHORT = 2;
    public static final int LONG_STOP = 3;

    /** Bands per group are at most 51 (32 kHz long windows); short windows have at most 15. */
    public static final int MAX_BANDS = 51;

    public int windowSequence;
    public int windowShape;
    public int maxSfb;
    public int numGroups = 1;
    public final int[] groupLength = {1, 1, 1, 1, 1, 1, 1, 1};
    /** Band offsets of the current window length (long or short table). */
    public int[] swbOffsets;
    /** Codebook per (group, band), index {@code g * MAX_BANDS + b}; 0 = all zero. */
    public final int[] codebook = new int[8 * MAX_BANDS];
    /** Scalefactor per (group, band), index {@code g * MAX_BANDS + b}, 0..255. */
    public final int[] scalefactor = new int[8 * MAX_BANDS];
    /** TNS filter order (0: no TNS), length in bands counted down from the top band, 4-bit coefficients. */
    public int tnsOrder;

    public int tnsLength;
    public final int[] tnsCoef = new int[12];

    /** Quantised spectral values, grouped-interleaved. */
    public final int[] quant = new int[1024];

    public boolean isShort() {
        return windowSequence == EIGHT_SHORT;
    }

    /** Window index at which group {@code g} starts. */
    public int groupStartWindow(int g) {
        int w = 0;
        for (int i = 0; i < g; i++) {
            w += groupLength[i];
        }
        return w;
    }

    public int bandStart(int g, int b) {
        if (!isShort()) {
            return swbOffsets[b];
        }
        return groupStartWindow(g) * 128 + swbOffsets[b] * groupLength[g];
    }

    public int bandWidth(int g, int b) {
        return (swbOffsets[b + 1] - swbOffsets[b]) * groupLength[g];
    }

    /** The 7-bit scale_factor_grouping field: bit (6 - i) set when window i + 1 joins window i's group. */
    public int groupingBits() {
        int bits = 0;
        int w = 0;
        for (int g = 0; g < numGroups; g++) {
            for (int k = 0; k < groupLength[g]; k++) {
                if (w > 0) {
                    bits = (bits << 1) | (k > 0 ? 1 : 0);
                }
                w++;
            }
        }
        return bits;
    }

    /** The first scalefactor of a coded band, which global_gain carries; 100 when no band is coded. */
    public int globalGain() {
        for (int g = 0; g < numGroups; g++) {
            for (int b = 0; b < maxSfb; b++) {
                if (codebook[g * MAX_BANDS + b] != 0) {
                    return scalefactor[g * MAX_BANDS + b];
                }
            }
        }
        return 100;
    }
}
