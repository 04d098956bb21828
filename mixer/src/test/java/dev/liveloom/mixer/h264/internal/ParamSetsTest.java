package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.TrackFormat;
import org.junit.jupiter.api.Test;

class ParamSetsTest {
    @Test
    void levelFollowsFrameSizeAndRate() {
        assertEquals(31, ParamSets.level(new ParamSets.Geometry(1280, 720, 30, 2500)));
        assertEquals(30, ParamSets.level(new ParamSets.Geometry(640, 360, 30, 1000)));
        assertEquals(40, ParamSets.level(new ParamSets.Geometry(1920, 1080, 30, 6000)));
        assertEquals(10, ParamSets.level(new ParamSets.Geometry(16, 16, 30, 10)));
    }

    @Test
    void avcCParsesAsConstrainedBaseline() throws Exception {
        ParamSets.Geometry g = new ParamSets.Geometry(642, 362, 30, 1000);
        BitWriter bw = new BitWriter(16);
        ParamSets.writeSps(bw, g);
        byte[] sps = NalWriter.nal(3, 7, bw.toByteArray(), bw.size());
        bw.reset();
        ParamSets.writePps(bw);
        byte[] pps = NalWriter.nal(3, 8, bw.toByteArray(), bw.size());
        byte[] avcC = ParamSets.avcC(sps, pps);
        TrackFormat f = CodecConfigs.toFormat(Codec.H264, avcC);
        assertEquals("Constrained Baseline", f.profile());
        assertEquals(30, f.level()); // 41x23 MBs at 30 fps fits level 3.0
        assertEquals(4, f.nalLengthSize());
        // pps: ue 0, ue 0, 0, 0, ue 0, ue 0, ue 0, 0, 00, se 0, se 0, se 0, 1, 0, 0, trailing
        // 1 1 0 0 1 1 1 0 | 0 0 1 1 1 1 0 0 | 1 0 0 0 0 0 0 0
        assertEquals("68ce3c80", java.util.HexFormat.of().formatHex(pps));
    }
}
