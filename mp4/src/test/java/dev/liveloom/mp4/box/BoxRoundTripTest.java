package dev.liveloom.mp4.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every box's read/write pair, with hex literals for the wire form. */
class BoxRoundTripTest {
    static final HexFormat HEX = HexFormat.of();

    /** The box in {@code bytes} (header included) as a {@link Box} at source offset 100. */
    static Box box(byte[] bytes) throws MediaParseException {
        BoxHeader h = BoxHeader.read(ByteBuffer.wrap(bytes), 100);
        return new Box(
                h.type(),
                100 + h.headerSize(),
                ByteBuffer.wrap(bytes, h.headerSize(), bytes.length - h.headerSize())
                        .slice());
    }

    @Test
    void headerForms() throws Exception {
        BoxHeader small = BoxHeader.read(ByteBuffer.wrap(HEX.parseHex("0000001066747970")), 0);
        assertThat(small).isEqualTo(new BoxHeader(0, BoxHeader.FTYP, 16, 8));
        BoxHeader large = BoxHeader.read(ByteBuffer.wrap(HEX.parseHex("000000016d6461740000000100000010")), 5);
        assertThat(large).isEqualTo(new BoxHeader(5, BoxHeader.MDAT, 0x100000010L, 16));
        BoxHeader toEnd = BoxHeader.read(ByteBuffer.wrap(HEX.parseHex("000000006d646174")), 0);
        assertThat(toEnd.toEnd()).isTrue();
        assertThat(BoxHeader.read(ByteBuffer.wrap(HEX.parseHex("0000000166747970")), 0))
                .isNull();
        for (BoxHeader h : new BoxHeader[] {small, large}) {
            ByteBuffer out = ByteBuffer.allocate(h.headerSize());
            h.write(out);
            assertThat(BoxHeader.read(out.flip(), h.offset())).isEqualTo(h);
        }
        assertThatThrownBy(() -> BoxHeader.read(ByteBuffer.wrap(HEX.parseHex("0000000466747970")), 7))
                .hasMessage("mp4 box at byte 7: box ftyp has size 4 < 8");
        assertThatThrownBy(() -> BoxHeader.read(ByteBuffer.wrap(HEX.parseHex("000000016d6461747ffffffffffffff0")), 32))
                .hasMessage("mp4 box at byte 32: box mdat of 9223372036854775792 bytes ends past 2^63");
    }

    @Test
    void stts() throws Exception {
        byte[] b = new Stts(new int[] {3, 1}, new int[] {512, 256}).write();
        assertThat(HEX.formatHex(b)).isEqualTo("0000002073747473000000000000000200000003000002000000000100000100");
        Stts s = Stts.read(box(b));
        assertThat(s.counts()).containsExactly(3, 1);
        assertThat(s.deltas()).containsExactly(512, 256);
    }

