package dev.liveloom.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VideoEncoderConfigTest {
    @Test
    void defaultsAndToBuilderRoundTrip() {
        VideoEncoderConfig c =
                VideoEncoderConfig.builder(1280, 720).bitrateKbps(6000).gop(30).build();
        assertEquals(
                "VideoEncoderConfig{1280x720 30fps 6000kbps gop=30 BASELINE ULTRAFAST threads=1 slices=1}",
                c.toString());
        VideoEncoderConfig d = c.toBuilder().constantQp(20).build();
        assertEquals(
                "VideoEncoderConfig{1280x720 30fps 6000kbps gop=30 BASELINE ULTRAFAST threads=1 slices=1 qp=20}",
                d.toString());
    }

    @Test
    void rangesNameTheParameter() {
        VideoEncoderConfig.Builder b = VideoEncoderConfig.builder(2, 2);
        assertEquals(
                "bitrateKbps 10001 outside 1..10000",
                assertThrows(IllegalArgumentException.class, () -> b.bitrateKbps(10001))
                        .getMessage());
        assertEquals(
                "gop 61 outside 1..60",
                assertThrows(IllegalArgumentException.class, () -> b.gop(61)).getMessage());
        assertEquals(
                "gop 0 outside 1..60",
                assertThrows(IllegalArgumentException.class, () -> b.gop(0)).getMessage());
        assertEquals(
                "constantQp 52 outside 0..51",
                assertThrows(IllegalArgumentException.class, () -> b.constantQp(52))
                        .getMessage());
        assertEquals(
                "size 0x10 outside 1..8192 per side",
                assertThrows(IllegalArgumentException.class, () -> VideoEncoderConfig.builder(0, 10))
                        .getMessage());
    }

    @Test
    void yuvFrameChecksPlaneSizes() {
        YuvFrame f = YuvFrame.allocate(5, 3);
        assertEquals(3, f.chromaWidth());
        assertEquals(2, f.chromaHeight());
        assertEquals(
                "u plane needs 6 bytes, has 5",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new YuvFrame(5, 3, new byte[15], 5, new byte[5], 3, new byte[6], 3))
                        .getMessage());
        assertEquals(
                "y stride 4 < plane width 5",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new YuvFrame(5, 3, new byte[15], 4, new byte[6], 3, new byte[6], 3))
                        .getMessage());
    }
}
