package dev.liveloom.mixer.aac.internal;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.mixer.AudioEncoder;
import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import java.util.ArrayDeque;

/**
 * AAC-LC encoder: sine-window MDCT with block switching, a small psychoacoustic model, M/S stereo per
 * band, scalefactor/global-offset rate loop over a bit reservoir, and FIL padding when the reservoir
 * overflows so the average bitrate meets the target.
 */
public final class AacLcEncoder implements AudioEncoder {
    static final int FRAME = 1024;
    /** Decoder input buffer per channel (ISO/IEC 14496-3 4.5.3.1): the largest a frame may be. */
    static final int BUFFER_BITS_PER_CHANNEL = 6144;

    /** Offset in a block where the short windows of the frame coding it stop (448 + 8 * 128 - 1024). */
    static final int SHORT_REGION_END = 576;

    /** Reservoir kept even at the highest bitrates, so a frame can exceed the average a little. */
    static final int MIN_RESERVOIR_BITS = 128;

    private static final int OFFSET_MIN = -100;
    private static final int OFFSET_MAX = 200;

    private final AudioEncoderConfig config;
    private final int channels;
    private final int sampleRate;
    private final byte[] asc;
    private final TrackFormat format;
    private final double avgBits;
    private final double maxReservoir;
    private final int maxFrameBits;
    private final long frameDurationUs;
    private final int[] longOffsets;
    private final int[] shortOffsets;
    private final int longMaxSfb;
    private final int shortMaxSfb;

    /** Per channel: [previous block | current block | look-ahead block]. */
    private final float[][] time;

    /** Samples per channel already in the look-ahead block. */
    private int fill;

    private final float[] window = new float[2048];
    private final float[] windowed = new float[2048];
    private final float[] shortSpec = new float[1024];
    private final float[] windowEnergy = new float[8];
    private final Mdct longMdct = new Mdct(1024);
    private final Mdct shortMdct = new Mdct(128);
    private final ChannelCoder[] coders;
    private final PsyModel psy;
    private final BlockSwitcher switcher;
    private final Tns tns;
    private final boolean tnsEnabled;
    private final boolean[] msUsed = new boolean[8 * IcsData.MAX_BANDS];
    private final BitWriter writer = new BitWriter(2048);
    private final ArrayDeque<EncodedAudioFrame> out = new ArrayDeque<>();

    private long blocksIn;
    private long framesOut;
    private long samplesIn;
    private int prevSequence = IcsData.ONLY_LONG;
    private boolean nextShort;
    private double reservoir;
    private boolean msActive;
    private boolean closed;
    private boolean flushed;
    private int channelBitsTotal;
    private int lastOffset;
    /** Offset and bits of the latest {@link #frameBits} call, whose quantisation the coders hold. */
    private int trialOffset = Integer.MIN_VALUE;

    private int trialBits;
    /** Offset, bits and channel bits of the latest trial within budget, which the coders saved. */
    private int savedOffset = Integer.MIN_VALUE;

    private int savedBits;
    private int savedChannelBits;
    /**
     * A frame's bit budget lies in [budgetLo, budgetHi]: the bits of offset 0 (the thresholds met
     * exactly) clamped to that range; NaN until those bits are counted, which is rarely needed.
     */
    private double budgetLo;

    private double budgetHi;
    private double budget;

    public AacLcEncoder(AudioEncoderConfig config) {
        this(config, true);
    }

