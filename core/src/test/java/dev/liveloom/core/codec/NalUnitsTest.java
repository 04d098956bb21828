package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NalUnitsTest {
    /** AUD, SPS, PPS, IDR slice with 4- and 3-byte start codes, a trailing zero byte and leading junk. */
    static final String ANNEX_B = "ff 00000001 0910 000001 6742c01e 00000001 68ce3c80 00 000001 65888480";

    static final String LENGTH_PREFIXED_4 = "00000002 0910 00000004 6742c01e 00000004 68ce3c80 00000004 65888480";

    private static List<String> nals(ByteBuffer b, boolean annexB, int lengthSize) throws MediaParseException {
        List<String> out = new ArrayList<>();
        NalUnits.Visitor v = (buf, off, len) -> {
            byte[] n = new byte[len];
            buf.get(off, n);
            out.add(Hex.of(n));
        };
        if (annexB) {
            NalUnits.forEachAnnexB(b, v);
        } else {
            NalUnits.forEachLengthPrefixed(b, lengthSize, v);
        }
        return out;
    }

    @Test
    void scansAnnexB() throws Exception {
        assertThat(nals(ByteBuffer.wrap(Hex.bytes(ANNEX_B)), true, 0))
                .containsExactly("0910", "6742c01e", "68ce3c80", "65888480");
    }

    @Test
    void scansDirectBuffersWithoutArrays() throws Exception {
        byte[] b = Hex.bytes(ANNEX_B);
        ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip().asReadOnlyBuffer();
        assertThat(nals(direct, true, 0)).containsExactly("0910", "6742c01e", "68ce3c80", "65888480");
        assertThat(Hex.of(NalUnits.annexBToLengthPrefixed(direct, 4))).isEqualTo(LENGTH_PREFIXED_4.replace(" ", ""));
    }

    @Test
    void convertsBothWays() throws Exception {
        byte[] lp = NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(Hex.bytes(ANNEX_B)), 4);
        assertThat(Hex.of(lp)).isEqualTo(LENGTH_PREFIXED_4.replace(" ", ""));
        byte[] annexB = NalUnits.lengthPrefixedToAnnexB(ByteBuffer.wrap(lp), 4);
        assertThat(Hex.of(annexB))
                .isEqualTo("000000010910" + "000000016742c01e" + "0000000168ce3c80" + "0000000165888480");
        byte[] lp1 = NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(annexB), 1);
        assertThat(Hex.of(lp1)).isEqualTo("020910" + "046742c01e" + "0468ce3c80" + "0465888480");
        byte[] lp2 = NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(annexB), 2);
        assertThat(Hex.of(lp2)).isEqualTo("00020910" + "00046742c01e" + "000468ce3c80" + "000465888480");
        assertThat(nals(ByteBuffer.wrap(lp2), false, 2)).containsExactly("0910", "6742c01e", "68ce3c80", "65888480");
    }

    @Test
    void nalTooBigForTheLengthSize() {
        byte[] big = new byte[4 + 256];
        big[3] = 1;
        big[4] = 0x65;
        java.util.Arrays.fill(big, 5, big.length, (byte) 0x55);
        assertThatThrownBy(() -> NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(big), 1))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("nal at byte 4: NAL of 256 bytes does not fit a 1-byte length");
        // offsets count from the buffer's position, not from the backing array
        byte[] padded = new byte[10 + big.length];
        System.arraycopy(big, 0, padded, 10, big.length);
        ByteBuffer at10 = ByteBuffer.wrap(padded, 10, big.length).slice().position(0);
        ByteBuffer positioned = ByteBuffer.wrap(padded).position(10);
        assertThatThrownBy(() -> NalUnits.annexBToLengthPrefixed(positioned, 1))
                .hasMessage("nal at byte 4: NAL of 256 bytes does not fit a 1-byte length");
        assertThatThrownBy(() -> NalUnits.annexBToLengthPrefixed(at10, 1))
                .hasMessage("nal at byte 4: NAL of 256 bytes does not fit a 1-byte length");
    }

    @Test
    void truncatedLengthPrefixedSaysWhere() {
        assertThatThrownBy(() -> nals(ByteBuffer.wrap(Hex.bytes("00000002 0910 00000004 6742")), false, 4))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("nal at byte 6 (truncated): NAL of 4 bytes, 2 left");
        assertThatThrownBy(() -> nals(ByteBuffer.wrap(Hex.bytes("00000002 0910 0000")), false, 4))
                .hasMessage("nal at byte 6 (truncated): length prefix needs 4 bytes, 2 left");
    }

    @Test
    void detectsRandomAccess() throws Exception {
        assertThat(NalUnits.containsRandomAccess(Codec.H264, ByteBuffer.wrap(Hex.bytes(LENGTH_PREFIXED_4)), 4))
                .isTrue();
        assertThat(NalUnits.containsRandomAccess(Codec.H264, ByteBuffer.wrap(Hex.bytes("00000003 419a24")), 4))
                .isFalse();
        assertThat(NalUnits.containsRandomAccessAnnexB(Codec.H264, ByteBuffer.wrap(Hex.bytes(ANNEX_B))))
                .isTrue();
        // H.265: IDR_W_RADL (19) = 0x26 0x01, CRA (21) = 0x2a 0x01, TRAIL_R (1) = 0x02 0x01, RSV_IRAP_23 = 0x2e
        for (String irap : List.of("2601", "2a01", "2001", "2e01")) {
            assertThat(NalUnits.containsRandomAccess(Codec.HEVC, ByteBuffer.wrap(Hex.bytes("00000002" + irap)), 4))
                    .as(irap)
                    .isTrue();
        }
        assertThat(NalUnits.containsRandomAccess(Codec.HEVC, ByteBuffer.wrap(Hex.bytes("00000002 0201")), 4))
                .isFalse();
        assertThat(NalUnits.containsRandomAccess(Codec.HEVC, ByteBuffer.wrap(Hex.bytes("00000002 3001")), 4))
                .as("type 24 is not IRAP")
                .isFalse();
    }

    @Test
    void extractsParameterSets() throws Exception {
        NalUnits.ParameterSets h264 = NalUnits.extractParameterSets(Codec.H264, ByteBuffer.wrap(Hex.bytes(ANNEX_B)), 0);
        assertThat(h264.sps()).extracting(Hex::of).containsExactly("6742c01e");
        assertThat(h264.pps()).extracting(Hex::of).containsExactly("68ce3c80");
        assertThat(h264.vps()).isEmpty();
        String hevc = "00000003 40010c 00000003 420101 00000003 4401c0 00000003 4e0105 00000002 2601";
        NalUnits.ParameterSets h265 = NalUnits.extractParameterSets(Codec.HEVC, ByteBuffer.wrap(Hex.bytes(hevc)), 4);
        assertThat(h265.vps()).extracting(Hex::of).containsExactly("40010c");
        assertThat(h265.sps()).extracting(Hex::of).containsExactly("420101");
        assertThat(h265.pps()).extracting(Hex::of).containsExactly("4401c0");
    }

    @Test
    void extractFeedsTheRecordBuilder() throws Exception {
        // an Annex B keyframe as a TS demuxer sees it: the record built from it is the mp4's avcC
        String annexB = "00000001 0910 00000001 " + H264SpsTest.HIGH_320x180 + " 00000001 68ef821cb0 00000001 658880";
        NalUnits.ParameterSets ps = NalUnits.extractParameterSets(Codec.H264, ByteBuffer.wrap(Hex.bytes(annexB)), 0);
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.fromParameterSets(ps.sps(), ps.pps());
        assertThat(Hex.of(r.write())).isEqualTo(AvcDecoderConfigurationRecordTest.HIGH);
    }

    @Test
    void emulationPrevention() {
        assertThat(Hex.of(NalUnits.escape(Hex.bytes("000000 11 000001 11 000002 11 000003 11 000004 11 0000"))))
                .isEqualTo("00000300" + "11" + "00000301" + "11" + "00000302" + "11" + "00000303" + "11" + "000004"
                        + "11" + "000003");
        // a run of zeros gets a 03 after every second zero
        assertThat(Hex.of(NalUnits.escape(Hex.bytes("000000000001")))).isEqualTo("00000300000300" + "01");
        assertThat(Hex.of(NalUnits.unescape(Hex.bytes("00000300 00000301 00000302 00000303 000004 000003"))))
                .isEqualTo("000000000001000002000003000004" + "0000");
        // the SPS of the fixtures holds 00 00 03 sequences
        byte[] sps = Hex.bytes(H264SpsTest.HIGH_320x180);
        byte[] rbsp = NalUnits.unescape(sps);
        assertThat(rbsp.length).isEqualTo(sps.length - 2);
        assertThat(NalUnits.escape(rbsp)).isEqualTo(sps);
    }

    @Test
    void escapeRoundTripsEveryShortPattern() {
        // all sequences of 6 bytes over {00, 01, 03, 04}: unescape(escape(x)) == x and no start code appears
        int[] alphabet = {0, 1, 3, 4};
        for (int m = 0; m < 4096; m++) {
            byte[] x = new byte[6];
            for (int i = 0, v = m; i < 6; i++, v >>= 2) {
                x[i] = (byte) alphabet[v & 3];
            }
            byte[] e = NalUnits.escape(x);
            assertThat(NalUnits.unescape(e)).isEqualTo(x);
            assertThat(NalUnits.findStartCode(ByteBuffer.wrap(e), 0, e.length)).isEqualTo(-1);
        }
    }

    @Test
    void findStartCodeHandlesAllOffsets() {
        for (int pos = 0; pos < 10; pos++) {
            byte[] b = new byte[16];
            java.util.Arrays.fill(b, (byte) 0x77);
            b[pos] = 0;
            b[pos + 1] = 0;
            b[pos + 2] = 1;
            assertThat(NalUnits.findStartCode(ByteBuffer.wrap(b), 0, b.length)).isEqualTo(pos);
        }
        assertThat(NalUnits.findStartCode(ByteBuffer.wrap(Hex.bytes("000000000001")), 0, 6))
                .isEqualTo(3);
        assertThat(NalUnits.findStartCode(ByteBuffer.wrap(Hex.bytes("0000")), 0, 2))
                .isEqualTo(-1);
    }
}
