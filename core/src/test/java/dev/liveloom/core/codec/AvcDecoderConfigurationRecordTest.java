package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvcDecoderConfigurationRecordTest {
    /** avcC of testdata/media/h264-high-bframes.mp4 (x264 High): with the High trailer fd f8 f8 00. */
    static final String HIGH =
            "0164000cffe1001a6764000cacd941419f9f011000000300100000030320f142996001000568ef821cb0fdf8f800";

    /** avcC of testdata/media/h264-baseline.mp4: no trailer. */
    static final String BASELINE = "0142c00cffe100176742c00cda05067e7c0440000003004000000c83c50aa801000568ce021c80";

    @Test
    void parsesHighWithTrailer() throws Exception {
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(Hex.bytes(HIGH));
        assertThat(r.profileIdc()).isEqualTo(100);
        assertThat(r.profileName()).isEqualTo("High");
        assertThat(r.levelIdc()).isEqualTo(12);
        assertThat(r.nalLengthSize()).isEqualTo(4);
        assertThat(r.sps()).hasSize(1);
        assertThat(Hex.of(r.sps().get(0))).isEqualTo(H264SpsTest.HIGH_320x180);
        assertThat(Hex.of(r.pps().get(0))).isEqualTo("68ef821cb0");
        assertThat(r.hasHighTrailer()).isTrue();
        assertThat(r.chromaFormat()).isEqualTo(1);
        assertThat(r.bitDepthLumaMinus8()).isZero();
        assertThat(r.spsExt()).isEmpty();
        assertThat(Hex.of(r.write())).isEqualTo(HIGH);
    }

    @Test
    void parsesBaselineWithoutTrailer() throws Exception {
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(Hex.bytes(BASELINE));
        assertThat(r.profileName()).isEqualTo("Constrained Baseline");
        assertThat(r.hasHighTrailer()).isFalse();
        assertThat(Hex.of(r.write())).isEqualTo(BASELINE);
    }

    @Test
    void roundTripsSpsExtensionsAndShortLengths() throws Exception {
        AvcDecoderConfigurationRecord r = new AvcDecoderConfigurationRecord(
                110,
                0x10,
                40,
                2,
                List.of(Hex.bytes("676e"), Hex.bytes("676e01")),
                List.of(Hex.bytes("68")),
                true,
                2,
                2,
                2,
                List.of(Hex.bytes("6d0102")));
        byte[] b = r.write();
        assertThat(Hex.of(b))
                .isEqualTo("016e1028fde2" + "0002676e" + "0003676e01" + "01" + "000168" + "fefafa01" + "00036d0102");
        AvcDecoderConfigurationRecord back = AvcDecoderConfigurationRecord.parse(b);
        assertThat(back).isEqualTo(r);
        assertThat(back.profileName()).isEqualTo("High 10 Intra");
        assertThat(back.nalLengthSize()).isEqualTo(2);
        assertThat(Hex.of(back.spsExt().get(0))).isEqualTo("6d0102");
    }

    @Test
    void fromParameterSetsMatchesWhatX264Wrote() throws Exception {
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.fromParameterSets(
                List.of(Hex.bytes(H264SpsTest.HIGH_320x180)), List.of(Hex.bytes("68ef821cb0")));
        assertThat(Hex.of(r.write())).isEqualTo(HIGH);
        AvcDecoderConfigurationRecord base = AvcDecoderConfigurationRecord.fromParameterSets(
                List.of(Hex.bytes("6742c00cda05067e7c0440000003004000000c83c50aa8")), List.of(Hex.bytes("68ce021c80")));
        assertThat(Hex.of(base.write())).isEqualTo(BASELINE);
    }

    @Test
    void fromParameterSetsChecksTypes() {
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.fromParameterSets(
                        List.of(Hex.bytes(H264SpsTest.HIGH_320x180)), List.of(Hex.bytes("65888000"))))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("avcC: PPS has NAL type 5");
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.fromParameterSets(List.of(), List.of()))
                .hasMessage("avcC: no SPS");
    }

    @Test
    void truncatedSpsLengthSaysWhere() {
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(Hex.bytes("0164000cffe1001a6764")))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("avcC at byte 6 (truncated): SPS of 26 bytes, 2 left");
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(Hex.bytes("0164000cffe100")))
                .hasMessage("avcC at byte 6 (truncated): SPS 0 of 1: length missing");
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(Hex.bytes("0164000cffe1000167")))
                .hasMessage("avcC at byte 9 (truncated): numOfPictureParameterSets missing");
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(Hex.bytes("0164000cffe0")))
                .hasMessage("avcC at byte 6 (truncated): record needs at least 7 bytes, 6 present");
    }

    @Test
    void rejectsVersionAndLengthSizeThree() {
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(Hex.bytes("0064000cffe000")))
                .hasMessage("avcC at byte 0: configurationVersion 0");
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(Hex.bytes("0164000cfee000")))
                .hasMessage("avcC at byte 4: lengthSizeMinusOne 2 (NAL length size 3)");
    }

    @Test
    void partialTrailerIsIgnored() throws Exception {
        byte[] b = Hex.bytes(HIGH.substring(0, HIGH.length() - 4)); // cut "f800"
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(b);
        assertThat(r.hasHighTrailer()).isFalse();
        assertThat(r.sps()).hasSize(1);
    }

    @Test
    void fixtureRecordsParseAndRoundTrip() throws Exception {
        for (String f : List.of(
                "h264-avc3.mp4",
                "h264-baseline.mp4",
                "h264-ctts-v1.mp4",
                "h264-editlist-cut.mp4",
                "h264-fragmented.mp4",
                "h264-high-bframes.mp4",
                "h264-main-bframes.mp4")) {
            byte[] avcC = FixtureConfigs.box(f, "avcC");
            AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(avcC);
            assertThat(r.write()).as(f).isEqualTo(avcC);
            H264Sps s = H264Sps.parse(r.sps().get(0));
            assertThat(s.width()).as(f).isEqualTo(320);
            assertThat(s.height()).as(f).isEqualTo(180);
            assertThat(s.frameRate()).as(f).isEqualTo(25.0);
        }
    }
}