    /** With {@code useTns} false, temporal noise shaping stays off (for comparisons in tests). */
    AacLcEncoder(AudioEncoderConfig config, boolean useTns) {
        this.tnsEnabled = useTns;
        this.config = config;
        this.channels = config.channels();
        this.sampleRate = config.sampleRate();
        this.asc = AacConfigs.writeAsc(sampleRate, channels);
        try {
            this.format = CodecConfigs.toFormat(Codec.AAC, asc);
        } catch (MediaParseException e) {
            throw new IllegalStateException("own AudioSpecificConfig rejected", e);
        }
        this.maxFrameBits = BUFFER_BITS_PER_CHANNEL * channels;
        // a frame cannot exceed the decoder buffer, so neither can the average (less a small reservoir)
        this.avgBits = Math.min(config.bitrateKbps() * 1000.0 * FRAME / sampleRate, maxFrameBits - MIN_RESERVOIR_BITS);
        this.maxReservoir = Math.max(0, maxFrameBits - avgBits);
        this.frameDurationUs = Math.round(FRAME * 1_000_000.0 / sampleRate);
        this.longOffsets = SwbTables.longOffsets(sampleRate);
        this.shortOffsets = SwbTables.shortOffsets(sampleRate);
        double cutoff = Math.min(sampleRate / 2.0, bandwidthHz(avgBits * sampleRate / FRAME / channels));
        this.longMaxSfb = bandsBelow(longOffsets, (int) Math.ceil(cutoff / (sampleRate / 2.0) * 1024));
        this.shortMaxSfb = bandsBelow(shortOffsets, (int) Math.ceil(cutoff / (sampleRate / 2.0) * 128));
        time = new float[channels][3 * FRAME];
        coders = new ChannelCoder[channels];
        for (int c = 0; c < channels; c++) {
            coders[c] = new ChannelCoder();
        }
        psy = new PsyModel(sampleRate, longOffsets, shortOffsets);
        switcher = new BlockSwitcher(channels);
        tns = new Tns(sampleRate, longOffsets);
    }

    /** Audio bandwidth kept at a per-channel bitrate: ~16 kHz at 64 kbps, ~6 kHz at 16 kbps. */
    static double bandwidthHz(double bitsPerSecondPerChannel) {
        return 3000 + bitsPerSecondPerChannel * 0.2;
    }

    private static int bandsBelow(int[] offsets, int line) {
        int n = 0;
        while (n < offsets.length - 1 && offsets[n] < line) {
            n++;
        }
        return n;
    }

    @Override
    public AudioEncoderConfig config() {
        return config;
    }

    @Override
    public byte[] audioSpecificConfig() {
        return asc.clone();
    }

    @Override
    public TrackFormat trackFormat() {
        return format;
    }

    @Override
    public int delaySamples() {
        return FRAME;
    }

