package dev.liveloom.mixer;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * AAC-LC encoding of 44.1 kHz stereo at 128 kbps. One operation encodes one second of a
 * speech/music-like signal, so the score in ops/s is the speed in multiples of real time on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class AacEncodeBenchmark {
    private static final int RATE = 44100;

    private short[] pcm;
    private AudioEncoder encoder;

    @Setup
    public void setup() {
        pcm = signal(RATE, 1.0);
        encoder = AudioEncoder.aacLc(AudioEncoderConfig.builder()
                .sampleRate(RATE)
                .channels(2)
                .bitrateKbps(128)
                .build());
    }

    @TearDown
    public void tearDown() {
        encoder.close();
    }

    @Benchmark
    public void encodeOneSecond(Blackhole bh) {
        encoder.encode(pcm, 0, RATE);
        for (EncodedAudioFrame f; (f = encoder.poll()) != null; ) {
            bh.consume(f);
        }
    }

    /** Harmonic voices with vibrato, plucked attacks and a little noise; the two channels differ. */
    static short[] signal(int rate, double seconds) {
        Random r = new Random(1);
        int n = (int) (rate * seconds);
        short[] out = new short[2 * n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double v = 0;
            for (int h = 1; h <= 10; h++) {
                v += 0.08 / h * Math.sin(2 * Math.PI * 196 * h * t * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t)));
            }
            double since = t % 0.25;
            v += 0.3 * Math.exp(-since * 30) * Math.sin(2 * Math.PI * 880 * t);
            v += 0.01 * r.nextGaussian();
            out[2 * i] = (short) Math.round(v * 30000);
            out[2 * i + 1] = (short) Math.round((0.8 * v + 0.02 * Math.sin(2 * Math.PI * 1500 * t)) * 30000);
        }
        return out;
    }
}
