package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import org.junit.jupiter.api.Test;

/** Expected values are what ffprobe 5.1 reports for the streams these SPS come from. */
class H264SpsTest {
    /** x264 High, 320x180 (coded 320x192), 25 fps: the SPS of testdata/media/h264-high-bframes.mp4. */
    static final String HIGH_320x180 = "6764000cacd941419f9f011000000300100000030320f1429960";

    /** x264 Constrained Baseline 1920x1080 (coded 1088), 60 fps, level 4.2. */
    static final String BASELINE_1080P = "6742c02ad900780227e5c044000003000400000301e03c60c920";

    /** x264 High 4:2:2 10-bit, 320x180, 30000/1001 fps. */
    static final String HIGH422_10BIT = "677a000db6cd941419f8dc04400000fa40003a9803c50a6580";

    /** x264 interlaced High 352x288 (frame_mbs_only_flag 0), level 2.1. */
    static final String INTERLACED = "67640015acd941612d808800000300080000030190f8a14cb0";

    @Test
    void highProfileWithCroppingAndTiming() throws Exception {
        H264Sps s = H264Sps.parse(Hex.bytes(HIGH_320x180));
        assertThat(s.profileName()).isEqualTo("High");
        assertThat(s.levelIdc()).isEqualTo(12);
        assertThat(s.chromaFormatIdc()).isEqualTo(1);
        assertThat(s.bitDepthLuma()).isEqualTo(8);
        assertThat(s.picOrderCntType()).isEqualTo(0);
        assertThat(s.log2MaxPicOrderCntLsb()).isEqualTo(6);
        assertThat(s.maxNumRefFrames()).isEqualTo(4);
        assertThat(s.frameMbsOnly()).isTrue();
        assertThat(s.codedWidth()).isEqualTo(320);
        assertThat(s.codedHeight()).isEqualTo(192);
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.height()).isEqualTo(180);
        assertThat(s.frameRate()).isEqualTo(25.0);
    }

    @Test
    void constrainedBaseline1080p() throws Exception {
        H264Sps s = H264Sps.parse(Hex.bytes(BASELINE_1080P));
        assertThat(s.profileName()).isEqualTo("Constrained Baseline");
        assertThat(s.levelIdc()).isEqualTo(42);
        assertThat(s.picOrderCntType()).isEqualTo(2);
        assertThat(s.maxNumRefFrames()).isEqualTo(3);
        assertThat(s.width()).isEqualTo(1920);
        assertThat(s.height()).isEqualTo(1080);
        assertThat(s.codedHeight()).isEqualTo(1088);
        assertThat(s.frameRate()).isEqualTo(60.0);
    }

    @Test
    void high422TenBit() throws Exception {
        H264Sps s = H264Sps.parse(Hex.bytes(HIGH422_10BIT));
        assertThat(s.profileName()).isEqualTo("High 4:2:2");
        assertThat(s.chromaFormatIdc()).isEqualTo(2);
        assertThat(s.bitDepthLuma()).isEqualTo(10);
        assertThat(s.bitDepthChroma()).isEqualTo(10);
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.height()).isEqualTo(180);
        assertThat(s.timeScale()).isEqualTo(60000);
        assertThat(s.numUnitsInTick()).isEqualTo(1001);
        assertThat(s.frameRate()).isCloseTo(29.97, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void interlacedDoublesTheMapUnits() throws Exception {
        H264Sps s = H264Sps.parse(Hex.bytes(INTERLACED));
        assertThat(s.frameMbsOnly()).isFalse();
        assertThat(s.width()).isEqualTo(352);
        assertThat(s.height()).isEqualTo(288);
        assertThat(s.levelIdc()).isEqualTo(21);
    }

    /**
     * High profile with scaling matrices (one explicit 4x4 list, one 8x8 list that stops early with
     * nextScale 0), POC type 1 with three ref-frame offsets, cropping and a VUI with extended SAR,
     * colour description, chroma location and timing: every field after the skipped parts must land.
     */
    static byte[] craftedHigh() {
        BitWriter w = new BitWriter();
        w.writeBits(100, 8).writeBits(0, 8).writeBits(31, 8).writeUe(3); // profile, flags, level 3.1, sps id
        w.writeUe(1).writeUe(0).writeUe(0).writeBit(0); // chroma 4:2:0, depths 8, no bypass
        w.writeBit(1); // seq_scaling_matrix_present_flag
        for (int i = 0; i < 8; i++) {
            if (i == 0) {
                w.writeBit(1);
                for (int j = 0; j < 16; j++) {
                    w.writeSe(j % 2 == 0 ? 3 : -2); // 16 deltas, never reaching 0
                }
            } else if (i == 6) {
                w.writeBit(1);
                w.writeSe(5).writeSe(-13); // 8 -> 13 -> 0: the list ends, the rest repeat lastScale
            } else {
                w.writeBit(0);
            }
        }
        w.writeUe(5); // log2_max_frame_num_minus4
        w.writeUe(1).writeBit(1).writeSe(-2).writeSe(1).writeUe(3); // poc type 1, cycle of 3
        w.writeSe(2).writeSe(-4).writeSe(6);
        w.writeUe(5).writeBit(0); // max_num_ref_frames, gaps
        w.writeUe(1280 / 16 - 1).writeUe(720 / 16 - 1).writeBit(1).writeBit(1); // 1280x720, frame mbs, 8x8
        w.writeBit(1).writeUe(2).writeUe(4).writeUe(1).writeUe(3); // crop: x 2*(2+4), y 2*(1+3)
        w.writeBit(1); // vui
        w.writeBit(1).writeBits(255, 8).writeBits(4, 16).writeBits(3, 16); // SAR 4:3
        w.writeBit(1).writeBit(0); // overscan
        w.writeBit(1).writeBits(5, 3).writeBit(0).writeBit(1).writeBits(0x010101, 24); // signal type
        w.writeBit(1).writeUe(0).writeUe(0); // chroma location
        w.writeBit(1).writeBits(1001, 32).writeBits(60000, 32).writeBit(1); // timing
        w.writeBit(0).writeBit(0).writeBit(0); // nal hrd, vcl hrd, pic_struct
        w.writeTrailingBits();
        byte[] rbsp = w.toByteArray();
        byte[] escaped = NalUnits.escape(rbsp);
        byte[] nal = new byte[escaped.length + 1];
        nal[0] = 0x67;
        System.arraycopy(escaped, 0, nal, 1, escaped.length);
        return nal;
    }

    @Test
    void skipsScalingListsAndPocCycle() throws Exception {
        H264Sps s = H264Sps.parse(craftedHigh());
        assertThat(s.spsId()).isEqualTo(3);
        assertThat(s.levelIdc()).isEqualTo(31);
        assertThat(s.log2MaxFrameNum()).isEqualTo(9);
        assertThat(s.picOrderCntType()).isEqualTo(1);
        assertThat(s.deltaPicOrderAlwaysZero()).isTrue();
        assertThat(s.offsetForNonRefPic()).isEqualTo(-2);
        assertThat(s.offsetForTopToBottomField()).isEqualTo(1);
        assertThat(s.numRefFramesInPicOrderCntCycle()).isEqualTo(3);
        assertThat(s.maxNumRefFrames()).isEqualTo(5);
        assertThat(s.width()).isEqualTo(1280 - 12);
        assertThat(s.height()).isEqualTo(720 - 8);
        assertThat(s.timeScale()).isEqualTo(60000);
        assertThat(s.numUnitsInTick()).isEqualTo(1001);
        assertThat(s.fixedFrameRate()).isTrue();
    }

    @Test
    void highProfileFourFourFourReadsTwelveScalingLists() throws Exception {
        BitWriter w = new BitWriter();
        w.writeBits(244, 8).writeBits(0, 8).writeBits(40, 8).writeUe(0);
        w.writeUe(3).writeBit(0).writeUe(2).writeUe(2).writeBit(0); // 4:4:4, 10-bit
        w.writeBit(1);
        for (int i = 0; i < 12; i++) {
            w.writeBit(i == 11 ? 1 : 0);
        }
        w.writeSe(-8); // list 11 (8x8): 8 + -8 = 0 at once
        w.writeUe(0).writeUe(2).writeUe(1).writeBit(0); // frame num, poc type 2, 1 ref
        w.writeUe(1920 / 16 - 1).writeUe(1080 / 16).writeBit(1).writeBit(1);
        w.writeBit(1).writeUe(0).writeUe(0).writeUe(0).writeUe(8); // 4:4:4 crop unit 1: 1088 - 8
        w.writeBit(0).writeTrailingBits();
        byte[] rbsp = w.toByteArray();
        byte[] nal = new byte[rbsp.length + 1];
        nal[0] = 0x67;
        System.arraycopy(NalUnits.escape(rbsp), 0, nal, 1, rbsp.length);
        H264Sps s = H264Sps.parse(nal);
        assertThat(s.profileName()).isEqualTo("High 4:4:4 Predictive");
        assertThat(s.chromaFormatIdc()).isEqualTo(3);
        assertThat(s.bitDepthLuma()).isEqualTo(10);
        assertThat(s.width()).isEqualTo(1920);
        assertThat(s.height()).isEqualTo(1080);
        assertThat(s.frameRate()).isEqualTo(0.0);
    }

    @Test
    void truncatedVuiKeepsTheSpsWithoutTiming() throws Exception {
        BitWriter w = new BitWriter();
        w.writeBits(66, 8).writeBits(0xc0, 8).writeBits(30, 8).writeUe(0);
        w.writeUe(0).writeUe(2).writeUe(1).writeBit(0);
        w.writeUe(39).writeUe(29).writeBit(1).writeBit(1).writeBit(0); // 640x480, no cropping
        w.writeBit(1).writeBit(1).writeBits(255, 8).writeBits(1, 8); // vui: extended SAR cut short
        byte[] rbsp = w.toByteArray();
        byte[] nal = new byte[rbsp.length + 1];
        nal[0] = 0x67;
        System.arraycopy(rbsp, 0, nal, 1, rbsp.length);
        H264Sps s = H264Sps.parse(nal);
        assertThat(s.width()).isEqualTo(640);
        assertThat(s.height()).isEqualTo(480);
        assertThat(s.frameRate()).isEqualTo(0.0);
        assertThat(s.profileName()).isEqualTo("Constrained Baseline");
    }

    @Test
    void rejectsOtherNalTypes() {
        assertThatThrownBy(() -> H264Sps.parse(Hex.bytes("68 ce 3c 80")))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("h264 sps at byte 0: NAL type 8 is not an SPS (7)");
    }

    @Test
    void truncatedSpsSaysWhere() {
        byte[] full = Hex.bytes(HIGH_320x180);
        byte[] cut = java.util.Arrays.copyOf(full, 8);
        assertThatThrownBy(() -> H264Sps.parse(cut))
                .isInstanceOf(MediaParseException.class)
                .hasMessageStartingWith("h264 sps at byte 7 (truncated): needs");
    }

    @Test
    void croppingEverythingIsMalformed() {
        BitWriter w = new BitWriter();
        w.writeBits(66, 8).writeBits(0, 8).writeBits(30, 8).writeUe(0);
        w.writeUe(0).writeUe(2).writeUe(1).writeBit(0);
        w.writeUe(0).writeUe(0).writeBit(1).writeBit(1); // 16x16
        w.writeBit(1).writeUe(4).writeUe(4).writeUe(0).writeUe(0); // crop 2*(4+4) = 16
        w.writeBit(0).writeTrailingBits();
        byte[] rbsp = w.toByteArray();
        byte[] nal = new byte[rbsp.length + 1];
        nal[0] = 0x67;
        System.arraycopy(rbsp, 0, nal, 1, rbsp.length);
        assertThatThrownBy(() -> H264Sps.parse(nal))
                .hasMessage("h264 sps at byte 4: frame cropping 16x0 leaves nothing of 16x16");
    }
}
