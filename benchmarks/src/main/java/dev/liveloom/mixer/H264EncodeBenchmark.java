package dev.liveloom.mixer;

import dev.liveloom.mixer.h264.H264Encoder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Our H.264 encoder on one thread: frames per second (ops/s) for 720p30 at 2500 kbps, GOP 60,
 * content with smooth sub-sample motion plus light noise. Frames are made in setup and cycled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class H264EncodeBenchmark {
    @Param({"1280x720"})
    public String size;

    @Param({"ULTRAFAST"})
    public String preset;

    private YuvFrame[] frames;
    private H264Encoder encoder;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        int w = Integer.parseInt(size.substring(0, size.indexOf('x')));
        int h = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        frames = new YuvFrame[60];
        for (int t = 0; t < frames.length; t++) {
            frames[t] = movingPicture(w, h, t);
        }
        encoder = new H264Encoder(VideoEncoderConfig.builder(w, h)
                .fps(30)
                .bitrateKbps(2500)
                .gop(60)
                .preset(VideoEncoderConfig.Preset.valueOf(preset))
                .build());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
    }

    @Benchmark
    public int encodeFrame() {
        EncodedFrame f = encoder.encode(frames[next]);
        next = (next + 1) % frames.length;
        return f.data().length;
    }

    /** Waves moving by (0.75, 0.25) samples per frame with noise of amplitude 2. */
    static YuvFrame movingPicture(int w, int h, int t) {
        YuvFrame f = YuvFrame.allocate(w, h);
        Random r = new Random(t);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double xs = x - t * 0.75;
                double ys = y - t * 0.25;
                double v = 128
                        + 60 * Math.sin(xs / 9.0)
                        + 40 * Math.cos(ys / 13.0)
                        + 20 * Math.sin((xs + ys) / 5.0)
                        + r.nextInt(5)
                        - 2;
                f.y()[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        for (int y = 0; y < f.chromaHeight(); y++) {
            for (int x = 0; x < f.chromaWidth(); x++) {
                f.u()[y * f.uStride() + x] = (byte) Math.round(128 + 50 * Math.sin((x - t * 0.375) / 6.0));
                f.v()[y * f.vStride() + x] = (byte) Math.round(128 + 50 * Math.cos((y - t * 0.125) / 4.0));
            }
        }
        return f;
    }
}
