package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HevcDecoderConfigurationRecordTest {
    static final String VPS = "40010c01ffff01600000030090000003000003003c959009";
    static final String PPS = "4401c073c18927";

    /** The fixed part and VPS/SPS/PPS arrays of the hvcC of testdata/media/hevc-hvc1.mp4 (x265 Main). */
    static final String HEADER = "0101600000009000000000003cf000fcfdf8f800000f03";

    static final String RECORD =
            HEADER + "a00001" + "0018" + VPS + "a10001" + "002b" + H265SpsTest.MAIN_320x180 + "a20001" + "0007" + PPS;

    @Test
    void parsesFixedPartAndArrays() throws Exception {
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(Hex.bytes(RECORD));
        assertThat(r.profileIdc()).isEqualTo(1);
        assertThat(r.profileName()).isEqualTo("Main");
        assertThat(r.tier()).isZero();
        assertThat(r.profileCompatibilityFlags()).isEqualTo(0x60000000);
        assertThat(r.constraintIndicatorFlags()).isEqualTo(0x900000000000L);
        assertThat(r.levelIdc()).isEqualTo(60);
        assertThat(r.chromaFormat()).isEqualTo(1);
        assertThat(r.numTemporalLayers()).isEqualTo(1);
        assertThat(r.temporalIdNested()).isTrue();
        assertThat(r.nalLengthSize()).isEqualTo(4);
        assertThat(r.arrays())
                .extracting(HevcDecoderConfigurationRecord.NalArray::type)
                .containsExactly(32, 33, 34);
        assertThat(r.arrays()).allMatch(HevcDecoderConfigurationRecord.NalArray::complete);
        assertThat(Hex.of(r.nals(NalUnits.H265_VPS).get(0))).isEqualTo(VPS);
        assertThat(Hex.of(r.nals(NalUnits.H265_PPS).get(0))).isEqualTo(PPS);
        assertThat(Hex.of(r.write())).isEqualTo(RECORD);
    }

    @Test
    void fromParameterSetsMatchesWhatFfmpegWrote() throws Exception {
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.fromParameterSets(
                List.of(Hex.bytes(VPS)), List.of(Hex.bytes(H265SpsTest.MAIN_320x180)), List.of(Hex.bytes(PPS)));
        assertThat(Hex.of(r.write())).isEqualTo(RECORD);
    }

    @Test
    void fromParameterSetsTakesDepthAndLayersFromTheSps() throws Exception {
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.fromParameterSets(
                List.of(), List.of(Hex.bytes(H265SpsTest.MAIN10)), List.of());
        assertThat(r.profileName()).isEqualTo("Main 10");
        assertThat(r.bitDepthLumaMinus8()).isEqualTo(2);
        assertThat(r.bitDepthChromaMinus8()).isEqualTo(2);
        HevcDecoderConfigurationRecord t = HevcDecoderConfigurationRecord.fromParameterSets(
                List.of(), List.of(Hex.bytes(H265SpsTest.SUB_LAYERS)), List.of());
        assertThat(t.numTemporalLayers()).isEqualTo(2);
        assertThat(t.temporalIdNested()).isFalse();
        assertThat(Hex.of(t.write()).substring(0, 46)).isEqualTo("0101600000009000000000003cf000fcfdf8f8000013" + "01");
    }

    @Test
    void roundTripsEveryField() throws Exception {
        HevcDecoderConfigurationRecord r = new HevcDecoderConfigurationRecord(
                2,
                1,
                4,
                0x08000000,
                0x123456789abcL,
                153,
                0xabc,
                2,
                3,
                4,
                2,
                0x1234,
                1,
                3,
                false,
                2,
                List.of(
                        new HevcDecoderConfigurationRecord.NalArray(
                                false, 39, List.of(Hex.bytes("4e01"), Hex.bytes("4e0105"))),
                        new HevcDecoderConfigurationRecord.NalArray(true, 40, List.of())));
        byte[] b = r.write();
        assertThat(Hex.of(b))
                .isEqualTo("01a408000000123456789abc99fabcfefffcfa" + "1234" + "59" + "02" + "270002" + "00024e01"
                        + "00034e0105" + "a80000");
        assertThat(HevcDecoderConfigurationRecord.parse(b)).isEqualTo(r);
        assertThat(HevcDecoderConfigurationRecord.parse(b).arrays()).isEqualTo(r.arrays());
    }

    @Test
    void fixtureRecordsRoundTripAndHoldTheSeiArray() throws Exception {
        for (String f : List.of("hevc-hvc1.mp4", "hevc-hev1.mp4", "hevc-for-flv.mp4")) {
            byte[] hvcC = FixtureConfigs.box(f, "hvcC");
            HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(hvcC);
            assertThat(r.write()).as(f).isEqualTo(hvcC);
            assertThat(r.arrays())
                    .extracting(HevcDecoderConfigurationRecord.NalArray::type)
                    .containsExactly(32, 33, 34, 39);
            assertThat(r.nals(NalUnits.H265_PREFIX_SEI).get(0).length).as(f).isGreaterThan(2000);
            H265Sps s = H265Sps.parse(r.nals(NalUnits.H265_SPS).get(0));
            assertThat(s.width()).isEqualTo(320);
            assertThat(s.height()).isEqualTo(180);
        }
    }

    @Test
    void errorsSayWhere() {
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(Hex.bytes("0101")))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("hvcC at byte 2 (truncated): record needs at least 23 bytes, 2 present");
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(Hex.bytes(HEADER + "a00001" + "0018" + "4001")))
                .hasMessage("hvcC at byte 26 (truncated): NAL type 32 of 24 bytes, 2 left");
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(Hex.bytes(HEADER + "a000")))
                .hasMessage("hvcC at byte 23 (truncated): NAL array 0 of 3: header missing");
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(Hex.bytes(HEADER.replace("0f03", "0e03"))))
                .hasMessage("hvcC at byte 21: lengthSizeMinusOne 2 (NAL length size 3)");
    }

    @Test
    void nalCountIsLimited() {
        String hex = HEADER.substring(0, HEADER.length() - 2) + "01" + "a0ffff" + "0000".repeat(1100);
        assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(Hex.bytes(hex)))
                .hasMessage("hvcC at byte 24: more than 1024 NAL units");
    }
}
