package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import org.junit.jupiter.api.Test;

class AdtsTest {
    /** The first header ffmpeg's adts muxer wrote for 44.1 kHz stereo LC (frame of 345 bytes). */
    static final String FFMPEG_HEADER = "fff150802b3ffc";

    @Test
    void parsesFfmpegHeader() throws Exception {
        byte[] h = Hex.bytes(FFMPEG_HEADER);
        Adts a = Adts.parse(h, 0, h.length);
        assertThat(a.mpeg2()).isFalse();
        assertThat(a.protectionAbsent()).isTrue();
        assertThat(a.objectType()).isEqualTo(2);
        assertThat(a.sampleRate()).isEqualTo(44100);
        assertThat(a.channelConfiguration()).isEqualTo(2);
        assertThat(a.frameLength()).isEqualTo(345);
        assertThat(a.headerSize()).isEqualTo(7);
        assertThat(a.payloadLength()).isEqualTo(338);
        assertThat(a.bufferFullness()).isEqualTo(0x7ff);
        assertThat(a.rawDataBlocks()).isEqualTo(1);
        assertThat(Hex.of(a.toBytes())).isEqualTo(FFMPEG_HEADER);
        assertThat(Hex.of(a.toAudioSpecificConfig().write())).isEqualTo("1210");
        assertThat(Adts.of(a.toAudioSpecificConfig(), 338)).isEqualTo(a);
    }

    @Test
    void crcHeaderIsNineBytes() throws Exception {
        Adts a = new Adts(true, false, 1, 3, 1, 1, 1, 0, 1, 0, 9 + 100, 0x123, 2, 0xbeef);
        byte[] h = a.toBytes();
        assertThat(Hex.of(h)).isEqualTo("fff80e680da48dbeef");
        Adts back = Adts.parse(h, 0, h.length);
        assertThat(back).isEqualTo(a);
        assertThat(back.headerSize()).isEqualTo(9);
        assertThat(back.payloadLength()).isEqualTo(100);
        assertThatThrownBy(() -> Adts.parse(h, 0, 8))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("adts at byte 7 (truncated): CRC needs 2 bytes, 1 present");
    }

    @Test
    void frameLengthChecks() throws Exception {
        // frame length 6 < 7-byte header
        assertThatThrownBy(() -> Adts.parse(Hex.bytes("fff15080 00dffc"), 0, 7))
                .hasMessage("adts at byte 3: frame length 6 shorter than the 7-byte header");
        Adts a = Adts.parse(Hex.bytes(FFMPEG_HEADER), 0, 7);
        a.requireWhole(345);
        assertThatThrownBy(() -> a.requireWhole(300))
                .hasMessage("adts at byte 300 (truncated): frame of 345 bytes, 300 present");
        assertThatThrownBy(() -> Adts.of(AudioSpecificConfig.of(2, 44100, 2), 8185))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AAC frame of 8185 bytes does not fit ADTS");
        assertThat(Adts.of(AudioSpecificConfig.of(2, 44100, 2), 8184).frameLength())
                .isEqualTo(Adts.MAX_FRAME_LENGTH);
    }

    @Test
    void malformedHeaders() {
        assertThatThrownBy(() -> Adts.parse(Hex.bytes("fff1"), 0, 2))
                .hasMessage("adts at byte 0 (truncated): header needs 7 bytes, 2 present");
        assertThatThrownBy(() -> Adts.parse(Hex.bytes("ffe150802b3ffc"), 0, 7))
                .hasMessage("adts at byte 0: no sync word 0xFFF");
        assertThatThrownBy(() -> Adts.parse(Hex.bytes("fff350802b3ffc"), 0, 7))
                .hasMessage("adts at byte 1: layer 1 (must be 0)");
        assertThatThrownBy(() -> Adts.parse(Hex.bytes("fff174802b3ffc"), 0, 7))
                .hasMessage("adts at byte 2: sampling frequency index 13");
        assertThatThrownBy(() -> Adts.parse(Hex.bytes("fff150002b3ffc"), 0, 7).toAudioSpecificConfig())
                .hasMessage("adts at byte 3: channel configuration 0 (channels in an in-band program config element)");
    }

    @Test
    void heAacIsWrittenAsItsCore() throws Exception {
        Adts a = Adts.of(AudioSpecificConfig.parse(Hex.bytes("2b118800")), 10);
        assertThat(a.objectType()).isEqualTo(2);
        assertThat(a.sampleRate()).isEqualTo(24000);
        assertThat(a.channelConfiguration()).isEqualTo(2);
    }

    @Test
    void syncCheck() {
        assertThat(Adts.isSync(Hex.bytes("fff1"), 0)).isTrue();
        assertThat(Adts.isSync(Hex.bytes("fff9"), 0)).isTrue();
        assertThat(Adts.isSync(Hex.bytes("fff3"), 0)).isFalse();
        assertThat(Adts.isSync(Hex.bytes("ffe1"), 0)).isFalse();
    }
}
