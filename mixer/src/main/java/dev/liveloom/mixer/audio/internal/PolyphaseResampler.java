package dev.liveloom.mixer.audio.internal;

import dev.liveloom.mixer.Resampler;
import dev.liveloom.mixer.ResamplerConfig;
import java.util.Arrays;

/**
 * Rational-ratio polyphase resampler: a Kaiser-windowed sinc (97 dB design stopband) whose stopband
 * starts at the lower Nyquist frequency (so nothing above the output Nyquist aliases when
 * downsampling, and no image above the input Nyquist appears when upsampling) and whose transition
 * is 0.11 of that Nyquist wide (passband flat within 0.02 dB to 0.9 of it), precomputed for every
 * one of the L output phases. Each output sample is one dot product of 2H input samples with one
 * phase's coefficients.
 */
public final class PolyphaseResampler implements Resampler {
    /** Stopband attenuation the Kaiser window is designed for (dB). */
    static final double STOPBAND_DB = 97;
    /** The stopband starts at the lower Nyquist frequency. */
    static final double STOP_EDGE = 1.0;
    /**
     * Transition width relative to the lower Nyquist frequency: the response is within 0.02 dB of unity
     * up to 0.9 of it (the 1e-5 deviation the Kaiser estimate is for lies lower, near 0.89).
     */
    static final double TRANSITION = 0.11;

    private final ResamplerConfig config;
    private final int up;
    private final int down;
    private final int half;
    private final int taps;
    /** Coefficients per phase, {@code coef[phase * taps + k]} applies to input {@code p - half + 1 + k}. */
    private final float[] coef;

    private final int channels;
    /**
     * Input history, then new input, interleaved in the output channel layout: frame {@code i} of it is
     * input index {@code bufStart + i}.
     */
    private float[] buf;

    private int bufLen;
    /** Input index of the next output sample's position (integer part) and its phase (0..up-1). */
    private long pos;

    private int phase;
    private long bufStart;
    private long inputFrames;
    private long outputFrames;
    private float[] mixScratch = new float[0];

