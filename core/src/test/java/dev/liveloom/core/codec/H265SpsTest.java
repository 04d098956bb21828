package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import org.junit.jupiter.api.Test;

/** Expected values are what ffprobe 5.1 reports for the x265 streams these SPS come from. */
class H265SpsTest {
    /** testdata/media/hevc-hvc1.mp4: Main, level 60 (2.0), 320x180 from 320x192. */
    static final String MAIN_320x180 =
            "42010101600000030090000003000003003ca00a080c1f3e595912930bc05a020000030002000003003210";

    /** Main 10, 330x190 from 336x192. */
    static final String MAIN10 =
            "42010102200000030090000003000003003ca00a880c1c94d96566924caf016808000003000800000300c840";

    /** Rext 4:4:4 8-bit, 320x180 from 320x184. */
    static final String REXT_444 = "4201010408000003009e0800000300003c9001410173e5cb2b349265780b4040000003004000000642";

    /** Two temporal sub-layers (x265 temporal-layers=1): sub-layer flags and reserved bits follow. */
    static final String SUB_LAYERS =
            "42010201600000030090000003000003003c0000a00a080b9f7965652b2c9265780b4040000003004000000642";

    @Test
    void mainWithConformanceWindow() throws Exception {
        H265Sps s = H265Sps.parse(Hex.bytes(MAIN_320x180));
        assertThat(s.profileName()).isEqualTo("Main");
        assertThat(s.levelIdc()).isEqualTo(60);
        assertThat(s.tier()).isZero();
        assertThat(s.profileCompatibilityFlags()).isEqualTo(0x60000000);
        assertThat(s.constraintIndicatorFlags()).isEqualTo(0x900000000000L);
        assertThat(s.maxSubLayers()).isEqualTo(1);
        assertThat(s.temporalIdNesting()).isTrue();
        assertThat(s.chromaFormatIdc()).isEqualTo(1);
        assertThat(s.codedWidth()).isEqualTo(320);
        assertThat(s.codedHeight()).isEqualTo(192);
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.height()).isEqualTo(180);
        assertThat(s.bitDepthLuma()).isEqualTo(8);
    }

    @Test
    void main10() throws Exception {
        H265Sps s = H265Sps.parse(Hex.bytes(MAIN10));
        assertThat(s.profileName()).isEqualTo("Main 10");
        assertThat(s.bitDepthLuma()).isEqualTo(10);
        assertThat(s.bitDepthChroma()).isEqualTo(10);
        assertThat(s.width()).isEqualTo(330);
        assertThat(s.height()).isEqualTo(190);
    }

    @Test
    void rext444UsesCropUnitOne() throws Exception {
        H265Sps s = H265Sps.parse(Hex.bytes(REXT_444));
        assertThat(s.profileName()).isEqualTo("Rext");
        assertThat(s.chromaFormatIdc()).isEqualTo(3);
        assertThat(s.codedHeight()).isEqualTo(184);
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.height()).isEqualTo(180);
    }

    @Test
    void skipsSubLayers() throws Exception {
        H265Sps s = H265Sps.parse(Hex.bytes(SUB_LAYERS));
        assertThat(s.maxSubLayers()).isEqualTo(2);
        assertThat(s.temporalIdNesting()).isFalse();
        assertThat(s.profileName()).isEqualTo("Main");
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.height()).isEqualTo(180);
    }

    @Test
    void subLayersWithProfileAndLevelPresent() throws Exception {
        BitWriter w = new BitWriter();
        w.writeBits(0x42, 8).writeBits(0x01, 8); // NAL header type 33
        w.writeBits(0, 4).writeBits(3, 3).writeBit(1); // vps 0, 4 sub-layers
        w.writeBits(0, 2)
                .writeBit(1)
                .writeBits(2, 5)
                .writeBits(0x20000000L, 32)
                .writeBits(0, 48)
                .writeBits(153, 8);
        w.writeBit(1).writeBit(1).writeBit(0).writeBit(1).writeBit(1).writeBit(0); // 3 sub-layer flag pairs
        w.writeBits(0, 2 * 5); // reserved_zero_2bits for i = 3..7
        w.writeBits(0x7fffffffffffffL >>> 1, 54).writeBits(0, 34).writeBits(90, 8); // sub-layer 0
        w.writeBits(93, 8); // sub-layer 1: level only
        w.writeBits(0, 44).writeBits(0, 44); // sub-layer 2: profile only
        w.writeUe(0)
                .writeUe(1)
                .writeUe(3840)
                .writeUe(2160)
                .writeBit(0)
                .writeUe(2)
                .writeUe(2);
        w.writeTrailingBits();
        byte[] rbsp = w.toByteArray();
        byte[] body = NalUnits.escape(rbsp, 2, rbsp.length - 2);
        byte[] nal = new byte[body.length + 2];
        nal[0] = 0x42;
        nal[1] = 0x01;
        System.arraycopy(body, 0, nal, 2, body.length);
        H265Sps s = H265Sps.parse(nal);
        assertThat(s.maxSubLayers()).isEqualTo(4);
        assertThat(s.tier()).isEqualTo(1);
        assertThat(s.profileName()).isEqualTo("Main 10");
        assertThat(s.levelIdc()).isEqualTo(153);
        assertThat(s.width()).isEqualTo(3840);
        assertThat(s.height()).isEqualTo(2160);
        assertThat(s.bitDepthLuma()).isEqualTo(10);
    }

    @Test
    void rejectsOtherNalTypes() {
        assertThatThrownBy(() -> H265Sps.parse(Hex.bytes("4001 0c01")))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("h265 sps at byte 0: NAL type 32 is not an SPS (33)");
    }

    @Test
    void truncatedInsideProfileTierLevel() {
        assertThatThrownBy(() -> H265Sps.parse(Hex.bytes("4201 0101 6000")))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("h265 sps at byte 2 (truncated): needs 32 more bits, 16 left");
    }
}
