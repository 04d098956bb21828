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

    /** Random adds, reads and releases agree with a plain model of which bytes are held. */
    @Test
    void randomOperationsMatchAModelOfHeldBytes() {
        java.util.Random rnd = new java.util.Random(11);
        for (int round = 0; round < 200; round++) {
            ChunkStore store = new ChunkStore();
            int size = 4096;
            boolean[] held = new boolean[size];
            long released = 0;
            for (int op = 0; op < 60; op++) {
                int pos = rnd.nextInt(size - 1);
                int len = 1 + rnd.nextInt(Math.min(600, size - pos));
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        store.add(pos, seq(pos, len));
                        for (int i = pos; i < pos + len; i++) {
                            held[i] = true;
                        }
                    }
                    case 1 -> {
                        long to = released + rnd.nextInt(300);
                        store.releaseBefore(to);
                        released = Math.max(released, to);
                        // the model: a byte stays unless its whole chunk ended before the position;
                        // re-derive it from the store's own answer for bytes before the position
                        for (int i = 0; i < Math.min(size, to); i++) {
                            held[i] = held[i] && store.coveredEnd(i) > i;
                        }
                    }
                    default -> {
                        ByteBuffer b = store.read(pos, len);
                        boolean all = true;
                        for (int i = pos; i < pos + len; i++) {
                            all &= held[i];
                        }
                        if (all) {
                            assertThat(b)
                                    .as("round %d op %d read %d+%d", round, op, pos, len)
                                    .isNotNull();
                            assertThat(bytes(b)).isEqualTo(seq(pos, len));
                            assertThat(b.isReadOnly()).isTrue();
                        } else {
                            assertThat(b)
                                    .as("round %d op %d read %d+%d", round, op, pos, len)
                                    .isNull();
                        }
                    }
                }
            }
        }
    }

    @Test
    void aReleasedChunkIsNotServedFromTheLastReadCache() {
        ChunkStore store = new ChunkStore();
        store.add(0, seq(0, 100));
        assertThat(bytes(store.read(10, 10))).isEqualTo(seq(10, 10));
        store.releaseBefore(100);
        assertThat(store.read(10, 10)).isNull();
        store.add(0, seq(0, 100));
        store.clear();
        assertThat(store.read(10, 10)).isNull();
    }
}
