package dev.liveloom.mixer.audio.internal;

import dev.liveloom.mixer.Resampler;
import dev.liveloom.mixer.ResamplerConfig;
import java.util.Arrays;

/**
 * Rational-ratio polyphase resampler: a Kaiser-windowed sinc (97 dB design stopband) whose stopband
 * starts at the lower Nyquist frequency (so nothing above the output Nyquist aliases when
 * downsampling, and no image above the input Nyquist appears when upsampling) and whose transition
 * is 0.11 of that Nyquist wide (passband flat within 0.02 dB to 0.9 of it), precomputed for every
 * one of the L output phases.
 *
 * <p>Outputs are computed in blocks of about {@link #BLOCK}: the phases of a block are laid out as one
 * matrix over the block's common input window (rows zero-padded where an output's taps do not reach),
 * so each input sample scales one matrix row into the block's sums. That loop over outputs has no
 * reduction and C2 turns it into SIMD code, several times faster than per-output dot products although
 * the padding adds about as many multiplications again. Output therefore comes in whole blocks; the
 * order of the additions, and so the result, does not depend on how the input was split into calls.
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
    /** Outputs per block (about): each block is computed from one input window. */
    static final int BLOCK = 160;

    private final ResamplerConfig config;
    private final int up;
    private final int down;
    private final int half;
    private final int taps;

    private final int channels;
    /**
     * Input history, then new input, interleaved in the output channel layout: frame {@code i} of it is
     * input index {@code bufStart + i}.
     */
    private float[] buf;

    private int bufLen;

    /** Outputs and inputs of one cycle of blocks: {@code cycleOut} outputs per {@code cycleIn} inputs. */
    private final int cycleOut;

    private final int cycleIn;
    /** Per block of the cycle: its first output, output count, first input, and matrix offset. */
    private final int[] blockFirstOut;

    private final int[] blockOuts;
    private final int[] blockFirstIn;
    /** Inputs per block window (the same for every block; short ones are padded with zero rows). */
    private final int blockTaps;
    /**
     * Per block, {@code matrix[b][k][j]} applies to input {@code blockFirstIn[b] + k} for output
     * {@code j} of the block: all outputs of a block come from one window, so each input is multiplied
     * into a row of sums. One array per row (indexed from 0, like the sums) is what C2 vectorizes.
     */
    private final float[][][] matrix;

    private final float[] sum0;
    private final float[] sum1;
    /** The next block: its cycle and index in the cycle. */
    private long cycle;

    private int block;
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
        // coefficients per phase: coef[phase * taps + k] applies to input p - half + 1 + k
        float[] coef = new float[up * taps];
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
        // blocks of about BLOCK outputs; a cycle of whole periods has at least one block's outputs
        int periods = Math.max(1, (BLOCK + up - 1) / up);
        cycleOut = up * periods;
        cycleIn = down * periods;
        int blocks = (cycleOut + BLOCK - 1) / BLOCK;
        blockFirstOut = new int[blocks];
        blockOuts = new int[blocks];
        blockFirstIn = new int[blocks];
        int maxWindow = 0;
        int maxOuts = 0;
        for (int b = 0; b < blocks; b++) {
            int first = (int) ((long) cycleOut * b / blocks);
            int end = (int) ((long) cycleOut * (b + 1) / blocks);
            blockFirstOut[b] = first;
            blockOuts[b] = end - first;
            int firstPos = (int) ((long) first * down / up);
            int lastPos = (int) ((long) (end - 1) * down / up);
            blockFirstIn[b] = firstPos - half + 1;
            maxWindow = Math.max(maxWindow, lastPos - firstPos + taps);
            maxOuts = Math.max(maxOuts, end - first);
        }
        blockTaps = maxWindow;
        matrix = new float[blocks][][];
        for (int b = 0; b < blocks; b++) {
            int nb = blockOuts[b];
            matrix[b] = new float[blockTaps][nb];
            for (int j = 0; j < nb; j++) {
                long n = blockFirstOut[b] + j;
                int shift = (int) (n * down / up) - (half - 1) - blockFirstIn[b];
                int ph = (int) (n * down % up);
                for (int k = 0; k < taps; k++) {
                    matrix[b][shift + k][j] = coef[ph * taps + k];
                }
            }
        }
        sum0 = new float[maxOuts];
        sum1 = new float[maxOuts];
        buf = new float[(4096 + blockTaps + cycleIn) * channels];
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
        cycle = 0;
        block = 0;
        inputFrames = 0;
        outputFrames = 0;
    }

    @Override
    public int maxOutputFrames(int inputFrames) {
        // held input (a block window and a cycle) plus the flush padding, rounded up to whole blocks
        return (int) (((long) inputFrames + 2L * (blockTaps + cycleIn)) * up / down) + 2 * BLOCK + 2;
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
        int pad = blockTaps + cycleIn;
        float[] zeros = scratch(pad * config.inputChannels());
        Arrays.fill(zeros, 0, pad * config.inputChannels(), 0);
        append(zeros, 0, pad);
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

    /** Writes every block of output samples whose input window is complete (at most up to output index limit). */
    private int produce(float[] out, int outOffset, long limit) {
        int n = 0;
        long available = bufStart + bufLen; // input index one past the last sample held
        while (outputFrames < limit) {
            long firstIn = cycle * cycleIn + blockFirstIn[block];
            if (firstIn + blockTaps > available) {
                break;
            }
            int nb = blockOuts[block];
            int start = (int) (firstIn - bufStart);
            int count = (int) Math.min(nb, limit - outputFrames);
            if (channels == 2) {
                block2(buf, 2 * start, matrix[block], nb, sum0, sum1);
                int o = outOffset + 2 * n;
                for (int j = 0; j < count; j++) {
                    out[o + 2 * j] = sum0[j];
                    out[o + 2 * j + 1] = sum1[j];
                }
            } else {
                block1(buf, start, matrix[block], nb, sum0);
                System.arraycopy(sum0, 0, out, outOffset + n, count);
            }
            n += count;
            outputFrames += count;
            if (++block == blockOuts.length) {
                block = 0;
                cycle++;
            }
        }
        // keep what the next block still needs
        long needed = cycle * cycleIn + blockFirstIn[block];
        int drop = (int) Math.max(0, Math.min(bufLen, needed - bufStart));
        if (drop > 0) {
            System.arraycopy(buf, drop * channels, buf, 0, (bufLen - drop) * channels);
            bufLen -= drop;
            bufStart += drop;
        }
        return n;
    }

    /**
     * The {@code nb} outputs of one block from mono input: {@code sums[j] = sum_k x[xOff + k] * m[k][j]}.
     * The inner loop is a scaled add of two arrays indexed alike, which C2 vectorizes.
     */
    static void block1(float[] x, int xOff, float[][] m, int nb, float[] sums) {
        Arrays.fill(sums, 0, nb, 0f);
        for (int k = 0; k < m.length; k++) {
            float v = x[xOff + k];
            float[] row = m[k];
            for (int j = 0; j < nb; j++) {
                sums[j] += row[j] * v;
            }
        }
    }

    /** As {@link #block1} for both channels of interleaved stereo (frame-aligned {@code xOff}). */
    static void block2(float[] x, int xOff, float[][] m, int nb, float[] s0, float[] s1) {
        Arrays.fill(s0, 0, nb, 0f);
        Arrays.fill(s1, 0, nb, 0f);
        for (int k = 0; k < m.length; k++) {
            float v0 = x[xOff + 2 * k];
            float v1 = x[xOff + 2 * k + 1];
            float[] row = m[k];
            for (int j = 0; j < nb; j++) {
                float c = row[j];
                s0[j] += c * v0;
                s1[j] += c * v1;
            }
        }
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
