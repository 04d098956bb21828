package dev.liveloom.mixer.aac.internal;

import java.util.Arrays;

/**
 * Quantisation of one channel's spectrum for a frame: per-band scalefactors derived from the allowed
 * noise (the psychoacoustic thresholds) plus a common offset the rate loop chooses, codebook choice per
 * band and exact bit counts. Holds its arrays across frames; nothing is allocated per frame.
 */
final class ChannelCoder {
    /** Rounding offset of the quantiser (the usual 0.4054 of AAC encoders: a slightly deadzone round). */
    private static final float ROUNDING = 0.4054f;

    /** 2^(-3/16 * (sf - 100)): the quantiser's step factor per scalefactor. */
    private static final float[] QUANT_STEP = new float[256];

    static {
        for (int sf = 0; sf < 256; sf++) {
            QUANT_STEP[sf] = (float) Math.pow(2, -0.1875 * (sf - 100));
        }
    }

    final IcsData ics = new IcsData();
    /** Spectrum in grouped-interleaved order (see {@link IcsData}). */
    final float[] spec = new float[1024];
    /** Allowed noise energy per (group, band). */
    final float[] threshold = new float[8 * IcsData.MAX_BANDS];
    /** The psychoacoustic model's threshold of the previous long frame, per band (pre-echo control). */
    final float[] prevThreshold = new float[IcsData.MAX_BANDS];

    boolean prevThresholdValid;

    /** Signal energy per (group, band). */
    final float[] energy = new float[8 * IcsData.MAX_BANDS];

    private final float[] pow34 = new float[1024];
    /** -1 where the line's sign bit is set, else 0: q = (v ^ m) - m gives the magnitude v that sign. */
    private final int[] signMask = new int[1024];

    private final float[] bandMax34 = new float[8 * IcsData.MAX_BANDS];
    private final int[] baseSf = new int[8 * IcsData.MAX_BANDS];
    private final int[] minSf = new int[8 * IcsData.MAX_BANDS];
    private final int[] bandBits = new int[8 * IcsData.MAX_BANDS];
    private final int[] bandMaxAbs = new int[8 * IcsData.MAX_BANDS];
    /** Per coded band below codebook 11: its first codebook pair's bits, packed as countBitsPair does. */
    private final int[] pairBits = new int[8 * IcsData.MAX_BANDS];
    /** The pair counted last by {@link #codebookBits} (its cb + 1 half is read next). */
    private int nextPairBits;

    private int nextPairBand = -1;
    /** Bits of each band under each codebook (12 per band; -1 where the codebook cannot code it). */
    private final int[] cbBits = new int[IcsData.MAX_BANDS * 12];
    /** Prefix sums of cbBits over bands, per codebook. */
    private final int[] cum = new int[(IcsData.MAX_BANDS + 1) * 12];
    /** Bits standing for "this codebook cannot code the band"; far above any frame. */
    private static final int IMPOSSIBLE = 1 << 24;
    /** Section bounds of one group while merging: start band of each section, and its codebook. */
    private final int[] secStart = new int[IcsData.MAX_BANDS + 1];

    private final int[] secCb = new int[IcsData.MAX_BANDS];

    private final int[] savedQuant = new int[1024];
    private final int[] savedScalefactor = new int[8 * IcsData.MAX_BANDS];
    private final int[] savedCodebook = new int[8 * IcsData.MAX_BANDS];
    private final int[] savedBandBits = new int[8 * IcsData.MAX_BANDS];
    private final int[] savedBandMaxAbs = new int[8 * IcsData.MAX_BANDS];
    private final int[] savedPairBits = new int[8 * IcsData.MAX_BANDS];

    /** Keeps the current quantisation so {@link #restore} can bring it back without re-quantising. */
    void save() {
        if (ics.maxSfb == 0) {
            return;
        }
        int g = ics.numGroups - 1;
        int lines = ics.bandStart(g, ics.maxSfb - 1) + ics.bandWidth(g, ics.maxSfb - 1);
        int bands = g * IcsData.MAX_BANDS + ics.maxSfb;
        System.arraycopy(ics.quant, 0, savedQuant, 0, lines);
        System.arraycopy(ics.scalefactor, 0, savedScalefactor, 0, bands);
        System.arraycopy(ics.codebook, 0, savedCodebook, 0, bands);
        System.arraycopy(bandBits, 0, savedBandBits, 0, bands);
        System.arraycopy(bandMaxAbs, 0, savedBandMaxAbs, 0, bands);
        System.arraycopy(pairBits, 0, savedPairBits, 0, bands);
    }