    public PolyphaseResampler(ResamplerConfig config) {
        this.config = config;
        int g = gcd(config.inputRate(), config.outputRate());
        up = config.outputRate() / g;
        down = config.inputRate() / g;
        channels = config.outputChannels();
        // cutoff and transition relative to the input rate, in cycles per input sample
        double nyquist = 0.5 * Math.min(1.0, (double) up / down);
        double transition = nyquist * TRANSITION;
        double cutoff = nyquist * STOP_EDGE - transition / 2;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        // Kaiser's length estimate, N = (A - 7.95) / (14.36 * transition)
        int length = (int) Math.ceil((STOPBAND_DB - 7.95) / (14.36 * transition));
        // an even half keeps the tap count a multiple of 4 for the unrolled dot products
        half = Math.max(2, (length + 3) / 4 * 2);
        taps = 2 * half;
        coef = new float[up * taps];
        double i0Beta = besselI0(beta);
        for (int ph = 0; ph < up; ph++) {
            double frac = (double) ph / up;
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                // input sample p - half + 1 + k sits at distance u from the output time p + frac
                double u = frac + half - 1 - k;
                double r = u / half;
                double w = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                double x = 2 * cutoff * u;
                double sinc = Math.abs(x) < 1e-12 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                double c = 2 * cutoff * sinc * w;
                coef[ph * taps + k] = (float) c;
                sum += c;
            }
            // unit DC gain for every phase
            for (int k = 0; k < taps; k++) {
                coef[ph * taps + k] /= (float) sum;
            }
        }
        buf = new float[(4096 + taps) * channels];
        reset();
    }

    @Override
    public ResamplerConfig config() {
        return config;
    }

    @Override
    public void reset() {
        Arrays.fill(buf, 0);
        // history of half - 1 zeros lets output 0 (at input time 0) use input -half + 1 .. half
        bufLen = half - 1;
        bufStart = -(half - 1);
        pos = 0;
        phase = 0;
        inputFrames = 0;
        outputFrames = 0;
    }

    @Override
    public int maxOutputFrames(int inputFrames) {
        return (int) (((long) inputFrames + taps) * up / down) + 2;
    }

    @Override
    public int process(float[] in, int inOffset, int inFrames, float[] out, int outOffset) {
        checkRoom(out.length - outOffset, inFrames);
        append(in, inOffset, inFrames);
        return produce(out, outOffset, Long.MAX_VALUE);
    }

    @Override
    public int process(short[] in, int inOffset, int inFrames, short[] out, int outOffset) {
        checkRoom(out.length - outOffset, inFrames);
        int ic = config.inputChannels();
        int inSamples = inFrames * ic;
        float[] tmp = scratch(inSamples);
        for (int i = 0; i < inSamples; i++) {
            tmp[i] = in[inOffset + i] * (1f / 32768f);
        }
        append(tmp, 0, inFrames);
        // the input is in the history buffer now: the scratch array can take the float output
        float[] fo = scratch(maxOutputFrames(inFrames) * channels);
        int n = produce(fo, 0, Long.MAX_VALUE);
        for (int i = 0; i < n * channels; i++) {
            int v = Math.round(fo[i] * 32768f);
            out[outOffset + i] = (short) Math.max(-32768, Math.min(32767, v));
        }
        return n;
    }

    @Override
    public int flush(float[] out, int outOffset) {
        checkRoom(out.length - outOffset, 0);
        long expected = (inputFrames * up + down - 1) / down;
        float[] zeros = scratch(half * config.inputChannels());
        Arrays.fill(zeros, 0, half * config.inputChannels(), 0);
        append(zeros, 0, half);
        int n = produce(out, outOffset, expected);
        reset();
        return n;
    }

    private void checkRoom(int room, int inFrames) {
        int need = maxOutputFrames(inFrames) * channels;
        if (room < need) {
            throw new IllegalArgumentException(
                    "output has room for " + room + " samples, needs " + need + " for " + inFrames + " input frames");
        }
    }

    private float[] scratch(int n) {
        if (mixScratch.length < n) {
            mixScratch = new float[n];
        }
        return mixScratch;
    }

    /** Appends input frames, mixing to the output channel layout. */
    private void append(float[] in, int off, int frames) {
        ensure(bufLen + frames);
        int ic = config.inputChannels();
        float[] b = buf;
        int at = bufLen * channels;
        if (ic == channels) {
            System.arraycopy(in, off, b, at, frames * ic);
        } else if (ic == 1) {
            for (int i = 0; i < frames; i++) {
                float v = in[off + i];
                b[at + 2 * i] = v;
                b[at + 2 * i + 1] = v;
            }
        } else {
            for (int i = 0; i < frames; i++) {
                b[at + i] = 0.5f * (in[off + 2 * i] + in[off + 2 * i + 1]);
            }
        }
        bufLen += frames;
        inputFrames += frames;
    }

    private void ensure(int len) {
        if (len * channels > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len * channels, buf.length * 2));
        }
    }

    /** Writes every output sample whose input window is complete (at most up to output index limit). */
    private int produce(float[] out, int outOffset, long limit) {
        int n = 0;
        long available = bufStart + bufLen; // input index one past the last sample held
        // taps cover input pos - half + 1 .. pos + half
        while (pos + half < available && outputFrames < limit) {
            int start = (int) (pos - half + 1 - bufStart);
            int cOff = phase * taps;
            if (channels == 2) {
                dot2(buf, 2 * start, coef, cOff, taps, out, outOffset + 2 * n);
            } else {
                out[outOffset + n] = dot(buf, start, coef, cOff, taps);
            }
            n++;
            outputFrames++;
            phase += down;
            while (phase >= up) {
                phase -= up;
                pos++;
            }
        }
        // keep what the next output still needs
        int drop = (int) Math.max(0, Math.min(bufLen, pos - half + 1 - bufStart));
        if (drop > 0) {
            System.arraycopy(buf, drop * channels, buf, 0, (bufLen - drop) * channels);
            bufLen -= drop;
            bufStart += drop;
        }
        return n;
    }

    /** Dot product of {@code n} (a multiple of 4) samples with coefficients, in 8 independent sums. */
    static float dot(float[] x, int xOff, float[] h, int hOff, int n) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float a4 = 0;
        float a5 = 0;
        float a6 = 0;
        float a7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            a0 += x[xOff + i] * h[hOff + i];
            a1 += x[xOff + i + 1] * h[hOff + i + 1];
            a2 += x[xOff + i + 2] * h[hOff + i + 2];
            a3 += x[xOff + i + 3] * h[hOff + i + 3];
            a4 += x[xOff + i + 4] * h[hOff + i + 4];
            a5 += x[xOff + i + 5] * h[hOff + i + 5];
            a6 += x[xOff + i + 6] * h[hOff + i + 6];
            a7 += x[xOff + i + 7] * h[hOff + i + 7];
        }
        for (; i < n; i++) {
            a0 += x[xOff + i] * h[hOff + i];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    /**
     * Both channels of interleaved stereo {@code x} (from sample {@code xOff}, frame-aligned) at once:
     * each coefficient is loaded once for two products, 8 independent sums break the add chains.
     * {@code n} is a multiple of 4.
     */
    static void dot2(float[] x, int xOff, float[] h, int hOff, int n, float[] out, int outPos) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float b0 = 0;
        float b1 = 0;
        float b2 = 0;
        float b3 = 0;
        for (int i = 0; i < n; i += 4) {
            float c0 = h[hOff + i];
            float c1 = h[hOff + i + 1];
            float c2 = h[hOff + i + 2];
            float c3 = h[hOff + i + 3];
            int j = xOff + 2 * i;
            a0 += x[j] * c0;
            b0 += x[j + 1] * c0;
            a1 += x[j + 2] * c1;
            b1 += x[j + 3] * c1;
            a2 += x[j + 4] * c2;
            b2 += x[j + 5] * c2;
            a3 += x[j + 6] * c3;
            b3 += x[j + 7] * c3;
        }
        out[outPos] = (a0 + a1) + (a2 + a3);
        out[outPos + 1] = (b0 + b1) + (b2 + b3);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 100; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-15) {
                break;
            }
        }
        return sum;
    }
}
