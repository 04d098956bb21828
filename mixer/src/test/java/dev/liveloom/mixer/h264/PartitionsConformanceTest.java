package dev.liveloom.mixer.h264;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.VideoEncoderConfig;
import dev.liveloom.mixer.YuvFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inter partitions (P_L0_L0_16x8, P_L0_L0_8x16, P_8x8) at the full speed level: on content whose
 * motion changes inside macroblocks the encoder must choose each of them, and jcodec and ffmpeg
 * must decode the stream to exactly the encoder's reconstruction (vector prediction per partition,
 * mb_type / sub_mb_type / mvd syntax, the deblocking filter's inner edges).
 */
class PartitionsConformanceTest {
    /** Result of one encode: the decoder comparison input and the macroblock counts per type. */
    record Result(Decoders.Run run, int[] counts) {}

    static Result encode(
            VideoEncoderConfig.Profile profile,
            VideoEncoderConfig.Preset preset,
            int w,
            int h,
            int qp,
            int slices,
            int threads) {
        return encode(profile, preset, w, h, qp, slices, threads, 1);
    }

    /** {@code speed} multiplies the regions' velocities (large ones give large mvds). */
    static Result encode(
            VideoEncoderConfig.Profile profile,
            VideoEncoderConfig.Preset preset,
            int w,
            int h,
            int qp,
            int slices,
            int threads,
            int speed) {
        VideoEncoderConfig cfg = VideoEncoderConfig.builder(w, h)
                .constantQp(qp)
                .gop(8)
                .preset(preset)
                .profile(profile)
                .slices(slices)
                .threads(threads)
                .build();
        int[] counts = new int[7];
        List<YuvFrame> recon = new ArrayList<>();
        List<EncodedFrame> units = new ArrayList<>();
        try (H264Encoder enc = new H264Encoder(cfg)) {
            for (int t = 0; t < 10; t++) {
                units.add(enc.encode(TestPictures.regions(w, h, t, speed)));
                recon.add(enc.reconstruction());
                int[] st = enc.lastMbStats();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += st[i];
                }
            }
        }
        return new Result(new Decoders.Run(recon, units), counts);
    }

    private static void assertPartitionsChosen(Result r) {
        assertThat(r.counts()[4]).as("P_L0_L0_16x8 macroblocks").isPositive();
        assertThat(r.counts()[5]).as("P_L0_L0_8x16 macroblocks").isPositive();
        assertThat(r.counts()[6]).as("P_8x8 macroblocks").isPositive();
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} qp {4} slices {5} threads {6} speed {7}")
    @CsvSource({
        "BASELINE, MEDIUM, 176, 144, 26, 1, 1, 1",
        "MAIN, MEDIUM, 176, 144, 26, 1, 1, 1",
        "HIGH, VERYFAST, 176, 144, 30, 1, 1, 1",
        "BASELINE, MEDIUM, 120, 88, 20, 3, 2, 1",
        "MAIN, VERYFAST, 120, 88, 34, 4, 1, 1",
        "HIGH, MEDIUM, 98, 70, 40, 2, 2, 1",
        "MAIN, MEDIUM, 176, 144, 16, 1, 1, 6",
        "BASELINE, MEDIUM, 176, 144, 22, 2, 1, 6",
    })
    void partitionsAreChosenAndDecodeBitExactWithJcodec(
            VideoEncoderConfig.Profile profile,
            VideoEncoderConfig.Preset preset,
            int w,
            int h,
            int qp,
            int slices,
            int threads,
            int speed) {
        Result r = encode(profile, preset, w, h, qp, slices, threads, speed);
        assertPartitionsChosen(r);
        Decoders.assertJcodecMatches(r.run());
    }

    @Tag("interop")
    @ParameterizedTest(name = "{0} {1} {2}x{3} qp {4} slices {5} threads {6} speed {7}")
    @CsvSource({
        "BASELINE, MEDIUM, 176, 144, 26, 1, 1, 1",
        "MAIN, MEDIUM, 176, 144, 26, 1, 1, 1",
        "HIGH, VERYFAST, 176, 144, 30, 1, 1, 1",
        "BASELINE, MEDIUM, 120, 88, 20, 3, 2, 1",
        "MAIN, VERYFAST, 120, 88, 34, 4, 1, 1",
        "HIGH, MEDIUM, 98, 70, 40, 2, 2, 1",
        "MAIN, MEDIUM, 352, 288, 24, 1, 1, 1",
        "BASELINE, MEDIUM, 352, 288, 32, 5, 2, 1",
        "MAIN, MEDIUM, 176, 144, 16, 1, 1, 6",
        "HIGH, VERYFAST, 352, 288, 22, 3, 2, 6",
        "BASELINE, MEDIUM, 176, 144, 22, 2, 1, 6",
    })
    void partitionsAreChosenAndDecodeBitExactWithFfmpeg(
            VideoEncoderConfig.Profile profile,
            VideoEncoderConfig.Preset preset,
            int w,
            int h,
            int qp,
            int slices,
            int threads,
            int speed,
            @TempDir Path dir)
            throws Exception {
        Result r = encode(profile, preset, w, h, qp, slices, threads, speed);
        assertPartitionsChosen(r);
        Decoders.assertFfmpegMatches(r.run(), dir);
    }
}
