package dev.liveloom.ts.pes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PesLayerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void videoHeaderWithPtsAndDts() throws MediaParseException {
        // ffmpeg's first video PES of h264-aac.ts: PTS 133200 (1.48 s), DTS 126000 (1.4 s)
        String ffmpeg = "000001e0000080c00a" + "31000910a1" + "110007d861";
        PesHeader h = PesHeader.read(HEX.parseHex(ffmpeg), 0, 19);
        assertThat(h).isEqualTo(new PesHeader(0xe0, 0, false, 133200, 126000, 19));
        assertThat(h.decodeTime()).isEqualTo(126000);
        byte[] w = new byte[19];
        PesHeader.of(0xe0, 0, 133200, 126000).write(w, 0);
        // ours sets data_alignment_indicator
        assertThat(HEX.formatHex(w)).isEqualTo("000001e0000084c00a" + "31000910a1" + "110007d861");
    }

    @Test
    void audioHeaderPtsOnlyAndWrapValue() throws MediaParseException {
        PesHeader h = PesHeader.of(0xc0, 100, (1L << 33) - 1, -1);
        byte[] w = new byte[h.headerSize()];
        h.write(w, 0);
        assertThat(HEX.formatHex(w)).isEqualTo("000001c00064848005" + "2fffffffff");
        assertThat(PesHeader.read(w, 0, w.length).pts()).isEqualTo((1L << 33) - 1);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> PesHeader.read(HEX.parseHex("000002e00000"), 0, 6))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("ts pes at byte 0: no start code prefix (00 00 02)");
        assertThatThrownBy(() -> PesHeader.read(HEX.parseHex("000001e0000040c00a"), 0, 9))
                .hasMessage("ts pes at byte 6: marker bits of 40 are not '10'");
        assertThatThrownBy(() -> PesHeader.read(HEX.parseHex("000001e0000080c003000000"), 0, 12))
                .hasMessage("ts pes at byte 8: header data of 3 bytes cannot hold PTS/DTS");
        assertThatThrownBy(() -> PesHeader.read(HEX.parseHex("000001e0000080800a"), 0, 9))
                .hasMessage("ts pes at byte 8 (truncated): header needs 19 bytes, 9 present");
        assertThatThrownBy(() -> PesHeader.read(HEX.parseHex("000001e00000804000"), 0, 9))
                .hasMessage("ts pes at byte 7: PTS_DTS_flags 01 (forbidden)");
    }

    @Test
    void unwrapAcross2To33() {
        TimestampUnwrapper u = new TimestampUnwrapper();
        long wrap = 1L << 33;
        assertThat(u.unwrap(wrap - 3000)).isEqualTo(wrap - 3000);
        assertThat(u.unwrap(1000)).isEqualTo(wrap + 1000);
        assertThat(u.unwrap(wrap - 100)).isEqualTo(wrap - 100); // a B-frame PTS from before the wrap
        assertThat(u.unwrap(5000)).isEqualTo(wrap + 5000);
        assertThat(u.unwrap(wrap - 10)).isEqualTo(wrap - 10);
        assertThat(u.unwrap(10)).isEqualTo(wrap + 10);
    }

    @Test
    void ticksAndMicros() {
        assertThat(TimestampUnwrapper.ticksToUs(90_000)).isEqualTo(1_000_000);
        assertThat(TimestampUnwrapper.ticksToUs(1)).isEqualTo(11);
        for (long t = 0; t < 100_000; t += 7) {
            assertThat(TimestampUnwrapper.usToTicks(TimestampUnwrapper.ticksToUs(t)))
                    .isEqualTo(t);
        }
    }
}
