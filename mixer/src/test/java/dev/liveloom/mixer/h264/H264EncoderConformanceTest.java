package dev.liveloom.mixer.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liveloom.mixer.VideoEncoderConfig;
import dev.liveloom.mixer.YuvFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bit-exactness: what jcodec's and ffmpeg's decoders output must equal the encoder's own
 * reconstruction sample for sample, at several sizes, contents and QPs.
 */
class H264EncoderConformanceTest {
    static List<YuvFrame> sequence(String content, int w, int h, int n) {
        List<YuvFrame> frames = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            frames.add(
                    switch (content) {
                        case "noise" -> TestPictures.noise(w, h, t);
                        case "flat" -> TestPictures.flat(w, h, 16 + t * 40, 128 - t, 200);
                        case "wave" -> TestPictures.wave(w, h, t);
                        default -> TestPictures.gradient(w, h, t, 6, 1);
                    });
        }
        return frames;
    }

    static Decoders.Run run(
            String content, int w, int h, int qp, int gop, int frames, VideoEncoderConfig.Preset preset) {
        return run(content, w, h, qp, gop, frames, preset, true);
    }

    static Decoders.Run run(
            String content,
            int w,
            int h,
            int qp,
            int gop,
            int frames,
            VideoEncoderConfig.Preset preset,
            boolean deblock) {
        return run(content, w, h, qp, gop, frames, preset, deblock, VideoEncoderConfig.Profile.BASELINE);
    }

    static Decoders.Run run(
            String content,
            int w,
            int h,
            int qp,
            int gop,
            int frames,
            VideoEncoderConfig.Preset preset,
            boolean deblock,
            VideoEncoderConfig.Profile profile) {
        VideoEncoderConfig cfg = VideoEncoderConfig.builder(w, h)
                .constantQp(qp)
                .gop(gop)
                .preset(preset)
                .profile(profile)
                .build();
        try (H264Encoder enc = new H264Encoder(cfg)) {
            enc.setDeblocking(deblock);
            return Decoders.encode(enc, sequence(content, w, h, frames));
        }
    }

    /** Intra-only cases, decoded by jcodec and by ffmpeg: content, width, height, QP. */
    static Stream<Arguments> intraCases() {
        return Stream.of(
                Arguments.of("gradient", 64, 48, 26),
                Arguments.of("gradient", 642, 362, 30),
                Arguments.of("gradient", 2, 2, 20),
                Arguments.of("noise", 48, 32, 0),
                Arguments.of("noise", 48, 32, 51),
                Arguments.of("flat", 33, 17, 10),
                Arguments.of("gradient", 176, 144, 0),
                Arguments.of("gradient", 176, 144, 51));
    }

    @ParameterizedTest(name = "{0} {1}x{2} qp {3}")
    @MethodSource("intraCases")
    void intraPicturesDecodeBitExactWithJcodec(String content, int w, int h, int qp) {
        Decoders.Run r = run(content, w, h, qp, 1, 3, VideoEncoderConfig.Preset.MEDIUM);
        Decoders.assertJcodecMatches(r);
    }

    @Tag("interop")
    @ParameterizedTest(name = "{0} {1}x{2} qp {3}")
    @MethodSource("intraCases")
    void intraPicturesDecodeBitExactWithFfmpeg(String content, int w, int h, int qp, @TempDir Path dir)
            throws Exception {
        Decoders.Run r = run(content, w, h, qp, 1, 3, VideoEncoderConfig.Preset.MEDIUM);
        Decoders.assertFfmpegMatches(r, dir);
    }

    @ParameterizedTest(name = "{0} {1}x{2} qp {3} {4}")
    @CsvSource({
        "gradient, 64, 48, 26, MEDIUM",
        "gradient, 176, 144, 30, ULTRAFAST",
        "gradient, 50, 34, 0, MEDIUM",
        "noise, 48, 32, 51, ULTRAFAST",
        "noise, 48, 32, 20, MEDIUM",
        "flat, 33, 17, 40, ULTRAFAST",
        "wave, 96, 64, 24, MEDIUM",
        "wave, 100, 70, 34, ULTRAFAST",
        "wave, 176, 144, 45, ULTRAFAST",
    })
    void predictedPicturesDecodeBitExactWithJcodec(
            String content, int w, int h, int qp, VideoEncoderConfig.Preset preset) {
        Decoders.Run r = run(content, w, h, qp, 60, 8, preset);
        Decoders.assertJcodecMatches(r);
    }

    @Tag("interop")
    @ParameterizedTest(name = "{0} {1}x{2} qp {3} {4}")
    @CsvSource({
        "gradient, 64, 48, 26, MEDIUM",
        "gradient, 176, 144, 30, ULTRAFAST",
        "gradient, 642, 362, 36, ULTRAFAST",
        "gradient, 50, 34, 0, MEDIUM",
        "gradient, 2, 2, 20, MEDIUM",
        "noise, 48, 32, 51, ULTRAFAST",
        "noise, 48, 32, 20, MEDIUM",
        "flat, 33, 17, 40, ULTRAFAST",
        "wave, 96, 64, 24, MEDIUM",
        "wave, 100, 70, 34, ULTRAFAST",
        "wave, 176, 144, 45, ULTRAFAST",
    })
    void predictedPicturesDecodeBitExactWithFfmpeg(
            String content, int w, int h, int qp, VideoEncoderConfig.Preset preset, @TempDir Path dir)
            throws Exception {
        Decoders.Run r = run(content, w, h, qp, 5, 12, preset);
        Decoders.assertFfmpegMatches(r, dir);
    }

    /** With disable_deblocking_filter_idc 1 (jcodec 0.2.5 ignores that flag, so ffmpeg only). */
    @Tag("interop")
    @ParameterizedTest(name = "{0} {1}x{2} qp {3}")
    @CsvSource({"wave, 96, 64, 30", "gradient, 642, 362, 36", "noise, 48, 32, 45"})
    void deblockingOffDecodesBitExactWithFfmpeg(String content, int w, int h, int qp, @TempDir Path dir)
            throws Exception {
        Decoders.Run r = run(content, w, h, qp, 4, 8, VideoEncoderConfig.Preset.MEDIUM, false);
        Decoders.assertFfmpegMatches(r, dir);
    }

    /** Seeded random sizes (1..80 per side), QPs, presets and contents, decoded by jcodec. */
    @Test
    void randomSizesAndQpsDecodeBitExactWithJcodec() throws Exception {
        randomCases(20261123, 40, 80, false, Decoders::assertJcodecMatches);
    }

    /** The same kind of seeded random cases, decoded by ffmpeg. */
    @Tag("interop")
    @Test
    void randomSizesAndQpsDecodeBitExactWithFfmpeg(@TempDir Path dir) throws Exception {
        randomCases(1123, 20, 100, false, run -> Decoders.assertFfmpegMatches(run, dir));
    }

    /** CABAC (Main and High): intra and predicted pictures, both decoders. */
    @ParameterizedTest(name = "{5} {0} {1}x{2} qp {3} {4}")
    @CsvSource({
        "gradient, 64, 48, 26, MEDIUM, MAIN",
        "gradient, 176, 144, 30, ULTRAFAST, MAIN",
        "gradient, 50, 34, 0, MEDIUM, HIGH",
        "noise, 48, 32, 51, ULTRAFAST, MAIN",
        "noise, 48, 32, 20, MEDIUM, HIGH",
        "noise, 48, 32, 0, MEDIUM, MAIN",
        "flat, 33, 17, 40, ULTRAFAST, MAIN",
        "wave, 96, 64, 24, MEDIUM, MAIN",
        "wave, 100, 70, 34, ULTRAFAST, HIGH",
        "wave, 176, 144, 45, ULTRAFAST, MAIN",
        "gradient, 2, 2, 20, MEDIUM, MAIN",
    })
    void cabacPicturesDecodeBitExactWithJcodec(
            String content,
            int w,
            int h,
            int qp,
            VideoEncoderConfig.Preset preset,
            VideoEncoderConfig.Profile profile) {
        Decoders.Run r = run(content, w, h, qp, 5, 12, preset, true, profile);
        Decoders.assertJcodecMatches(r);
    }

    @Tag("interop")
    @ParameterizedTest(name = "{5} {0} {1}x{2} qp {3} {4}")
    @CsvSource({
        "gradient, 64, 48, 26, MEDIUM, MAIN",
        "gradient, 176, 144, 30, ULTRAFAST, MAIN",
        "gradient, 642, 362, 36, ULTRAFAST, HIGH",
        "gradient, 642, 362, 22, MEDIUM, MAIN",
        "gradient, 50, 34, 0, MEDIUM, HIGH",
        "gradient, 2, 2, 20, MEDIUM, MAIN",
        "noise, 48, 32, 51, ULTRAFAST, MAIN",
        "noise, 48, 32, 20, MEDIUM, HIGH",
        "noise, 48, 32, 0, MEDIUM, MAIN",
        "flat, 33, 17, 40, ULTRAFAST, MAIN",
        "wave, 96, 64, 24, MEDIUM, MAIN",
        "wave, 100, 70, 34, ULTRAFAST, HIGH",
        "wave, 176, 144, 45, ULTRAFAST, MAIN",
    })
    void cabacPicturesDecodeBitExactWithFfmpeg(
            String content,
            int w,
            int h,
            int qp,
            VideoEncoderConfig.Preset preset,
            VideoEncoderConfig.Profile profile,
            @TempDir Path dir)
            throws Exception {
        Decoders.Run r = run(content, w, h, qp, 5, 12, preset, true, profile);
        Decoders.assertFfmpegMatches(r, dir);
    }

    /** Seeded random sizes, QPs, presets and contents with CABAC, decoded by ffmpeg. */
    @Tag("interop")
    @Test
    void randomCabacCasesDecodeBitExactWithFfmpeg(@TempDir Path dir) throws Exception {
        randomCases(77100, 20, 100, true, run -> Decoders.assertFfmpegMatches(run, dir));
    }

    /** A decoder's check of an encoded run. */
    interface Check {
        void accept(Decoders.Run run) throws Exception;
    }

    /**
     * {@code n} seeded random cases (sizes 1..maxSide per side, QPs, presets, contents, GOPs of 1
     * to 4; with {@code cabac} Main or High, else Baseline), each encoded and checked; a failure
     * names its case.
     */
    private static void randomCases(long seed, int n, int maxSide, boolean cabac, Check check) throws Exception {
        java.util.Random r = new java.util.Random(seed);
        String[] contents = {"gradient", "noise", "flat", "wave"};
        for (int i = 0; i < n; i++) {
            int w = 1 + r.nextInt(maxSide);
            int h = 1 + r.nextInt(maxSide);
            int qp = r.nextInt(52);
            String content = contents[r.nextInt(contents.length)];
            VideoEncoderConfig.Preset preset =
                    r.nextBoolean() ? VideoEncoderConfig.Preset.ULTRAFAST : VideoEncoderConfig.Preset.MEDIUM;
            VideoEncoderConfig.Profile profile = !cabac
                    ? VideoEncoderConfig.Profile.BASELINE
                    : r.nextBoolean() ? VideoEncoderConfig.Profile.MAIN : VideoEncoderConfig.Profile.HIGH;
            Decoders.Run run = run(content, w, h, qp, 1 + r.nextInt(4), 5, preset, true, profile);
            try {
                check.accept(run);
            } catch (AssertionError e) {
                throw new AssertionError(
                        profile + " " + content + " " + w + "x" + h + " qp " + qp + " " + preset + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    static Decoders.Run runSliced(
            String content,
            int w,
            int h,
            int qp,
            VideoEncoderConfig.Preset preset,
            VideoEncoderConfig.Profile profile,
            int slices,
            int threads) {
        VideoEncoderConfig cfg = VideoEncoderConfig.builder(w, h)
                .constantQp(qp)
                .gop(5)
                .preset(preset)
                .profile(profile)
                .slices(slices)
                .threads(threads)
                .build();
        try (H264Encoder enc = new H264Encoder(cfg)) {
            return Decoders.encode(enc, sequence(content, w, h, 12));
        }
    }

    /**
     * Slices and threads: intra and motion prediction stay inside a slice, deblocking crosses. (jcodec
     * 0.2.5 ignores disable_deblocking_filter_idc, so its rows take SUPERFAST, the fast search with
     * the loop filter; the ffmpeg rows take ULTRAFAST, without it.)
     */
    @ParameterizedTest(name = "{5} {0} {1}x{2} qp {3} {4} slices {6} threads {7}")
    @CsvSource({
        "wave, 96, 64, 24, MEDIUM, BASELINE, 2, 1",
        "wave, 96, 64, 24, MEDIUM, MAIN, 4, 2",
        "gradient, 176, 144, 30, SUPERFAST, BASELINE, 3, 3",
        "noise, 48, 32, 20, MEDIUM, HIGH, 2, 2",
        "wave, 100, 70, 34, SUPERFAST, MAIN, 5, 1",
        "gradient, 64, 48, 26, MEDIUM, BASELINE, 64, 4",
    })
    void slicedPicturesDecodeBitExactWithJcodec(
            String content,
            int w,
            int h,
            int qp,
            VideoEncoderConfig.Preset preset,
            VideoEncoderConfig.Profile profile,
            int slices,
            int threads) {
        Decoders.assertJcodecMatches(runSliced(content, w, h, qp, preset, profile, slices, threads));
    }

    @Tag("interop")
    @ParameterizedTest(name = "{5} {0} {1}x{2} qp {3} {4} slices {6} threads {7}")
    @CsvSource({
        "wave, 96, 64, 24, MEDIUM, BASELINE, 2, 1",
        "wave, 96, 64, 24, MEDIUM, MAIN, 4, 2",
        "gradient, 176, 144, 30, ULTRAFAST, BASELINE, 3, 3",
        "gradient, 642, 362, 30, ULTRAFAST, MAIN, 4, 2",
        "gradient, 642, 362, 24, MEDIUM, HIGH, 3, 2",
        "noise, 48, 32, 20, MEDIUM, HIGH, 2, 2",
        "wave, 100, 70, 34, ULTRAFAST, MAIN, 5, 1",
        "wave, 176, 144, 40, ULTRAFAST, BASELINE, 9, 2",
        "gradient, 64, 48, 26, MEDIUM, BASELINE, 64, 4",
    })
    void slicedPicturesDecodeBitExactWithFfmpeg(
            String content,
            int w,
            int h,
            int qp,
            VideoEncoderConfig.Preset preset,
            VideoEncoderConfig.Profile profile,
            int slices,
            int threads,
            @TempDir Path dir)
            throws Exception {
        Decoders.assertFfmpegMatches(runSliced(content, w, h, qp, preset, profile, slices, threads), dir);
    }

    @Test
    void reconstructionIsCloseToSourceAtLowQp() {
        List<YuvFrame> src = sequence("gradient", 64, 48, 1);
        Decoders.Run r = run("gradient", 64, 48, 10, 1, 1, VideoEncoderConfig.Preset.MEDIUM);
        double psnr = Decoders.psnr(src.get(0), r.recon().get(0));
        assertTrue(psnr > 45, "PSNR " + psnr);
        assertEquals(true, r.units().get(0).keyframe());
    }
}
