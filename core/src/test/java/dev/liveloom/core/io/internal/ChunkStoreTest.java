package dev.liveloom.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ChunkStoreTest {

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static byte[] seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void readWithinOneChunkIsAViewAndAcrossChunksACopy() {
        ChunkStore s = new ChunkStore();
        byte[] a = seq(0, 10);
        s.add(0, a);
        s.add(10, seq(10, 10));
        ByteBuffer view = s.read(2, 5);
        assertThat(view.isReadOnly()).isTrue();
        assertThat(bytes(view)).containsExactly(0x02, 0x03, 0x04, 0x05, 0x06);
        assertThat(view.hasArray()).isFalse();
        assertThat(bytes(s.read(8, 4))).containsExactly(0x08, 0x09, 0x0a, 0x0b);
        assertThat(s.read(15, 6)).isNull();
        assertThat(s.coveredEnd(3)).isEqualTo(20);
        assertThat(s.coveredEnd(20)).isEqualTo(20);
        assertThat(s.heldBytes()).isEqualTo(20);
        assertThat(s.read(7, 0).remaining()).isZero();
    }

    @Test
    void overlappingBytesAreDroppedAndHolesStay() {
        ChunkStore s = new ChunkStore();
        s.add(100, seq(100, 10));
        s.add(95, seq(95, 20)); // overlaps [100,110): only [95,100) and [110,115) are new
        assertThat(s.heldBytes()).isEqualTo(20);
        assertThat(s.chunkCount()).isEqualTo(3);
        assertThat(bytes(s.read(95, 20))).isEqualTo(seq(95, 20));
        s.add(200, seq(200 & 0xff, 5));
        assertThat(s.coveredEnd(95)).isEqualTo(115);
        assertThat(s.read(110, 100)).isNull();
        assertThat(s.heldFrom(112)).isEqualTo(3 + 5);
    }

    @Test
    void releaseDropsOnlyChunksEndingBeforeThePosition() {
        ChunkStore s = new ChunkStore();
        s.add(0, seq(0, 10));
        s.add(10, seq(10, 10));
        s.add(20, seq(20, 10));
        ByteBuffer handedOut = s.read(0, 10);
        s.releaseBefore(15);
        assertThat(s.chunkCount()).isEqualTo(2);
        assertThat(s.heldBytes()).isEqualTo(20);
        assertThat(s.read(5, 1)).isNull();
        assertThat(bytes(s.read(10, 20))).isEqualTo(seq(10, 20));
        assertThat(bytes(handedOut)).isEqualTo(seq(0, 10));
        s.clear();
        assertThat(s.heldBytes()).isZero();
    }

    @Test
    void addWithOffsetCopiesTheSlice() {
        ChunkStore s = new ChunkStore();
        byte[] src = seq(0, 10);
        s.add(1000, src, 3, 4);
        src[3] = 99;
        assertThat(bytes(s.read(1000, 4))).containsExactly(3, 4, 5, 6);
    }
}
