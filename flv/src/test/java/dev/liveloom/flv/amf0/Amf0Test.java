package dev.liveloom.flv.amf0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Amf0Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyTypeRoundTrips() throws MediaParseException {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", 1.5);
        inner.put("", null);
        Map<String, Object> ecma = new LinkedHashMap<>();
        ecma.put("x", Amf0Undefined.UNDEFINED);
        List<Object> values = Arrays.asList(
                2.0,
                true,
                false,
                "hi",
                inner,
                null,
                Amf0Undefined.UNDEFINED,
                new Amf0Reference(3),
                new Amf0EcmaArray(ecma),
                List.of(1.0, "z"),
                new Amf0Date(1.0e12, (short) 0),
                "x".repeat(70_000));
        byte[] bytes = Amf0Writer.encode(values.toArray());
        assertThat(Amf0Reader.readAll(ByteBuffer.wrap(bytes))).isEqualTo(values);
    }

    @ParameterizedTest
    @CsvSource({
        "00 4000000000000000, 2.0",
        "0101, true",
        "020002 6869, hi",
        "0c00000002 6869, hi",
        "05, null",
        "06, UNDEFINED",
        "070003, Amf0Reference[index=3]",
        "0a00000002 00 3ff0000000000000 0101, '[1.0, true]'",
        "0b 426d1a94a2000000 0000, 'Amf0Date[epochMillis=1.0E12, timeZone=0]'",
        "03 0001 61 00 3ff8000000000000 0000 09, '{a=1.5}'",
        "08 00000007 0001 61 05 0000 09, 'Amf0EcmaArray[entries={a=null}]'"
    })
    void decodesExactBytes(String hex, String expected) throws MediaParseException {
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        Object v = new Amf0Reader(ByteBuffer.wrap(bytes)).readValue();
        assertThat(String.valueOf(v)).isEqualTo(expected);
    }

    @Test
    void writesExactBytes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1.5);
        assertThat(HEX.formatHex(Amf0Writer.encode("hi", m, true, null)))
                .isEqualTo("0200026869" + "030001610" + "03ff8000000000000" + "000009" + "0101" + "05");
        assertThat(HEX.formatHex(Amf0Writer.encode(new Amf0EcmaArray(Map.of()))))
                .isEqualTo("0800000000" + "000009");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | amf0 at byte 0 (truncated): type marker needs 1 bytes, 0 left",
                "00 3ff0 | amf0 at byte 1 (truncated): number needs 8 bytes, 2 left",
                "02 0005 6869 | amf0 at byte 3 (truncated): string needs 5 bytes, 2 left",
                "0c 01000000 | amf0 at byte 1: long string length 16777216 exceeds the limit 16777215",
                "0a 00100001 | amf0 at byte 1: strict array count 1048577 exceeds the limit 1048576",
                "0a 00000005 05 | amf0 at byte 0 (truncated): strict array of 5 elements in 1 bytes",
                "09 | amf0 at byte 0: object end marker outside an object",
                "0d | amf0 at byte 0: unsupported amf0 type unsupported",
                "10 | amf0 at byte 0: unsupported amf0 type typed object",
                "11 | amf0 at byte 0: unsupported amf0 type avmplus (AMF3)",
                "42 | amf0 at byte 0: unsupported amf0 type 0x42",
                "03 0001 61 | amf0 at byte 4 (truncated): type marker needs 1 bytes, 0 left",
                "03 0000 | amf0 at byte 3 (truncated): object end marker needs 1 bytes, 0 left"
            })
    void errors(String hex, String message) {
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        assertThatThrownBy(() -> new Amf0Reader(ByteBuffer.wrap(bytes)).readValue())
                .isInstanceOf(MediaParseException.class)
                .hasMessage(message);
    }

    @Test
    void nestingIsLimited() {
        byte[] bytes = new byte[4 * 70];
        for (int i = 0; i < 70; i++) {
            bytes[4 * i] = 0x03;
            bytes[4 * i + 1] = 0;
            bytes[4 * i + 2] = 1;
            bytes[4 * i + 3] = 'k';
        }
        assertThatThrownBy(() -> new Amf0Reader(ByteBuffer.wrap(bytes)).readValue())
                .isInstanceOf(MediaParseException.class)
                .hasMessage("amf0 at byte 256: nesting deeper than 64");
        Object nested = Map.of();
        for (int i = 0; i < 65; i++) {
            nested = Map.of("k", nested);
        }
        Object tooDeep = nested;
        assertThatThrownBy(() -> Amf0Writer.encode(tooDeep)).hasMessage("amf0 nesting deeper than 64");
    }

    @Test
    void onMetaDataOfAnFfmpegFile() throws MediaParseException {
        byte[] flv = Fixtures.bytes("h264-aac.flv");
        // the script tag at 13: its body of 293 bytes starts at 24
        OnMetaData m = OnMetaData.parse(ByteBuffer.wrap(flv, 24, 293));
        assertThat(m.duration()).isEqualTo(2.08);
        assertThat(m.width()).isEqualTo(320.0);
        assertThat(m.height()).isEqualTo(180.0);
        assertThat(m.frameRate()).isEqualTo(25.0);
        assertThat(m.videoCodecId()).isEqualTo(7.0);
        assertThat(m.audioCodecId()).isEqualTo(10.0);
        assertThat(m.audioSampleRate()).isEqualTo(44100.0);
        assertThat(m.properties().get("stereo")).isEqualTo(true);
        assertThat(m.keyframeFilePositions()).isEmpty();
        // written back as an ECMA array, it reads the same
        assertThat(OnMetaData.parse(ByteBuffer.wrap(m.toBytes()))).isEqualTo(m);
    }

    @Test
    void otherScriptDataIsNotMetadata() throws MediaParseException {
        assertThat(OnMetaData.parse(ByteBuffer.wrap(Amf0Writer.encode("onCuePoint", Map.of()))))
                .isNull();
        assertThatThrownBy(() -> OnMetaData.parse(ByteBuffer.wrap(Amf0Writer.encode("onMetaData", 1.0))))
                .hasMessage("amf0 at byte 13: onMetaData holds Double, expected an ecma array or object");
        assertThatThrownBy(() -> OnMetaData.parse(ByteBuffer.wrap(Amf0Writer.encode(1.0))))
                .hasMessage("amf0 at byte 0: expected a string, found Double");
    }
}
