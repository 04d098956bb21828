package dev.liveloom.ts.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TsPacketLayerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void headerReadWrite() {
        byte[] b = HEX.parseHex("47410030");
        TsPacketHeader h = TsPacketHeader.read(b, 0);
        assertThat(h).isEqualTo(new TsPacketHeader(false, true, false, 0x100, 0, true, true, 0));
        byte[] w = new byte[4];
        h.write(w, 0);
        assertThat(w).isEqualTo(b);
        TsPacketHeader all = new TsPacketHeader(true, false, true, 0x1fff, 3, false, true, 15);
        all.write(w, 0);
        assertThat(HEX.formatHex(w)).isEqualTo("47bfffdf");
        assertThat(TsPacketHeader.read(w, 0)).isEqualTo(all);
        assertThat(TsPacketHeader.pid(w, 0)).isEqualTo(0x1fff);
        assertThatThrownBy(() -> TsPacketHeader.of(0x2000, false, false, true, 0))
                .hasMessage("PID 8192 (allowed 0 to 8191)");
    }

    @Test
    void adaptationFieldWithPcr() throws MediaParseException {
        // length 7, flags RAI + PCR, PCR base 126000 ext 0
        byte[] b = HEX.parseHex("07500000f6187e00");
        AdaptationField af = AdaptationField.read(b, 0, 184);
        assertThat(af).isEqualTo(new AdaptationField(7, false, true, 126000L * 300));
        byte[] w = new byte[8];
        af.write(w, 0);
        assertThat(w).isEqualTo(b);
        assertThat(af.size()).isEqualTo(8);
    }

    @Test
    void adaptationFieldPcrExtensionAndStuffing() throws MediaParseException {
        long pcr = ((1L << 33) - 1) * 300 + 299;
        AdaptationField af = new AdaptationField(10, true, false, pcr);
        byte[] w = new byte[11];
        af.write(w, 0);
        assertThat(HEX.formatHex(w)).isEqualTo("0a90" + "ffffffffff2b" + "ffffff");
        assertThat(AdaptationField.read(w, 0, 11)).isEqualTo(af);
        byte[] stuffingOnly = HEX.parseHex("00");
        assertThat(AdaptationField.read(stuffingOnly, 0, 184).size()).isEqualTo(1);
    }

    @Test
    void adaptationFieldErrors() {
        assertThatThrownBy(() -> AdaptationField.read(HEX.parseHex("b8"), 0, 184))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("ts adaptation field at byte 0: length 184 exceeds the 183 bytes left in the packet");
        assertThatThrownBy(() -> AdaptationField.read(HEX.parseHex("0310000000"), 0, 184))
                .hasMessage("ts adaptation field at byte 0: length 3 too short for its PCR");
    }
}