    @Override
    public void encode(short[] pcm, int offset, int frames) {
        checkOpen();
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, FRAME - fill);
            int base = offset + done * channels;
            for (int c = 0; c < channels; c++) {
                float[] t = time[c];
                int to = 2 * FRAME + fill;
                for (int i = 0; i < n; i++) {
                    t[to + i] = pcm[base + i * channels + c];
                }
            }
            done += n;
            samplesIn += n;
            fill += n;
            if (fill == FRAME) {
                blockComplete();
            }
        }
    }

    @Override
    public void encode(float[] pcm, int offset, int frames) {
        checkOpen();
        int done = 0;
        while (done < frames) {
            int n = Math.min(frames - done, FRAME - fill);
            int base = offset + done * channels;
            for (int c = 0; c < channels; c++) {
                float[] t = time[c];
                int to = 2 * FRAME + fill;
                for (int i = 0; i < n; i++) {
                    float v = pcm[base + i * channels + c] * 32768f;
                    // NaN would spread through the whole MDCT block: treat it as silence
                    t[to + i] = v != v ? 0 : Math.max(-32768f, Math.min(32767f, v));
                }
            }
            done += n;
            samplesIn += n;
            fill += n;
            if (fill == FRAME) {
                blockComplete();
            }
        }
    }

    @Override
    public EncodedAudioFrame poll() {
        return out.poll();
    }

    @Override
    public void flush() {
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        if (flushed) {
            return;
        }
        flushed = true;
        long needed = (samplesIn + FRAME - 1) / FRAME + 1;
        while (framesOut < needed) {
            for (int c = 0; c < channels; c++) {
                for (int i = fill; i < FRAME; i++) {
                    time[c][2 * FRAME + i] = 0;
                }
            }
            fill = FRAME;
            blockComplete();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        if (flushed) {
            throw new IllegalStateException("encoder flushed: the stream has ended");
        }
    }

    /** A look-ahead block is full: encode the frame of the current block, then shift. */
    private void blockComplete() {
        fill = 0;
        blocksIn++;
        if (blocksIn >= 2) {
            encodeFrame();
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(time[c], FRAME, time[c], 0, 2 * FRAME);
        }
    }

    private void encodeFrame() {
        // the next frame's short windows carry input from 448 of the current block to 576 of the
        // look-ahead block; an attack in [576, 1024 + 576) is one only they can hold without pre-echo
        boolean attackAhead = false;
        for (int c = 0; c < channels; c++) {
            attackAhead |= switcher.attack(c, time[c], FRAME + SHORT_REGION_END);
        }
        boolean thisShort = nextShort || (prevSequence == IcsData.EIGHT_SHORT && attackAhead);
        int sequence;
        if (thisShort) {
            sequence = IcsData.EIGHT_SHORT;
        } else if (attackAhead) {
            sequence = IcsData.LONG_START;
        } else if (prevSequence == IcsData.EIGHT_SHORT) {
            sequence = IcsData.LONG_STOP;
        } else {
            sequence = IcsData.ONLY_LONG;
        }
        nextShort = attackAhead;
        if (sequence == IcsData.EIGHT_SHORT
                && !(prevSequence == IcsData.LONG_START || prevSequence == IcsData.EIGHT_SHORT)) {
            throw new IllegalStateException("window sequence " + prevSequence + " -> " + sequence);
        }

        if (sequence == IcsData.EIGHT_SHORT) {
            analyseShort();
        } else {
            analyseLong(sequence);
        }
        for (ChannelCoder ch : coders) {
            if (tnsEnabled) {
                tns.apply(ch);
            } else {
                ch.ics.tnsOrder = 0;
            }
            ch.computeEnergies();
            psy.thresholds(ch);
        }
        msActive = channels == 2 && decideMs();
        for (ChannelCoder ch : coders) {
            ch.prepare();
        }
        writeFrame();
        prevSequence = sequence;
    }

    private void analyseLong(int sequence) {
        Windows.longSequence(sequence, Windows.SHAPE_SINE, Windows.SHAPE_SINE, window);
        for (int c = 0; c < channels; c++) {
            float[] t = time[c];
            for (int i = 0; i < 2048; i++) {
                windowed[i] = t[i] * window[i];
            }
            ChannelCoder ch = coders[c];
            longMdct.forward(windowed, 0, ch.spec, 0);
            IcsData ics = ch.ics;
            ics.windowSequence = sequence;
            ics.windowShape = Windows.SHAPE_SINE;
            ics.swbOffsets = longOffsets;
            ics.maxSfb = longMaxSfb;
            ics.numGroups = 1;
            ics.groupLength[0] = 1;
        }
    }

    private void analyseShort() {
        float[] rise = Windows.shortRise(Windows.SHAPE_SINE);
        java.util.Arrays.fill(windowEnergy, 0);
        for (int c = 0; c < channels; c++) {
            float[] t = time[c];
            for (int w = 0; w < 8; w++) {
                int start = 448 + 128 * w;
                for (int i = 0; i < 128; i++) {
                    windowed[i] = t[start + i] * rise[i];
                    windowed[128 + i] = t[start + 128 + i] * rise[127 - i];
                }
                shortMdct.forward(windowed, 0, shortSpec, 128 * w);
                float e = 0;
                for (int i = 128 * w; i < 128 * w + 128; i++) {
                    e += shortSpec[i] * shortSpec[i];
                }
                windowEnergy[w] += e;
            }
            System.arraycopy(shortSpec, 0, coders[c].spec, 0, 1024); // window order until grouped
        }
        // group windows of similar energy; a jump of 6 dB either way starts a new group
        IcsData first = coders[0].ics;
        int groups = 0;
        int len = 0;
        for (int w = 0; w < 8; w++) {
            boolean split = w > 0
                    && (windowEnergy[w] > 4 * windowEnergy[w - 1] + 1 || windowEnergy[w - 1] > 4 * windowEnergy[w] + 1);
            if (w > 0 && split) {
                first.groupLength[groups++] = len;
                len = 0;
            }
            len++;
        }
        first.groupLength[groups++] = len;
        for (int c = 0; c < channels; c++) {
            ChannelCoder ch = coders[c];
            IcsData ics = ch.ics;
            ics.windowSequence = IcsData.EIGHT_SHORT;
            ics.windowShape = Windows.SHAPE_SINE;
            ics.swbOffsets = shortOffsets;
            ics.maxSfb = shortMaxSfb;
            ics.numGroups = groups;
            if (ics != first) {
                System.arraycopy(first.groupLength, 0, ics.groupLength, 0, 8);
            }
            // interleave: group by group, band by band, window by window
            System.arraycopy(ch.spec, 0, shortSpec, 0, 1024);
            int pos = 0;
            int w0 = 0;
            for (int g = 0; g < groups; g++) {
                int gl = ics.groupLength[g];
                for (int b = 0; b < shortOffsets.length - 1; b++) {
                    int lo = shortOffsets[b];
                    int width = shortOffsets[b + 1] - lo;
                    for (int w = w0; w < w0 + gl; w++) {
                        System.arraycopy(shortSpec, 128 * w + lo, ch.spec, pos, width);
                        pos += width;
                    }
                }
                w0 += gl;
            }
        }
    }

    /**
     * Per band, codes mid/side instead of left/right when that needs fewer bits by a perceptual-entropy
     * estimate; M/S bands get the stricter of the two thresholds.
     */
    private boolean decideMs() {
        ChannelCoder l = coders[0];
        ChannelCoder r = coders[1];
        IcsData ics = l.ics;
        boolean any = false;
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int i = g * IcsData.MAX_BANDS + b;
                int start = ics.bandStart(g, b);
                int end = start + ics.bandWidth(g, b);
                float em = 0;
                float es = 0;
                for (int k = start; k < end; k++) {
                    float m = (l.spec[k] + r.spec[k]) * 0.5f;
                    float s = (l.spec[k] - r.spec[k]) * 0.5f;
                    em += m * m;
                    es += s * s;
                }
                float thr = Math.min(l.threshold[i], r.threshold[i]);
                double peLr = log2p(l.energy[i] / l.threshold[i]) + log2p(r.energy[i] / r.threshold[i]);
                double peMs = log2p(em / thr) + log2p(es / thr);
                boolean use = peMs < peLr;
                msUsed[i] = use;
                if (use) {
                    any = true;
                    for (int k = start; k < end; k++) {
                        float m = (l.spec[k] + r.spec[k]) * 0.5f;
                        float s = (l.spec[k] - r.spec[k]) * 0.5f;
                        l.spec[k] = m;
                        r.spec[k] = s;
                    }
                    l.energy[i] = em;
                    r.energy[i] = es;
                    l.threshold[i] = thr;
                    r.threshold[i] = thr;
                }
            }
        }
        return any;
    }

    private static double log2p(double ratio) {
        return Math.log(1 + ratio);
    }

    private int frameBits(int offset) {
        boolean common = channels == 2;
        int bits = 3 + 4 + 3; // element id and tag, END id
        if (common) {
            bits += 1
                    + RawBlockWriter.icsInfoBits(coders[0].ics)
                    + RawBlockWriter.msMaskBits(coders[0].ics, msActive ? msUsed : null);
        }
        channelBitsTotal = 0;
        for (ChannelCoder ch : coders) {
            channelBitsTotal += ch.quantize(offset, common);
        }
        trialOffset = offset;
        trialBits = bits + channelBitsTotal;
        return trialBits;
    }

    /**
     * Whether the frame at {@code offset} fits the budget, max(lo, min(hi, bits at offset 0)); when it
     * does, also keeps its quantisation for writing. Bits fall as the offset rises, so a trial at an
     * offset of 0 or more that lies between lo and hi fits without counting offset 0 itself: the
     * target is only counted for finer trials there (it was one full quantisation per frame).
     */
    private boolean fits(int offset) {
        int bits = frameBits(offset);
        boolean ok;
        if (bits <= budgetLo) {
            ok = true;
        } else if (bits > budgetHi) {
            ok = false;
        } else if (!Double.isNaN(budget)) {
            ok = bits <= budget;
        } else if (offset >= 0) {
            ok = true;
        } else {
            budget = Math.max(budgetLo, Math.min(budgetHi, frameBits(0)));
            frameBits(offset);
            ok = bits <= budget;
        }
        if (!ok) {
            return false;
        }
        for (ChannelCoder ch : coders) {
            ch.save();
        }
        savedOffset = offset;
        savedBits = trialBits;
        savedChannelBits = channelBitsTotal;
        return true;
    }

    /** Quantises at {@code offset} for writing, reusing the last trial or the saved one when they match. */
    private int settle(int offset) {
        if (trialOffset == offset) {
            return trialBits;
        }
        if (savedOffset == offset) {
            for (ChannelCoder ch : coders) {
                ch.restore();
            }
            channelBitsTotal = savedChannelBits;
            trialOffset = offset;
            trialBits = savedBits;
            return savedBits;
        }
        return frameBits(offset);
    }

    /**
     * The smallest offset (finest quantisation) whose frame fits the budget, bits falling as the
     * offset rises: gallops from the previous frame's offset, then bisects the bracket found.
     */
    private int searchOffset() {
        savedOffset = Integer.MIN_VALUE;
        int start = Math.max(OFFSET_MIN, Math.min(OFFSET_MAX, lastOffset));
        int good;
        int bad;
        int step = 1;
        if (fits(start)) {
            good = start;
            bad = OFFSET_MIN - 1;
            while (good > OFFSET_MIN) {
                int t = Math.max(OFFSET_MIN, good - step);
                if (!fits(t)) {
                    bad = t;
                    break;
                }
                good = t;
                step <<= 1;
            }
        } else {
            bad = start;
            good = OFFSET_MAX + 1;
            while (bad < OFFSET_MAX) {
                int t = Math.min(OFFSET_MAX, bad + step);
                if (fits(t)) {
                    good = t;
                    break;
                }
                bad = t;
                step <<= 1;
            }
            if (good > OFFSET_MAX) {
                return OFFSET_MAX;
            }
        }
        while (good - bad > 1) {
            int mid = (good + bad) >> 1;
            if (fits(mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }

    private boolean hasCodedBands() {
        for (ChannelCoder ch : coders) {
            IcsData ics = ch.ics;
            for (int g = 0; g < ics.numGroups; g++) {
                for (int b = 0; b < ics.maxSfb; b++) {
                    if (ics.codebook[g * IcsData.MAX_BANDS + b] != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void writeFrame() {
        boolean isShort = coders[0].ics.isShort();
        trialOffset = Integer.MIN_VALUE;
        savedOffset = Integer.MIN_VALUE;
        budgetHi = Math.min(avgBits + reservoir * (isShort ? 0.6 : 0.25), maxFrameBits - 16);
        budgetLo = Math.min(budgetHi, avgBits * (0.5 + (maxReservoir > 0 ? reservoir / maxReservoir : 1)));
        budget = Double.NaN;
        int a = searchOffset();
        lastOffset = a;
        int bits = settle(a);
        bits -= channelBitsTotal;
        for (ChannelCoder ch : coders) {
            bits += ch.mergeSections(channels == 2);
        }
        int bytes = (bits + 7) >>> 3;
        double after = reservoir + avgBits - 8.0 * bytes;
        int fillBytes = 0;
        // pad to the bitrate only when there is signal: digital silence stays tiny
        if (after > maxReservoir && hasCodedBands()) {
            int excessBits = (int) Math.ceil(after - maxReservoir);
            fillBytes = excessBits / 8;
            while (fillBytes > 0 && ((bits + RawBlockWriter.fillBits(fillBytes) + 7) >>> 3) * 8 > maxFrameBits) {
                fillBytes--;
            }
        }
        writer.reset();
        if (channels == 1) {
            RawBlockWriter.writeSce(writer, 0, coders[0].ics);
        } else {
            RawBlockWriter.writeCpe(writer, 0, coders[0].ics, coders[1].ics, true, msActive ? msUsed : null);
        }
        if (fillBytes > 0) {
            RawBlockWriter.writeFill(writer, fillBytes);
        }
        RawBlockWriter.writeEnd(writer);
        reservoir = Math.min(maxReservoir, reservoir + avgBits - 8.0 * writer.byteLength());
        long ptsSamples = (framesOut - 1) * FRAME;
        long ptsUs = Math.floorDiv(ptsSamples * 1_000_000L, sampleRate);
        out.add(new EncodedAudioFrame(writer.toByteArray(), ptsUs, frameDurationUs));
        framesOut++;
    }
}
