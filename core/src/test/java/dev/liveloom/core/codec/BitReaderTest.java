package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import org.junit.jupiter.api.Test;

class BitReaderTest {
    @Test
    void readsBitsMsbFirst() throws Exception {
        BitReader r = new BitReader(Hex.bytes("a5 0f f0 12 34 56 78 9a"), "test");
        assertThat(r.readBit()).isEqualTo(1);
        assertThat(r.readBits(3)).isEqualTo(2);
        assertThat(r.readBits(8)).isEqualTo(0x50);
        assertThat(r.readBits(12)).isEqualTo(0xff0);
        assertThat(r.readBits(32)).isEqualTo(0x12345678);
        assertThat(r.bitsLeft()).isEqualTo(8);
        assertThat(r.readBitsLong(8)).isEqualTo(0x9a);
        assertThat(r.bitsLeft()).isZero();
    }

    @Test
    void readsExpGolomb() throws Exception {
        // ue: 1 -> 0, 010 -> 1, 011 -> 2, 00100 -> 3, 00111 -> 6; then se: 010 -> 1, 011 -> -1, 00100 -> 2
        // bits: 1 010 011 00100 00111 010 011 00100 (+ padding)
        BitReader r = new BitReader(Hex.bytes("a6 43 a6 40"), "test");
        assertThat(r.readUeLong()).isEqualTo(0);
        assertThat(r.readUe()).isEqualTo(1);
        assertThat(r.readUe()).isEqualTo(2);
        assertThat(r.readUe()).isEqualTo(3);
        assertThat(r.readUe()).isEqualTo(6);
        assertThat(r.readSe()).isEqualTo(1);
        assertThat(r.readSe()).isEqualTo(-1);
        assertThat(r.readSe()).isEqualTo(2);
    }

    @Test
    void writerProducesTheSameBits() {
        BitWriter w = new BitWriter(1);
        w.writeUe(0)
                .writeUe(1)
                .writeUe(2)
                .writeUe(3)
                .writeUe(6)
                .writeSe(1)
                .writeSe(-1)
                .writeSe(2);
        assertThat(Hex.of(w.toByteArray())).isEqualTo("a643a640");
        BitWriter w2 = new BitWriter();
        w2.writeBit(1).writeBits(2, 3).writeBits(0x50, 8).writeBits(0xff0, 12).writeBits(0x12345678L, 32);
        assertThat(Hex.of(w2.toByteArray())).isEqualTo("a50ff012345678");
        assertThat(w2.bitPosition()).isEqualTo(56);
    }

    @Test
    void roundTripsLargestExpGolomb() throws Exception {
        BitWriter w = new BitWriter();
        w.writeUe(0xFFFFFFFEL)
                .writeSe(Integer.MIN_VALUE + 1)
                .writeSe(Integer.MAX_VALUE)
                .writeTrailingBits();
        BitReader r = new BitReader(w.toByteArray(), "test");
        assertThat(r.readUeLong()).isEqualTo(0xFFFFFFFEL);
        assertThat(r.readSe()).isEqualTo(Integer.MIN_VALUE + 1);
        assertThat(r.readSe()).isEqualTo(Integer.MAX_VALUE);
        assertThat(r.moreRbspData()).isFalse();
    }

    @Test
    void readingPastTheEndIsTruncatedWithLayer() throws Exception {
        BitReader r = new BitReader(Hex.bytes("ff 00"), "h264 sps");
        r.readBits(12);
        assertThatThrownBy(() -> r.readBits(5))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("h264 sps at byte 1 (truncated): needs 5 more bits, 4 left")
                .extracting(e -> ((MediaParseException) e).kind())
                .isEqualTo(MediaParseException.Kind.TRUNCATED);
    }

    @Test
    void expGolombRunningOffTheEndIsTruncated() {
        BitReader r = new BitReader(Hex.bytes("00 00"), "h265 sps");
        assertThatThrownBy(r::readUe)
                .isInstanceOf(MediaParseException.class)
                .hasMessage("h265 sps at byte 2 (truncated): needs 1 more bits, 0 left");
    }

    @Test
    void tooManyLeadingZerosIsMalformed() {
        BitReader r = new BitReader(Hex.bytes("00 00 00 00 80"), "test");
        assertThatThrownBy(r::readUe).hasMessage("test at byte 0: exp-golomb code with more than 31 leading zero bits");
    }

    @Test
    void boundedUeNamesTheField() {
        BitReader r = new BitReader(Hex.bytes("08 80"), "h264 sps"); // 0000 10001: ue = 16
        assertThatThrownBy(() -> r.readUe("max_num_ref_frames", 15))
                .hasMessage("h264 sps at byte 0: max_num_ref_frames 16 exceeds 15");
    }

    @Test
    void moreRbspDataStopsAtTheStopBit() throws Exception {
        BitReader r = new BitReader(Hex.bytes("a0 80 00"), "test"); // 1010 0000 | 1 stop bit, zero padding
        r.readBits(8);
        assertThat(r.moreRbspData()).isFalse();
        BitReader r2 = new BitReader(Hex.bytes("a0 c0"), "test");
        r2.readBits(8);
        assertThat(r2.moreRbspData()).isTrue();
        r2.readBit();
        assertThat(r2.moreRbspData()).isFalse();
    }

    @Test
    void readsASubRange() throws Exception {
        BitReader r = new BitReader(Hex.bytes("00 ff 11 00"), 1, 2, "test");
        assertThat(r.readBits(16)).isEqualTo(0xff11);
        assertThatThrownBy(r::readBit).isInstanceOf(MediaParseException.class);
    }
}
