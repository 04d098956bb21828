package dev.liveloom.mixer.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.VideoEncoderConfig;
import dev.liveloom.mixer.YuvFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CABAC codes the same macroblock decisions as CAVLC: at a fixed QP the reconstructions are
 * identical and only the size differs.
 */
class CabacTest {
    static List<YuvFrame> frames(int w, int h, int n) {
        List<YuvFrame> f = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            f.add(TestPictures.noisyWave(w, h, t, 3, 7 + t));
        }
        return f;
    }

    static Decoders.Run encode(VideoEncoderConfig.Profile profile, int qp, VideoEncoderConfig.Preset preset) {
        VideoEncoderConfig cfg = VideoEncoderConfig.builder(176, 144)
                .constantQp(qp)
                .gop(10)
                .preset(preset)
                .profile(profile)
                .build();
        try (H264Encoder enc = new H264Encoder(cfg)) {
            return Decoders.encode(enc, frames(176, 144, 12));
        }
    }

    static long bytes(Decoders.Run r) {
        long n = 0;
        for (EncodedFrame f : r.units()) {
            n += f.data().length;
        }
        return n;
    }

    @ParameterizedTest(name = "qp {0} {1}")
    @CsvSource({"22, MEDIUM", "30, ULTRAFAST", "38, MEDIUM"})
    void sameDecisionsFewerBits(int qp, VideoEncoderConfig.Preset preset) {
        Decoders.Run cavlc = encode(VideoEncoderConfig.Profile.BASELINE, qp, preset);
        Decoders.Run main = encode(VideoEncoderConfig.Profile.MAIN, qp, preset);
        Decoders.Run high = encode(VideoEncoderConfig.Profile.HIGH, qp, preset);
        assertEquals(cavlc.recon().size(), main.recon().size());
        for (int i = 0; i < cavlc.recon().size(); i++) {
            YuvFrame a = cavlc.recon().get(i);
            YuvFrame b = main.recon().get(i);
            assertArrayEquals(a.y(), b.y(), "luma of picture " + i);
            assertArrayEquals(a.u(), b.u(), "Cb of picture " + i);
            assertArrayEquals(a.v(), b.v(), "Cr of picture " + i);
            assertArrayEquals(b.y(), high.recon().get(i).y(), "High luma of picture " + i);
        }
        long c = bytes(cavlc);
        long m = bytes(main);
        assertTrue(m < c, "CABAC " + m + " bytes, CAVLC " + c);
        // High differs from Main only in the SPS (5 more bits)
        assertTrue(Math.abs(bytes(high) - m) <= 2 * 2, "High " + bytes(high) + " Main " + m);
    }
}
