package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeiReaderTest {
    /** The start of the x264 version SEI in testdata/media/h264-high-bframes.mp4: 676 bytes of payload. */
    static final String X264_HEAD = "0605ffffa6dc45e9bde6d948b7962cd820d923eeef78323634202d20";

    @Test
    void readsWhatTheWriterWrote() throws Exception {
        Random r = new Random(7);
        for (Codec codec : List.of(Codec.H264, Codec.HEVC)) {
            for (int n : new int[] {0, 1, 2, 3, 254, 255, 256, 509, 510, 511, 4000}) {
                byte[] d = new byte[n];
                r.nextBytes(d);
                for (int i = 0; i < n; i += 7) {
                    d[i] = 0; // plenty of zeros so emulation prevention is exercised
                }
                List<SeiMessage> msgs = List.of(
                        SeiMessage.userData(SeiWriterTest.UUID_A, d),
                        SeiMessage.of(100 + n % 155, d),
                        SeiMessage.of(255 + n, Arrays.copyOf(d, n / 2)));
                byte[] nal = SeiWriter.write(codec, msgs);
                assertThat(SeiReader.read(codec, nal)).isEqualTo(msgs);
            }
        }
    }

    @Test
    void readsTheX264VersionSei() throws Exception {
        byte[] payload = ("x264 - core 164 r3095 baee400 - H.264/MPEG-4 AVC codec").getBytes(StandardCharsets.US_ASCII);
        byte[] text = Arrays.copyOf(payload, 676 - 16); // x264 pads with its options and a final 00
        UUID x264 = UUID.fromString("dc45e9bd-e6d9-48b7-962c-d820d923eeef");
        byte[] nal = SeiWriter.write(Codec.H264, SeiMessage.userData(x264, text));
        assertThat(Hex.of(nal)).startsWith(X264_HEAD);
        List<SeiMessage> m = SeiReader.read(Codec.H264, nal);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).payloadType()).isEqualTo(5);
        assertThat(m.get(0).uuid()).isEqualTo(x264);
        assertThat(m.get(0).data()).isEqualTo(text);
    }

    @Test
    void hex() throws Exception {
        List<SeiMessage> m = SeiReader.read(Codec.HEVC, Hex.bytes("4e01 64 03 010203 80"));
        assertThat(m).containsExactly(SeiMessage.of(100, Hex.bytes("010203")));
        // suffix SEI (type 40) reads too, and trailing zero bytes after the stop bit are allowed
        m = SeiReader.read(Codec.HEVC, Hex.bytes("5001 c8 01 aa 80 0000"));
        assertThat(m).containsExactly(SeiMessage.of(200, Hex.bytes("aa")));
        // emulation prevention removed
        m = SeiReader.read(Codec.H264, Hex.bytes("06 64 04 000003 0001 80"));
        assertThat(m).containsExactly(SeiMessage.of(100, Hex.bytes("00000001")));
        // from a buffer slice
        ByteBuffer b = ByteBuffer.wrap(Hex.bytes("ffff 06 64 01 aa 80 ffff"));
        assertThat(SeiReader.read(Codec.H264, b, 2, 5)).containsExactly(SeiMessage.of(100, Hex.bytes("aa")));
    }

    @Test
    void errorsSayLayerAndOffset() {
        assertError(Codec.H264, "", "h264 sei at byte 0 (truncated): NAL of 0 bytes has no header");
        assertError(Codec.HEVC, "4e", "h265 sei at byte 0 (truncated): NAL of 1 bytes has no header");
        assertError(Codec.H264, "65 88 80", "h264 sei at byte 0: nal_unit_type 5 is not SEI (6)");
        assertError(Codec.H264, "86 64 01 aa 80", "h264 sei at byte 0: forbidden_zero_bit is 1");
        assertError(Codec.HEVC, "4001 64 01 aa 80", "h265 sei at byte 0: nal_unit_type 32 is not SEI (39 or 40)");
        assertError(Codec.HEVC, "4e00 64 01 aa 80", "h265 sei at byte 1: nuh_temporal_id_plus1 is 0");
        assertError(Codec.H264, "06 80", "h264 sei at byte 1: SEI without messages");
        assertError(Codec.H264, "06 64 01 01", "h264 sei at byte 4 (truncated): no rbsp_trailing_bits");
        assertError(Codec.H264, "06 ffff", "h264 sei at byte 1 (truncated): payload_type runs past the end");
        assertError(Codec.H264, "06 64 ff", "h264 sei at byte 2 (truncated): payload_size runs past the end");
        assertError(Codec.H264, "06 64 05 0102 80", "h264 sei at byte 2 (truncated): payload of 5 bytes, 3 left");
        assertError(
                Codec.H264,
                "06 05 02 0102 80",
                "h264 sei at byte 2: user_data_unregistered of 2 bytes, needs 16 for the UUID");
        // the offset counts the emulation prevention byte before it
        assertError(
                Codec.H264,
                "06 64 02 000003 64 05 01 80",
                "h264 sei at byte 7 (truncated): payload of 5 bytes, 2 left");
        // a stop bit followed by more data is not the end
        assertError(Codec.H264, "06 64 01 aa 80 01", "h264 sei at byte 5 (truncated): payload of 1 bytes, 0 left");

        byte[] hugeType = new byte[300];
        Arrays.fill(hugeType, (byte) 0xff);
        hugeType[0] = 0x06;
        assertError(Codec.H264, Hex.of(hugeType), "h264 sei at byte 1: payload_type above 65535");
        byte[] hugeSize = new byte[5000];
        Arrays.fill(hugeSize, (byte) 0xff);
        hugeSize[0] = 0x06;
        hugeSize[1] = 0x64;
        assertError(Codec.H264, Hex.of(hugeSize), "h264 sei at byte 2: payload_size above 1048576");
    }

    private static void assertError(Codec codec, String hex, String message) {
        assertThatThrownBy(() -> SeiReader.read(codec, Hex.bytes(hex)))
                .isInstanceOf(MediaParseException.class)
                .hasMessage(message);
    }
}
