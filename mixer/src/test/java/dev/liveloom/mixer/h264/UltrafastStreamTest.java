package dev.liveloom.mixer.h264;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.VideoEncoderConfig;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The streams of the fast search (ULTRAFAST, SUPERFAST) are pinned byte for byte: that level codes
 * P_L0_16x16 and P_Skip only, so work on the full level (partitions, searches) must not change
 * them.
 */
class UltrafastStreamTest {
    static String md5(
            VideoEncoderConfig.Preset preset, VideoEncoderConfig.Profile profile, String content, int slices, int qp)
            throws Exception {
        int w = 176;
        int h = 144;
        VideoEncoderConfig cfg = VideoEncoderConfig.builder(w, h)
                .constantQp(qp)
                .gop(30)
                .profile(profile)
                .slices(slices)
                .preset(preset)
                .build();
        MessageDigest md = MessageDigest.getInstance("MD5");
        try (H264Encoder enc = new H264Encoder(cfg)) {
            for (int t = 0; t < 10; t++) {
                EncodedFrame f = enc.encode(
                        content.equals("wave")
                                ? TestPictures.noisyWave(w, h, t, 3, 7)
                                : TestPictures.gradient(w, h, t, 4, 9));
                md.update(f.data());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @ParameterizedTest(name = "{0} {1} {2} slices {3} qp {4}")
    @CsvSource({
        "ULTRAFAST, BASELINE, wave, 1, 26, 6e185911c6b076309e0982e0b8a8ff90",
        "ULTRAFAST, MAIN, wave, 1, 26, 1b2172ca0b687d53ebacbdbc8722bbae",
        "ULTRAFAST, BASELINE, gradient, 3, 32, 37bad02c005b8019cf47b8759c45e72b",
        "ULTRAFAST, MAIN, gradient, 3, 32, 21bdcd2dec1ec29c6e32c17010391c7e",
        "ULTRAFAST, HIGH, wave, 2, 20, 0269359f0d00558f2e721e96035418cb",
        "SUPERFAST, BASELINE, wave, 1, 26, 410f9ac01e3a4d3b72fbe96038687fed",
        "SUPERFAST, MAIN, gradient, 3, 32, d2b8823b6a265192404acb22663d1253",
    })
    void fastSearchStreamsAreUnchanged(
            VideoEncoderConfig.Preset preset,
            VideoEncoderConfig.Profile profile,
            String content,
            int slices,
            int qp,
            String want)
            throws Exception {
        assertThat(md5(preset, profile, content, slices, qp)).isEqualTo(want);
    }
}
