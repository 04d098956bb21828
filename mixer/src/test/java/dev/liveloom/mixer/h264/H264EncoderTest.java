package dev.liveloom.mixer.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.VideoEncoderConfig;
import dev.liveloom.mixer.YuvFrame;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class H264EncoderTest {
    private static H264Encoder encoder(int w, int h, int qp, int gop) {
        return new H264Encoder(
                VideoEncoderConfig.builder(w, h).constantQp(qp).gop(gop).build());
    }

    @Test
    void gopPlacesIdrPicturesAndForceKeyframeAddsOne() {
        try (H264Encoder enc = encoder(32, 32, 30, 3)) {
            StringBuilder keys = new StringBuilder();
            for (int t = 0; t < 8; t++) {
                if (t == 4) {
                    enc.forceKeyframe();
                }
                EncodedFrame f = enc.encode(TestPictures.gradient(32, 32, t, 2, 3));
                keys.append(f.keyframe() ? 'I' : 'P');
                // IDR access units carry SPS (type 7), PPS (8), IDR slice (5); others one slice (1)
                int firstType = f.data()[4] & 0x1f;
                assertEquals(f.keyframe() ? 7 : 1, firstType);
            }
            assertEquals("IPPIIPPI", keys.toString());
        }
    }

    @Test
    void codecConfigIsAvcCWithTheInBandParameterSets() throws Exception {
        try (H264Encoder enc = encoder(1280, 720, 30, 60)) {
            byte[] avcC = enc.codecConfig();
            TrackFormat f = CodecConfigs.toFormat(Codec.H264, avcC);
            assertEquals("Constrained Baseline", f.profile());
            assertEquals(31, f.level());
            assertEquals(4, f.nalLengthSize());
            byte[] au = enc.encode(TestPictures.flat(1280, 720, 16, 128, 128)).data();
            int spsLen = ((au[2] & 0xff) << 8) | (au[3] & 0xff);
            byte[] sps = java.util.Arrays.copyOfRange(au, 4, 4 + spsLen);
            byte[] avcSps = java.util.Arrays.copyOfRange(avcC, 8, 8 + spsLen);
            assertArrayEquals(sps, avcSps);
            assertEquals("6742c01f", HexFormat.of().formatHex(sps, 0, 4));
        }
    }

    @Test
    void movingContentUsesSkipAndFractionalMotion() {
        int w = 160;
        int h = 96;
        try (H264Encoder enc = encoder(w, h, 26, 60)) {
            long idrBytes = enc.encode(TestPictures.gradient(w, h, 0, 0, 5)).data().length;
            long pBytes = 0;
            int skip = 0;
            int inter = 0;
            for (int t = 1; t < 6; t++) {
                // half-sample horizontal motion: average of two integer shifts
                YuvFrame f = halfShift(w, h, t);
                pBytes += enc.encode(f).data().length;
                int[] st = enc.lastMbStats();
                inter += st[1];
                skip += st[3];
            }
            assertTrue(inter > 0, "no P_L0_16x16");
            assertTrue(pBytes / 5 < idrBytes / 3, "P " + pBytes / 5 + " bytes vs IDR " + idrBytes);
        }
        try (H264Encoder enc = encoder(w, h, 30, 60)) {
            int frac = 0;
            int skip = 0;
            for (int t = 0; t < 6; t++) {
                enc.encode(halfShift(w, h, t));
                frac += enc.lastMbStats()[2];
                skip += enc.lastMbStats()[3];
            }
            assertTrue(frac > 0, "no fractional vectors");
        }
        try (H264Encoder enc = encoder(w, h, 30, 60)) {
            YuvFrame still = halfShift(w, h, 0);
            enc.encode(still);
            enc.encode(still);
            // the residual is the IDR's quantisation error, which the inter dead zone almost always drops
            int skipped = enc.lastMbStats()[3];
            assertTrue(skipped >= (w / 16) * (h / 16) * 9 / 10, "static picture: only " + skipped + " P_Skip");
        }
    }

    @Test
    void isolatedNoiseLevelsAreDroppedFromInterMacroblocks() {
        // a still picture with fresh grain every frame: much of each P residual is grain that
        // quantises to scattered +-1 levels, which cost more bits than they are worth
        int w = 160;
        int h = 96;
        long[] bytes = new long[2];
        int[] skipped = new int[2];
        double[] err = new double[2];
        for (int k = 0; k < 2; k++) {
            try (H264Encoder enc = encoder(w, h, 30, 60)) {
                enc.setDecimation(k == 0);
                enc.encode(TestPictures.gradient(w, h, 0, 0, 1));
                for (int t = 1; t <= 4; t++) {
                    YuvFrame f = TestPictures.gradient(w, h, 0, 3, t);
                    bytes[k] += enc.encode(f).data().length;
                    skipped[k] += enc.lastMbStats()[3];
                    YuvFrame r = enc.reconstruction();
                    for (int i = 0; i < w * h; i++) {
                        double d = (f.y()[i] & 0xff) - (r.y()[i] & 0xff);
                        err[k] += d * d;
                    }
                }
            }
        }
        String what = "with/without decimation: bytes " + bytes[0] + "/" + bytes[1] + ", skipped " + skipped[0] + "/"
                + skipped[1] + ", squared error " + err[0] + "/" + err[1];
        assertTrue(bytes[0] < bytes[1] * 0.95, what);
        assertTrue(skipped[0] > skipped[1], what);
        // the dropped levels were mostly grain: the error grows by well under the bits saved
        assertTrue(err[0] < err[1] * 1.1, what);
    }

    /** Smooth pattern moving by half a sample per frame horizontally. */
    private static YuvFrame halfShift(int w, int h, int t) {
        YuvFrame f = YuvFrame.allocate(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double xs = x - t * 0.5;
                double v = 128 + 60 * Math.sin(xs / 5.0) + 40 * Math.cos(y / 7.0);
                f.y()[y * w + x] = (byte) Math.round(v);
            }
        }
        java.util.Arrays.fill(f.u(), (byte) 100);
        java.util.Arrays.fill(f.v(), (byte) 150);
        return f;
    }

    @Test
    void rejectsWrongFrameSizeAndUseAfterClose() {
        H264Encoder enc = encoder(32, 32, 30, 3);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> enc.encode(YuvFrame.allocate(16, 16)));
        assertEquals("frame 16x16 but encoder is 32x32", e.getMessage());
        enc.close();
        enc.close();
        assertThrows(IllegalStateException.class, () -> enc.encode(YuvFrame.allocate(32, 32)));
        assertFalse(enc.config().slices() > 1);
        IllegalArgumentException s = assertThrows(
                IllegalArgumentException.class,
                () -> VideoEncoderConfig.builder(32, 32).slices(65).build());
        assertEquals("slices 65 outside 1..64", s.getMessage());
    }
}
