package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeiWriterTest {
    static final UUID UUID_A = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    @Test
    void h264CustomType() {
        assertThat(Hex.of(SeiWriter.write(Codec.H264, SeiMessage.of(100, Hex.bytes("010203")))))
                .isEqualTo("06640301020380");
    }

    @Test
    void h265PrefixSeiHeader() {
        assertThat(Hex.of(SeiWriter.write(Codec.HEVC, SeiMessage.of(254, Hex.bytes("010203")))))
                .isEqualTo("4e01fe0301020380");
    }

    @Test
    void userDataUnregistered() {
        byte[] nal = SeiWriter.write(Codec.H264, SeiMessage.userData(UUID_A, "hi".getBytes(StandardCharsets.US_ASCII)));
        // the UUID's leading 00 11 needs no escape: only 00 00 followed by 00..03 does
        assertThat(Hex.of(nal)).isEqualTo("060512" + "00112233445566778899aabbccddeeff" + "6869" + "80");
    }

    @Test
    void emulationPreventionInPayload() {
        assertThat(Hex.of(SeiWriter.write(Codec.H264, SeiMessage.of(100, Hex.bytes("000002")))))
                .isEqualTo("0664030000030280");
        assertThat(Hex.of(SeiWriter.write(Codec.H264, SeiMessage.of(100, Hex.bytes("00000001")))))
                .isEqualTo("066404000003000180");
        // 00 00 before the trailing 0x80 needs none
        assertThat(Hex.of(SeiWriter.write(Codec.H264, SeiMessage.of(100, Hex.bytes("0000")))))
                .isEqualTo("0664020000" + "80");
    }

    @Test
    void sizesOf255AndMoreUseFfRuns() {
        byte[] d255 = new byte[255];
        Arrays.fill(d255, (byte) 0x41);
        byte[] nal = SeiWriter.write(Codec.H264, SeiMessage.of(100, d255));
        assertThat(Hex.of(Arrays.copyOf(nal, 4))).isEqualTo("0664ff00");
        assertThat(nal).hasSize(4 + 255 + 1);
        assertThat(nal[nal.length - 1]).isEqualTo((byte) 0x80);

        byte[] d300 = new byte[300];
        Arrays.fill(d300, (byte) 0x41);
        nal = SeiWriter.write(Codec.H264, SeiMessage.of(100, d300));
        assertThat(Hex.of(Arrays.copyOf(nal, 4))).isEqualTo("0664ff2d");

        byte[] d676 = new byte[676 - 16];
        nal = SeiWriter.write(Codec.H264, SeiMessage.userData(UUID.randomUUID(), d676));
        assertThat(Hex.of(Arrays.copyOf(nal, 5))).isEqualTo("0605ffffa6");
    }

    @Test
    void typesOf255AndMoreUseFfRuns() {
        assertThat(Hex.of(SeiWriter.write(Codec.H264, SeiMessage.of(255, Hex.bytes("01")))))
                .isEqualTo("06ff00010180");
        assertThat(Hex.of(SeiWriter.write(Codec.HEVC, SeiMessage.of(300, Hex.bytes("01")))))
                .isEqualTo("4e01ff2d010180");
        assertThat(Hex.of(SeiWriter.write(Codec.H264, SeiMessage.of(0, new byte[0]))))
                .isEqualTo("06000080");
    }

    @Test
    void severalMessagesInOrder() {
        byte[] nal = SeiWriter.write(
                Codec.H264, List.of(SeiMessage.of(100, Hex.bytes("aa")), SeiMessage.of(200, Hex.bytes("bbcc"))));
        assertThat(Hex.of(nal)).isEqualTo("066401aa" + "c802bbcc" + "80");
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> SeiWriter.write(Codec.H264, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an SEI NAL needs at least one message");
        assertThatThrownBy(() -> SeiWriter.write(Codec.AAC, SeiMessage.of(100, new byte[1])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SEI is for h264 and hevc, not aac");
        assertThatThrownBy(() -> SeiMessage.of(5, new byte[1]))
                .hasMessage("payload type 5 needs a UUID: use SeiMessage.userData");
        assertThatThrownBy(() -> SeiMessage.of(65536, new byte[1]))
                .hasMessage("payload type 65536 (allowed 0 to 65535)");
        assertThatThrownBy(() -> SeiWriter.write(Codec.H264, SeiMessage.of(100, new byte[(1 << 20) + 1])))
                .hasMessage("SEI payload of 1048577 bytes exceeds 1048576");
    }
}
