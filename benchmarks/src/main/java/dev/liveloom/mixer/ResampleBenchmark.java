package dev.liveloom.mixer;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Stereo 48 kHz to 44.1 kHz resampling. One operation converts one second of input, so the score in
 * ops/s is the speed in multiples of real time on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ResampleBenchmark {
    private static final int IN_RATE = 48000;

    private float[] in;
    private float[] out;
    private Resampler resampler;

    @Setup
    public void setup() {
        in = new float[2 * IN_RATE];
        for (int i = 0; i < IN_RATE; i++) {
            in[2 * i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / IN_RATE));
            in[2 * i + 1] = (float) (0.3 * Math.sin(2 * Math.PI * 1234 * i / IN_RATE));
        }
        resampler = Resampler.create(ResamplerConfig.builder()
                .inputRate(IN_RATE)
                .outputRate(44100)
                .inputChannels(2)
                .outputChannels(2)
                .build());
        out = new float[2 * resampler.maxOutputFrames(IN_RATE)];
    }

    @Benchmark
    public int resampleOneSecond() {
        return resampler.process(in, 0, IN_RATE, out, 0);
    }
}
