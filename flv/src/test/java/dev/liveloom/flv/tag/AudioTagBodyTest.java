package dev.liveloom.flv.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioTagBodyTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "af001210, 15, true, 1210",
        "af01de0200, 15, false, de0200",
        "ae01, 14, false, ''",
        "a201ff, 2, false, ff"
    })
    void parsesAndWritesBack(String hex, int flags, boolean sequenceHeader, String data) throws MediaParseException {
        AudioTagBody b = AudioTagBody.parse(ByteBuffer.wrap(HEX.parseHex(hex)));
        assertThat(b.flags()).isEqualTo(flags);
        assertThat(b.sequenceHeader()).isEqualTo(sequenceHeader);
        assertThat(HEX.formatHex(VideoTagBodyTest.bytes(b.data()))).isEqualTo(data);
        assertThat(HEX.formatHex(b.toBytes())).isEqualTo(hex);
    }

    @ParameterizedTest
    @CsvSource({
        "'', flv audio at byte 0 (truncated): empty audio tag body",
        "af, flv audio at byte 1 (truncated): AACPacketType missing",
        "af02, flv audio at byte 1: AACPacketType 2",
        "2f, flv audio at byte 0: unsupported audio codec mp3",
        "ef, flv audio at byte 0: unsupported audio codec mp3",
        "0e, flv audio at byte 0: unsupported audio codec pcm_s16le",
        "0c, flv audio at byte 0: unsupported audio codec pcm_u8",
        "1f, flv audio at byte 0: unsupported audio codec adpcm_swf",
        "3e, flv audio at byte 0: unsupported audio codec pcm_s16le",
        "4e, flv audio at byte 0: unsupported audio codec nellymoser",
        "6e, flv audio at byte 0: unsupported audio codec nellymoser",
        "8e, flv audio at byte 0: unsupported audio codec pcm_mulaw",
        "be, flv audio at byte 0: unsupported audio codec speex",
        "9e, flv audio at byte 0: unsupported audio codec id 9",
        "fe, flv audio at byte 0: unsupported audio codec id 15"
    })
    void errors(String hex, String message) {
        assertThatThrownBy(() -> AudioTagBody.parse(ByteBuffer.wrap(HEX.parseHex(hex))))
                .isInstanceOf(MediaParseException.class)
                .hasMessage(message);
    }

    @Test
    void aacFactoryWritesFfmpegFlags() {
        assertThat(HEX.formatHex(AudioTagBody.aac(true, ByteBuffer.wrap(HEX.parseHex("1210")))
                        .toBytes()))
                .isEqualTo("af001210");
    }
}
