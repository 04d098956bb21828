package dev.liveloom.flv.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FlvHeadersTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void fileHeaderRoundTrip() throws MediaParseException {
        FlvHeader h = FlvHeader.read(ByteBuffer.wrap(HEX.parseHex("464c560105000000" + "09")));
        assertThat(h).isEqualTo(new FlvHeader(true, true, 9));
        ByteBuffer out = ByteBuffer.allocate(9);
        FlvHeader.of(false, true).write(out);
        assertThat(HEX.formatHex(out.array())).isEqualTo("464c560101" + "00000009");
        assertThat(FlvHeader.sniff(ByteBuffer.wrap(HEX.parseHex("464c5601")))).isTrue();
        assertThat(FlvHeader.sniff(ByteBuffer.wrap(HEX.parseHex("464c5602")))).isFalse();
        assertThat(FlvHeader.sniff(ByteBuffer.wrap(HEX.parseHex("464c56")))).isFalse();
        assertThatThrownBy(() -> FlvHeader.read(ByteBuffer.wrap(HEX.parseHex("464c4601050000000009"))))
                .hasMessage("flv header at byte 0: no FLV signature");
    }

    @Test
    void tagHeaderRoundTrip() throws MediaParseException {
        String hex = "09" + "000a0b" + "563412" + "78" + "000000";
        FlvTagHeader h = FlvTagHeader.read(ByteBuffer.wrap(HEX.parseHex(hex)));
        assertThat(h).isEqualTo(new FlvTagHeader(9, false, 0x0a0b, 0x78563412L, 0));
        assertThat(h.tagSize()).isEqualTo(11 + 0x0a0b);
        ByteBuffer out = ByteBuffer.allocate(11);
        h.write(out);
        assertThat(HEX.formatHex(out.array())).isEqualTo(hex);
        // reserved bits are ignored, the filter bit is kept
        FlvTagHeader f = FlvTagHeader.read(ByteBuffer.wrap(HEX.parseHex("e8" + "000000" + "000000" + "00" + "000001")));
        assertThat(f).isEqualTo(new FlvTagHeader(8, true, 0, 0, 1));
        assertThatThrownBy(() -> FlvTagHeader.read(ByteBuffer.wrap(HEX.parseHex("0900"))))
                .hasMessage("flv tag at byte 0 (truncated): tag header needs 11 bytes, 2 left");
        assertThatThrownBy(() -> FlvTagHeader.of(9, 1 << 24, 0)).hasMessage("tag data size 16777216");
    }
}