    /** Returns to the quantisation of the last {@link #save} (same frame, same bands). */
    void restore() {
        if (ics.maxSfb == 0) {
            return;
        }
        int g = ics.numGroups - 1;
        int lines = ics.bandStart(g, ics.maxSfb - 1) + ics.bandWidth(g, ics.maxSfb - 1);
        int bands = g * IcsData.MAX_BANDS + ics.maxSfb;
        System.arraycopy(savedQuant, 0, ics.quant, 0, lines);
        System.arraycopy(savedScalefactor, 0, ics.scalefactor, 0, bands);
        System.arraycopy(savedCodebook, 0, ics.codebook, 0, bands);
        System.arraycopy(savedBandBits, 0, bandBits, 0, bands);
        System.arraycopy(savedBandMaxAbs, 0, bandMaxAbs, 0, bands);
        System.arraycopy(savedPairBits, 0, pairBits, 0, bands);
    }

    /** Computes per-band energies; call after spec, ics window/grouping fields are set. */
    void computeEnergies() {
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int start = ics.bandStart(g, b);
                int end = start + ics.bandWidth(g, b);
                float e = 0;
                for (int i = start; i < end; i++) {
                    e += spec[i] * spec[i];
                }
                energy[g * IcsData.MAX_BANDS + b] = e;
            }
        }
    }

    /** Derives the starting scalefactors from the thresholds; call once per frame before quantise. */
    void prepare() {
        if (ics.maxSfb == 0) {
            return;
        }
        int last = ics.numGroups - 1;
        int lines = ics.bandStart(last, ics.maxSfb - 1) + ics.bandWidth(last, ics.maxSfb - 1);
        // |x|^(3/4) in float: sqrt(|x| * sqrt(|x|)), each step one float rounding
        for (int k = 0; k < lines; k++) {
            float a = Math.abs(spec[k]);
            pow34[k] = (float) Math.sqrt(a * (float) Math.sqrt(a));
        }
        // the sign bit spread over the word (-0 gives -1 too, but its magnitude quantises to 0)
        for (int k = 0; k < lines; k++) {
            signMask[k] = Float.floatToRawIntBits(spec[k]) >> 31;
        }
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int i = g * IcsData.MAX_BANDS + b;
                int start = ics.bandStart(g, b);
                int width = ics.bandWidth(g, b);
                float max = 0;
                for (int k = start; k < start + width; k++) {
                    float p = pow34[k];
                    if (p > max) {
                        max = p;
                    }
                }
                bandMax34[i] = max;
                // smallest scalefactor keeping the largest value within the escape range
                int lo = 0;
                if (max > 0) {
                    lo = ceil(100 + 16.0 / 3.0 * log2(max / (SpectralCoder.MAX_QUANT - ROUNDING)));
                }
                minSf[i] = clamp(lo, 0, 255);
                // noise of a uniform quantiser is step^2 / 12 per line, step = 2^((sf - 100) / 4)
                double noisePerLine = Math.max(threshold[i] / width, 1e-9);
                baseSf[i] = floor(100 + 2 * log2(12 * noisePerLine));
            }
        }
    }

    /** (int) Math.ceil(v) without the library call (not intrinsic on every JVM), for finite v in int range. */
    static int ceil(double v) {
        int t = (int) v;
        return t < v ? t + 1 : t;
    }

    /** (int) Math.floor(v), likewise. */
    static int floor(double v) {
        int t = (int) v;
        return t > v ? t - 1 : t;
    }

    /**
     * Quantises every coded band with scalefactor {@code baseSf + offset} (kept within the escape
     * range and the +/-60 difference limit) and returns the bits of this channel's
     * individual_channel_stream (ics_info included unless {@code commonWindow}).
     */
    int quantize(int offset, boolean commonWindow) {
        int spectral = 0;
        int hiMin = 0;
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int i = g * IcsData.MAX_BANDS + b;
                int sf = clamp(Math.max(baseSf[i] + offset, minSf[i]), 0, 255);
                quantizeBand(g, b, sf);
                if (ics.codebook[i] != 0 && minSf[i] > hiMin) {
                    hiMin = minSf[i];
                }
            }
        }
        // all coded scalefactors must lie within 60 of each other: first raise those too far below
        // the largest escape-range minimum, then lower those too far above the smallest coded one
        int low = hiMin - RawBlockWriter.SF_DIFF_LIMIT;
        int minCoded = 255;
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int i = g * IcsData.MAX_BANDS + b;
                if (ics.codebook[i] != 0 && ics.scalefactor[i] < low) {
                    quantizeBand(g, b, low);
                }
                if (ics.codebook[i] != 0 && ics.scalefactor[i] < minCoded) {
                    minCoded = ics.scalefactor[i];
                }
            }
        }
        int high = minCoded + RawBlockWriter.SF_DIFF_LIMIT;
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int i = g * IcsData.MAX_BANDS + b;
                if (ics.codebook[i] != 0 && ics.scalefactor[i] > high) {
                    quantizeBand(g, b, high);
                }
                spectral += bandBits[i];
            }
        }
        return spectral + RawBlockWriter.icsSideBits(ics, commonWindow);
    }

    /** Quantises one band at {@code sf}, picks its cheapest codebook, records its bits. */
    private void quantizeBand(int g, int b, int sf) {
        int i = g * IcsData.MAX_BANDS + b;
        int start = ics.bandStart(g, b);
        int width = ics.bandWidth(g, b);
        int[] q = ics.quant;
        float step = QUANT_STEP[sf];
        ics.scalefactor[i] = sf;
        if (bandMax34[i] * step + ROUNDING < 1) {
            Arrays.fill(q, start, start + width, 0);
            ics.codebook[i] = 0;
            bandBits[i] = 0;
            bandMaxAbs[i] = 0;
            return;
        }
        int maxAbs = 0;
        for (int k = start; k < start + width; k++) {
            int v = (int) (pow34[k] * step + ROUNDING);
            maxAbs = Math.max(maxAbs, v);
            int m = signMask[k];
            q[k] = (v ^ m) - m;
        }
        bandMaxAbs[i] = maxAbs;
        int cb = SpectralCoder.firstCodebookFor(maxAbs);
        if (cb == 0) {
            ics.codebook[i] = 0;
            bandBits[i] = 0;
            return;
        }
        int bits;
        if (cb < 11) {
            int pair = SpectralCoder.countBitsPair(q, start, width, cb);
            pairBits[i] = pair;
            bits = pair >>> 16;
            int other = pair & 0xFFFF;
            if (other < bits) {
                bits = other;
                cb = cb + 1;
            }
        } else {
            bits = SpectralCoder.countBits11(q, start, width);
        }
        ics.codebook[i] = cb;
        bandBits[i] = bits;
    }

    /**
     * Merges neighbouring sections of coded bands where one codebook able to code both costs less than
     * two sections with their headers (greedy, best saving first). Run once on the final quantisation;
     * returns this channel's bits afterwards.
     */
    int mergeSections(boolean commonWindow) {
        int lenBits = ics.isShort() ? 3 : 5;
        int esc = (1 << lenBits) - 1;
        int spectral = 0;
        for (int g = 0; g < ics.numGroups; g++) {
            int base = g * IcsData.MAX_BANDS;
            int n = ics.maxSfb;
            // cumulative bits per codebook: cum[b * 12 + cb] covers bands [0, b); IMPOSSIBLE marks a
            // codebook some band cannot use. Codebooks more than 3 above a band's own are not tried.
            for (int cb = 0; cb < 12; cb++) {
                cum[cb] = 0;
            }
            nextPairBand = -1;
            for (int b = 0; b < n; b++) {
                int first = SpectralCoder.firstCodebookFor(bandMaxAbs[base + b]);
                int own = ics.codebook[base + b];
                for (int cb = 0; cb < 12; cb++) {
                    int bits = IMPOSSIBLE;
                    if (first == 0) {
                        bits = cb == 0 ? 0 : IMPOSSIBLE;
                    } else if (cb == own) {
                        bits = bandBits[base + b];
                    } else if (cb >= first && cb <= first + 3) {
                        bits = codebookBits(g, b, first, cb);
                    }
                    cbBits[b * 12 + cb] = bits;
                    cum[(b + 1) * 12 + cb] = Math.min(IMPOSSIBLE, cum[b * 12 + cb] + bits);
                }
            }
            // start with one section per run of equal codebooks
            int sections = 0;
            for (int b = 0; b < n; b++) {
                if (b == 0 || ics.codebook[base + b] != ics.codebook[base + b - 1]) {
                    secStart[sections] = b;
                    secCb[sections] = ics.codebook[base + b];
                    sections++;
                }
            }
            secStart[sections] = n;
            while (sections > 1) {
                int best = -1;
                int bestSaving = 0;
                int bestCb = 0;
                for (int s = 0; s + 1 < sections; s++) {
                    if (secCb[s] == 0 || secCb[s + 1] == 0) {
                        continue;
                    }
                    int from = secStart[s];
                    int mid = secStart[s + 1];
                    int to = secStart[s + 2];
                    int separate = sectionCost(from, mid, secCb[s], esc, lenBits)
                            + sectionCost(mid, to, secCb[s + 1], esc, lenBits);
                    for (int cb = Math.max(secCb[s], secCb[s + 1]) - 1; cb < 12; cb++) {
                        int merged = sectionCost(from, to, cb, esc, lenBits);
                        if (merged >= 0 && separate - merged > bestSaving) {
                            bestSaving = separate - merged;
                            best = s;
                            bestCb = cb;
                        }
                    }
                }
                if (best < 0) {
                    break;
                }
                secCb[best] = bestCb;
                for (int s = best + 1; s < sections; s++) {
                    secStart[s] = secStart[s + 1];
                    secCb[s] = secCb[s + 1];
                }
                sections--;
            }
            for (int s = 0; s < sections; s++) {
                for (int b = secStart[s]; b < secStart[s + 1]; b++) {
                    ics.codebook[base + b] = secCb[s];
                    bandBits[base + b] = cbBits[b * 12 + secCb[s]];
                    spectral += bandBits[base + b];
                }
            }
        }
        return spectral + RawBlockWriter.icsSideBits(ics, commonWindow);
    }

    /**
     * Bits of band b of group g under codebook cb, at most 3 above the band's first usable codebook:
     * the first pair comes from the quantisation's count, the next pair is counted here once.
     */
    private int codebookBits(int g, int b, int first, int cb) {
        int i = g * IcsData.MAX_BANDS + b;
        if (cb < first + 2) {
            int pair = pairBits[i];
            return cb == first ? pair >>> 16 : pair & 0xFFFF;
        }
        if (cb == 11) {
            return SpectralCoder.countBits11(ics.quant, ics.bandStart(g, b), ics.bandWidth(g, b));
        }
        if (nextPairBand != i) {
            nextPairBits = SpectralCoder.countBitsPair(ics.quant, ics.bandStart(g, b), ics.bandWidth(g, b), first + 2);
            nextPairBand = i;
        }
        return cb == first + 2 ? nextPairBits >>> 16 : nextPairBits & 0xFFFF;
    }

    /** Spectral plus header bits of bands [from, to) coded with cb, or -1 when cb cannot code them. */
    private int sectionCost(int from, int to, int cb, int esc, int lenBits) {
        if (cb < 1) {
            return -1;
        }
        int spectral = cum[to * 12 + cb] - cum[from * 12 + cb];
        if (cum[to * 12 + cb] >= IMPOSSIBLE || spectral >= IMPOSSIBLE) {
            return -1;
        }
        return 4 + lenBits * (1 + (to - from) / esc) + spectral;
    }

    static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    private static double log2(double v) {
        return Math.log(v) * (1 / Math.log(2));
    }
}
