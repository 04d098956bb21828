package dev.liveloom.mixer.aac;

import dev.liveloom.mixer.AudioEncoder;
import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import dev.liveloom.mixer.aac.internal.AacConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.sourceforge.jaad.aac.Decoder;
import net.sourceforge.jaad.aac.SampleBuffer;

/** Signals, encode helpers, decoders (JAAD inside jcodec, ffmpeg) and spectrum measurement for tests. */
final class AacTestSupport {
    private AacTestSupport() {}

    static short[] sine(int rate, int channels, double hz, double amplitude, double seconds) {
        int n = (int) (rate * seconds);
        short[] pcm = new short[n * channels];
        for (int i = 0; i < n; i++) {
            short v = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                pcm[i * channels + c] = v;
            }
        }
        return pcm;
    }

    static short[] noise(int rate, int channels, double amplitude, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (rate * seconds);
        short[] pcm = new short[n * channels];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(r.nextGaussian() * amplitude * 32767)));
        }
        return pcm;
    }

    /**
     * A speech/music-like signal: a few harmonic voices with vibrato and syllable-rate envelopes, decaying
     * plucks every 250 ms (attacks for block switching), and a little noise; channels differ slightly.
     */
    static short[] musicLike(int rate, int channels, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (rate * seconds);
        short[] pcm = new short[n * channels];
        double[] f0 = {110, 220, 330, 196};
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double v = 0;
            for (int k = 0; k < f0.length; k++) {
                double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * (3 + k) * t * 0.7);
                double f = f0[k] * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t));
                for (int h = 1; h <= 8; h++) {
                    if (f * h < rate / 2.0) {
                        v += env * 0.05 / h * Math.sin(2 * Math.PI * f * h * t + k);
                    }
                }
            }
            double since = t % 0.25;
            v += 0.3 * Math.exp(-since * 30) * Math.sin(2 * Math.PI * 880 * t) * (since < 0.2 ? 1 : 0);
            double noise = r.nextGaussian() * 0.01;
            for (int c = 0; c < channels; c++) {
                double s = (v + noise) * (c == 0 ? 1 : 0.8) + (c == 1 ? 0.02 * Math.sin(2 * Math.PI * 1500 * t) : 0);
                pcm[i * channels + c] = (short) Math.max(-32768, Math.min(32767, Math.round(s * 32767)));
            }
        }
        return pcm;
    }

    static List<EncodedAudioFrame> encode(AudioEncoderConfig config, short[] pcm, int chunk) {
        List<EncodedAudioFrame> frames = new ArrayList<>();
        try (AudioEncoder enc = AudioEncoder.aacLc(config)) {
            int ch = config.channels();
            int total = pcm.length / ch;
            for (int pos = 0; pos < total; pos += chunk) {
                int n = Math.min(chunk, total - pos);
                enc.encode(pcm, pos * ch, n);
                for (EncodedAudioFrame f; (f = enc.poll()) != null; ) {
                    frames.add(f);
                }
            }
            enc.flush();
            for (EncodedAudioFrame f; (f = enc.poll()) != null; ) {
                frames.add(f);
            }
        }
        return frames;
    }

    static byte[] adts(AudioEncoderConfig config, List<EncodedAudioFrame> frames) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] header = new byte[AacConfigs.ADTS_HEADER_SIZE];
        for (EncodedAudioFrame f : frames) {
            AacConfigs.writeAdtsHeader(header, 0, config.sampleRate(), config.channels(), f.data().length);
            bos.writeBytes(header);
            bos.writeBytes(f.data());
        }
        return bos.toByteArray();
    }

    /** Decodes raw frames with JAAD (jcodec's AAC decoder); drops the first (priming) frame. */
    static short[] decodeJaad(byte[] asc, List<EncodedAudioFrame> frames) throws IOException {
        Decoder dec = new Decoder(asc);
        SampleBuffer buf = new SampleBuffer();
        buf.setBigEndian(false);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (EncodedAudioFrame f : frames) {
            dec.decodeFrame(f.data(), buf);
            bos.writeBytes(buf.getData());
        }
        return dropFrames(
                toShorts(bos.toByteArray()),
                1024 * dec.getConfig().getChannelConfiguration().getChannelCount());
    }

    /** Decodes an ADTS stream with ffmpeg -xerror to interleaved s16; drops the priming frame. */
    static short[] decodeFfmpeg(byte[] adts, int channels, Path dir) throws IOException, InterruptedException {
        Path in = dir.resolve("in.aac");
        Files.write(in, adts);
        Process p = new ProcessBuilder(
                        "ffmpeg",
                        "-v",
                        "error",
                        "-xerror",
                        "-i",
                        in.toString(),
                        "-f",
                        "s16le",
                        "-ac",
                        Integer.toString(channels),
                        "-")
                .start();
        byte[] pcm;
        try (InputStream is = p.getInputStream()) {
            pcm = is.readAllBytes();
        }
        String err = new String(p.getErrorStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0 || !err.isBlank()) {
            throw new AssertionError("ffmpeg failed (" + rc + "): " + err);
        }
        // ffmpeg's ADTS decoding keeps the priming frame too
        return dropFrames(toShorts(pcm), 1024 * channels);
    }

    private static short[] dropFrames(short[] s, int n) {
        short[] out = new short[Math.max(0, s.length - n)];
        System.arraycopy(s, Math.min(n, s.length), out, 0, out.length);
        return out;
    }

    static short[] toShorts(byte[] b) {
        short[] s = new short[b.length / 2];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    /** One channel of interleaved PCM as doubles in [-1, 1). */
    static double[] channel(short[] pcm, int channels, int c, int from, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = pcm[(from + i) * channels + c] / 32768.0;
        }
        return out;
    }

    static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    /** Frequency of the largest bin of a Hann-windowed DFT of x (power-of-two length), with parabolic refinement. */
    static double peakHz(double[] x, int rate) {
        int n = x.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        new dev.liveloom.mixer.aac.internal.Fft(n).transform(re, im);
        int best = 1;
        double[] mag = new double[n / 2];
        for (int k = 1; k < n / 2; k++) {
            mag[k] = Math.hypot(re[k], im[k]);
            if (mag[k] > mag[best]) {
                best = k;
            }
        }
        double a = Math.log(mag[best - 1] + 1e-30);
        double b = Math.log(mag[best] + 1e-30);
        double c = Math.log(mag[Math.min(best + 1, n / 2 - 1)] + 1e-30);
        double delta = 0.5 * (a - c) / (a - 2 * b + c);
        return (best + delta) * rate / n;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
