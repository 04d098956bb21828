package dev.liveloom.mixer.audio;

import static org.junit.jupiter.api.Assertions.*;

import dev.liveloom.mixer.Resampler;
import dev.liveloom.mixer.ResamplerConfig;
import dev.liveloom.mixer.aac.internal.Fft;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {
    private static final int[] RATES = {8000, 16000, 22050, 32000, 44100, 48000};

    /** Every pair of the main rates, and the other AAC rates (11.025, 12, 24 kHz) to and from a few. */
    static Stream<Arguments> pairs() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int in : RATES) {
            for (int out : RATES) {
                if (in != out) {
                    b.add(Arguments.of(in, out));
                }
            }
        }
        for (int odd : new int[] {11025, 12000, 24000}) {
            for (int other : new int[] {8000, 44100, 48000}) {
                b.add(Arguments.of(odd, other));
                b.add(Arguments.of(other, odd));
            }
        }
        return b.build();
    }

    private static Resampler mono(int in, int out) {
        return Resampler.create(ResamplerConfig.builder()
                .inputRate(in)
                .outputRate(out)
                .inputChannels(1)
                .outputChannels(1)
                .build());
    }

    private static float[] tone(int rate, double hz, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Resamples all of x at once, flushed. */
    private static float[] run(Resampler r, float[] x, int channels) {
        int frames = x.length / channels;
        int oc = r.config().outputChannels();
        float[] out = new float[(r.maxOutputFrames(frames) + r.maxOutputFrames(0)) * oc];
        int n = r.process(x, 0, frames, out, 0);
        n += r.flush(out, n * oc);
        return Arrays.copyOf(out, n * oc);
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    /** Level in dB (relative to the input tone) of the output after the filter has settled. */
    private static double levelDb(float[] y, int out) {
        return 20 * Math.log10(rms(y, out / 10, out * 9 / 10) / (0.5 / Math.sqrt(2)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void passbandFlatWithinTenthDbToNinetyPercentOfNyquist(int in, int out) {
        double nyquist = Math.min(in, out) / 2.0;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double rel = 0.01; rel < 0.9001; rel += 0.0445) {
            double hz = rel * nyquist;
            float[] y = run(mono(in, out), tone(in, hz, in), 1);
            assertEquals(out, y.length, "output length");
            double gainDb = levelDb(y, out);
            assertEquals(0, gainDb, 0.1, hz + " Hz");
            lo = Math.min(lo, gainDb);
            hi = Math.max(hi, gainDb);
        }
        // the band edge itself
        double gainDb = levelDb(run(mono(in, out), tone(in, 0.9 * nyquist, in), 1), out);
        lo = Math.min(lo, gainDb);
        hi = Math.max(hi, gainDb);
        assertTrue(hi - lo < 0.1, "ripple " + (hi - lo) + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void aliasesAndImagesBelowMinus90Db(int in, int out) {
        if (in > out) {
            // every tone the output cannot carry, from just above its Nyquist to the input Nyquist, must vanish
            double outNyquist = out / 2.0;
            double inNyquist = in / 2.0;
            double[] rels = {0.002, 0.01, 0.03, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};
            for (double rel : rels) {
                double hz = outNyquist + 50 + rel * (inNyquist - outNyquist - 100);
                float[] y = run(mono(in, out), tone(in, hz, in), 1);
                double db = levelDb(y, out);
                assertTrue(db < -90, hz + " Hz leaks at " + db + " dB");
            }
        } else {
            // images of tones up to just below the input Nyquist must stay below -90 dB above it
            for (double rel : new double[] {0.1, 0.5, 0.9, 0.95, 0.99}) {
                double hz = rel * in / 2.0;
                float[] y = run(mono(in, out), tone(in, hz, 2 * in), 1);
                double[] power = spectrum(y, out / 10, 16384);
                double image = 0;
                for (int k = 0; k < power.length; k++) {
                    double f = (double) k * out / 16384;
                    // above the input Nyquist, clear of the tone's own window main lobe
                    if (f > in / 2.0 && Math.abs(f - hz) > 8.0 * out / 16384) {
                        image += power[k];
                    }
                }
                // a full-scale-relative reference: the window's power for the input tone's amplitude
                double reference = reference(16384);
                double db = 10 * Math.log10(image / reference);
                assertTrue(db < -90, "images of " + hz + " Hz at " + db + " dB");
            }
        }
    }

    /** Total spectrum power of the input tone (amplitude 0.5) as {@link #spectrum} measures it. */
    private static double reference(int n) {
        double beta = 20;
        double w2 = 0;
        for (int i = 0; i < n; i++) {
            double r = 2.0 * i / (n - 1) - 1;
            double w = i0(beta * Math.sqrt(1 - r * r)) / i0(beta);
            w2 += w * w;
        }
        // a sine of amplitude a puts a^2 * n * sum(w^2) / 4 into its positive-frequency bins
        return 0.25 * 0.25 * n * w2;
    }

    /** Power spectrum with a Kaiser (beta 20) window, whose sidelobes lie far below -90 dB. */
    private static double[] spectrum(float[] y, int from, int n) {
        double[] re = new double[n];
        double[] im = new double[n];
        double beta = 20;
        for (int i = 0; i < n; i++) {
            double r = 2.0 * i / (n - 1) - 1;
            re[i] = y[from + i] * i0(beta * Math.sqrt(1 - r * r)) / i0(beta);
        }
        new Fft(n).transform(re, im);
        double[] p = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            p[k] = re[k] * re[k] + im[k] * im[k];
        }
        return p;
    }

    private static double i0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 200; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    @Test
    void outputHasNoDelay() {
        float[] y = run(mono(48000, 44100), tone(48000, 1000, 48000), 1);
        for (int i = 4410; i < 4510; i++) {
            assertEquals(0.5 * Math.sin(2 * Math.PI * 1000 * i / 44100), y[i], 1e-3, "sample " + i);
        }
    }

    @Test
    void chunkedEqualsOneShotForFloatAndShort() {
        ResamplerConfig cfg = ResamplerConfig.builder()
                .inputRate(44100)
                .outputRate(48000)
                .inputChannels(2)
                .outputChannels(2)
                .build();
        Random rnd = new Random(3);
        float[] x = new float[2 * 30000];
        short[] xs = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.2);
            xs[i] = (short) Math.round(x[i] * 32767);
        }
        float[] whole = run(Resampler.create(cfg), x, 2);

        Resampler r = Resampler.create(cfg);
        float[] chunked = new float[whole.length + 64];
        short[] shorts = new short[whole.length + 64];
        Resampler rs = Resampler.create(cfg);
        int n = 0;
        int ns = 0;
        int pos = 0;
        while (pos < 30000) {
            int len = Math.min(30000 - pos, 1 + rnd.nextInt(700));
            float[] o = new float[r.maxOutputFrames(len) * 2];
            int got = r.process(x, pos * 2, len, o, 0);
            System.arraycopy(o, 0, chunked, n * 2, got * 2);
            n += got;
            short[] os = new short[rs.maxOutputFrames(len) * 2];
            int gs = rs.process(xs, pos * 2, len, os, 0);
            System.arraycopy(os, 0, shorts, ns * 2, gs * 2);
            ns += gs;
            pos += len;
        }
        float[] tail = new float[r.maxOutputFrames(0) * 2];
        int t = r.flush(tail, 0);
        System.arraycopy(tail, 0, chunked, n * 2, t * 2);
        n += t;
        assertEquals(whole.length / 2, n);
        assertArrayEquals(whole, Arrays.copyOf(chunked, n * 2));
        assertEquals(32654, n); // ceil(30000 * 48000 / 44100)
        for (int i = 0; i < ns * 2; i++) {
            assertEquals(whole[i] * 32768, shorts[i], 2.5, "short sample " + i);
        }
    }

    @ParameterizedTest(name = "{0} x{2} -> {1} x{3}")
    @CsvSource({
        "48000, 8000, 2, 1",
        "8000, 44100, 1, 2",
        "48000, 44100, 2, 2",
        "22050, 16000, 1, 1",
        "16000, 48000, 2, 2"
    })
    void chunkedEqualsOneShotForEveryLayout(int inRate, int outRate, int ic, int oc) {
        ResamplerConfig cfg = ResamplerConfig.builder()
                .inputRate(inRate)
                .outputRate(outRate)
                .inputChannels(ic)
                .outputChannels(oc)
                .build();
        Random rnd = new Random(inRate + outRate);
        int frames = 20000;
        float[] x = new float[ic * frames];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.2);
        }
        float[] whole = run(Resampler.create(cfg), x, ic);
        assertEquals(((long) frames * outRate + inRate - 1) / inRate, whole.length / oc);
        Resampler r = Resampler.create(cfg);
        float[] chunked = new float[whole.length];
        int n = 0;
        int pos = 0;
        while (pos < frames) {
            int len = Math.min(frames - pos, rnd.nextInt(4) == 0 ? rnd.nextInt(5) : 1 + rnd.nextInt(1500));
            float[] o = new float[r.maxOutputFrames(len) * oc];
            int got = r.process(x, pos * ic, len, o, 0);
            assertTrue(n + got <= whole.length / oc, "more output than one-shot");
            System.arraycopy(o, 0, chunked, n * oc, got * oc);
            n += got;
            pos += len;
        }
        float[] tail = new float[r.maxOutputFrames(0) * oc];
        int t = r.flush(tail, 0);
        System.arraycopy(tail, 0, chunked, n * oc, t * oc);
        assertEquals(whole.length / oc, n + t);
        assertArrayEquals(whole, chunked);
    }

    @Test
    void monoToStereoDuplicatesAndStereoToMonoAverages() {
        float[] mono = tone(16000, 440, 16000);
        Resampler up = Resampler.create(ResamplerConfig.builder()
                .inputRate(16000)
                .outputRate(48000)
                .inputChannels(1)
                .outputChannels(2)
                .build());
        float[] st = run(up, mono, 1);
        assertEquals(2 * 48000, st.length);
        for (int i = 0; i < st.length; i += 2) {
            assertEquals(st[i], st[i + 1]);
        }
        float[] stereo = new float[2 * 16000];
        for (int i = 0; i < 16000; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = 0;
        }
        Resampler down = Resampler.create(ResamplerConfig.builder()
                .inputRate(16000)
                .outputRate(16000)
                .inputChannels(2)
                .outputChannels(1)
                .build());
        float[] m = run(down, stereo, 2);
        assertEquals(16000, m.length);
        assertEquals(0.5 * rms(mono, 1600, 14400), rms(m, 1600, 14400), 1e-4);
    }

    @Test
    void tooSmallOutputIsRefusedBeforeAnyState() {
        Resampler r = mono(8000, 48000);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> r.process(new float[100], 0, 100, new float[10], 0));
        assertEquals(
                "output has room for 10 samples, needs " + r.maxOutputFrames(100) + " for 100 input frames",
                e.getMessage());
    }

    @Test
    void configRejectsUnsupportedValues() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ResamplerConfig.builder().inputRate(96000).build());
        assertEquals(
                "input rate 96000 Hz not supported: allowed 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ResamplerConfig.builder().outputChannels(3).build());
    }
}