    @Test
    void cttsVersion1Signed() throws Exception {
        byte[] b = new Ctts(1, new int[] {2}, new int[] {-512}).write();
        assertThat(HEX.formatHex(b)).isEqualTo("00000018637474730100000000000001" + "00000002fffffe00");
        Ctts c = Ctts.read(box(b));
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.offsets()).containsExactly(-512);
    }

    @Test
    void entryCountBeyondBoxIsTruncated() {
        // stts claiming 2 entries with bytes for one
        byte[] b = HEX.parseHex("00000018737474730000000000000002" + "0000000300000200");
        assertThatThrownBy(() -> Stts.read(box(b)))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("mp4 stts at byte 116 (truncated): entry_count 2 needs 16 bytes, box has 8");
    }

    @Test
    void stssStscStco() throws Exception {
        assertThat(Stss.read(box(new Stss(new int[] {1, 26}).write())).samples())
                .containsExactly(1, 26);
        Stsc c = Stsc.read(box(new Stsc(new int[] {1, 5}, new int[] {3, 2}, new int[] {1, 1}).write()));
        assertThat(c.firstChunks()).containsExactly(1, 5);
        assertThat(c.samplesPerChunk()).containsExactly(3, 2);
        byte[] co64 = new Stco(new long[] {0x1_0000_0000L}).write(true);
        assertThat(HEX.formatHex(co64)).isEqualTo("00000018636f3634000000000000000100000001" + "00000000");
        assertThat(Stco.read(box(co64)).offsets()).containsExactly(0x1_0000_0000L);
        assertThat(Stco.read(box(new Stco(new long[] {0xffff_fff0L}).write(false)))
                        .offsets())
                .containsExactly(0xffff_fff0L);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16, 32})
    void stszAndStz2(int fieldSize) throws Exception {
        int[] sizes = {1, 15, 3};
        byte[] b = new Stsz(0, 3, sizes).write(fieldSize);
        Stsz s = Stsz.read(box(b));
        assertThat(s.count()).isEqualTo(3);
        assertThat(new int[] {s.size(0), s.size(1), s.size(2)}).containsExactly(1, 15, 3);
        if (fieldSize == 4) {
            assertThat(HEX.formatHex(b)).isEqualTo("0000001673747a32000000000000000400000003" + "1f30");
        }
    }

    @Test
    void stszConstant() throws Exception {
        Stsz s = Stsz.read(box(new Stsz(371, 1000, null).write(32)));
        assertThat(s.sizes()).isNull();
        assertThat(s.size(999)).isEqualTo(371);
    }

    @Test
    void elstBothVersions() throws Exception {
        Elst e = new Elst(new long[] {500, 2000}, new long[] {-1, 1024}, new int[] {0x10000, 0x10000});
        byte[] v0 = e.write(0);
        assertThat(HEX.formatHex(v0))
                .isEqualTo(
                        "00000028656c73740000000000000002" + "000001f4ffffffff00010000" + "000007d00000040000010000");
        for (byte[] b : new byte[][] {v0, e.write(1)}) {
            Elst r = Elst.read(box(b));
            assertThat(r.durations()).containsExactly(500, 2000);
            assertThat(r.mediaTimes()).containsExactly(-1, 1024);
        }
    }

    @Test
    void esdsAac() throws Exception {
        byte[] b = new Esds(0x40, new byte[] {0x12, 0x10}).write();
        Esds e = Esds.read(box(b));
        assertThat(e.objectTypeIndication()).isEqualTo(0x40);
        assertThat(e.specificInfo()).containsExactly(0x12, 0x10);
        assertThat(e.isAac()).isTrue();
        assertThat(new Esds(0x6B, new byte[0]).codecName()).isEqualTo("mp3");
    }

    @Test
    void fragmentBoxes() throws Exception {
        Trex trex = new Trex(1, 1, 512, 100, 0x10000);
        assertThat(Trex.read(box(trex.write()))).isEqualTo(trex);
        Tfhd tfhd = new Tfhd(Tfhd.BASE_DATA_OFFSET | Tfhd.DEFAULT_SIZE, 1, 4096, 1, 512, 77, 0x10000);
        Tfhd back = Tfhd.read(box(tfhd.write()), trex);
        assertThat(back.baseDataOffset()).isEqualTo(4096);
        assertThat(back.size()).isEqualTo(77);
        assertThat(back.duration()).isEqualTo(512); // from trex
        assertThat(Tfdt.read(box(Tfdt.write(1L << 40, 1)))).isEqualTo(1L << 40);
        assertThat(Tfdt.read(box(Tfdt.write(90_000, 0)))).isEqualTo(90_000);
        int flags = Trun.DATA_OFFSET | Trun.FIRST_SAMPLE_FLAGS | Trun.SAMPLE_SIZE | Trun.SAMPLE_CTS;
        Trun t = new Trun(
                1,
                flags,
                true,
                120,
                2,
                new int[] {512, 512},
                new int[] {10, 20},
                new int[] {0x02000000, 0x10000},
                new int[] {-512, 512});
        Trun r = Trun.read(box(t.write()), back);
        assertThat(r.dataOffset()).isEqualTo(120);
        assertThat(r.sizes()).containsExactly(10, 20);
        assertThat(r.compositionOffsets()).containsExactly(-512, 512);
        assertThat(r.sampleFlags()).containsExactly(0x02000000, 0x10000);
        assertThat(r.durations()).containsExactly(512, 512);
    }
}
