package dev.liveloom.mixer.h264;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liveloom.mixer.VideoEncoderConfig;
import dev.liveloom.mixer.YuvFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bitrate over a 10 s synthetic sequence lands within 10 % of the configured rate. */
class RateControlTest {
    @ParameterizedTest(name = "{0} kbps {1}x{2} gop {3} {4}")
    @CsvSource({
        "300, 320, 180, 60, BASELINE",
        "1000, 640, 360, 60, BASELINE",
        "2500, 640, 360, 30, BASELINE",
        "6000, 640, 360, 60, BASELINE",
        "300, 320, 180, 60, MAIN",
        "2500, 640, 360, 30, HIGH"
    })
    void bitrateOverTenSecondsWithinTenPercent(int kbps, int w, int h, int gop, VideoEncoderConfig.Profile profile) {
        int fps = 30;
        VideoEncoderConfig cfg = VideoEncoderConfig.builder(w, h)
                .profile(profile)
                .bitrateKbps(kbps)
                .fps(fps)
                .gop(gop)
                .build();
        long bits = 0;
        int frames = 10 * fps;
        StringBuilder qps = new StringBuilder();
        try (H264Encoder enc = new H264Encoder(cfg)) {
            for (int t = 0; t < frames; t++) {
                YuvFrame f = TestPictures.noisyWave(w, h, t, 2, 7);
                bits += enc.encode(f).data().length * 8L;
                if (t % 30 == 0) {
                    qps.append(enc.lastQp()).append(' ');
                }
            }
        }
        double actualKbps = bits / 10.0 / 1000;
        double ratio = actualKbps / kbps;
        System.out.printf(
                "rate control: asked %d kbps at %dx%d, got %.1f kbps (%.3f), qp each second %s%n",
                kbps, w, h, actualKbps, ratio, qps);
        assertTrue(ratio > 0.9 && ratio < 1.1, "asked " + kbps + " kbps, got " + actualKbps + " (qp " + qps + ")");
    }
}
