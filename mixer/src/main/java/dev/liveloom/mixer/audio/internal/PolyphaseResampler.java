package dev.liveloom.mixer.audio.internal;

import dev.liveloom.mixer.Resampler;
import dev.liveloom.mixer.ResamplerConfig;
import java.util.Arrays;

/**
 * Rational-ratio polyphase resampler: a Kaiser-windowed sinc (100 dB stopband) with its transition from
 * 0.9 to 1.1 of the lower Nyquist frequency, precomputed for every one of the L output phases. Each
 * output sample is one dot product of 2H input samples with one phase's coefficients.
 */
public final class PolyphaseResampler implements Resampler {
    /** Stopband attenuation the Kaiser window is designed for (dB). */
    static final double STOPBAND_DB = 100;
    /** Transition band: passband to 0.9, stopband from 1.1 of the lower Nyquist frequency. */
    static final double PASS_EDGE = 0.9;

    static final double STOP_EDGE = 1.1;

    private final ResamplerConfig config;
    private final int up;
    private final int down;
    private final int half;
    private final int taps;
    /** Coefficients per phase, {@code coef[phase * taps + k]} applies to input {@code p - half + 1 + k}. */
    private final float[] coef;

    private final int channels;
    /** Per output channel: input history, then new input; {@code buf[c][0]} is input index {@code bufStart}. */
    private float[][] buf;

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
        double cutoff = nyquist * (PASS_EDGE + STOP_EDGE) / 2;
        double transition = nyquist * (STOP_EDGE - PASS_EDGE);
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        // Kaiser's length estimate, N = (A - 7.95) / (14.36 * transition)
        int length = (int) Math.ceil((STOPBAND_DB - 7.95) / (14.36 * transition));
        half = Math.max(2, (length + 1) / 2);
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
        buf = new float[channels][4096 + taps];
        reset();
    }

    @Override
    public ResamplerConfig config() {
        return config;
    }

    @Override
    public void reset() {
        for (float[] b : buf) {
            Arrays.fill(b, 0);
        }
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
        if (ic == channels) {
            for (int c = 0; c < channels; c++) {
                float[] b = buf[c];
                for (int i = 0; i < frames; i++) {
                    b[bufLen + i] = in[off + i * ic + c];
                }
            }
        } else if (ic == 1) {
            for (int i = 0; i < frames; i++) {
                float v = in[off + i];
                buf[0][bufLen + i] = v;
                buf[1][bufLen + i] = v;
            }
        } else {
            for (int i = 0; i < frames; i++) {
                buf[0][bufLen + i] = 0.5f * (in[off + 2 * i] + in[off + 2 * i + 1]);
            }
        }
        bufLen += frames;
        inputFrames += frames;
    }

    private void ensure(int len) {
        if (len > buf[0].length) {
            for (int c = 0; c < channels; c++) {
                buf[c] = Arrays.copyOf(buf[c], Math.max(len, buf[c].length * 2));
            }
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
                dot2(buf[0], buf[1], start, cOff, out, outOffset + 2 * n);
            } else {
                out[outOffset + n] = dot(buf[0], start, coef, cOff, taps);
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
            for (int c = 0; c < channels; c++) {
                System.arraycopy(buf[c], drop, buf[c], 0, bufLen - drop);
            }
            bufLen -= drop;
            bufStart += drop;
        }
        return n;
    }

    private static float dot(float[] x, int xOff, float[] h, int hOff, int n) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a0 += x[xOff + i] * h[hOff + i];
            a1 += x[xOff + i + 1] * h[hOff + i + 1];
            a2 += x[xOff + i + 2] * h[hOff + i + 2];
            a3 += x[xOff + i + 3] * h[hOff + i + 3];
        }
        for (; i < n; i++) {
            a0 += x[xOff + i] * h[hOff + i];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /** Both channels at once: each coefficient is loaded once for two products. */
    private void dot2(float[] x0, float[] x1, int xOff, int hOff, float[] out, int outPos) {
        float[] h = coef;
        float a0 = 0;
        float a1 = 0;
        float b0 = 0;
        float b1 = 0;
        int n = taps; // always even
        for (int i = 0; i < n; i += 2) {
            float c0 = h[hOff + i];
            float c1 = h[hOff + i + 1];
            a0 += x0[xOff + i] * c0;
            b0 += x1[xOff + i] * c0;
            a1 += x0[xOff + i + 1] * c1;
            b1 += x1[xOff + i + 1] * c1;
        }
        out[outPos] = a0 + a1;
        out[outPos + 1] = b0 + b1;
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
