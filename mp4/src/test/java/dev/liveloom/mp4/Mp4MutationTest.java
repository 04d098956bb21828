package dev.liveloom.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Mutations;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed mutants of real files: 25k per box family region (moov-first sample tables, moov-last
 * sample tables with edit lists, moof fragments, a whole small m4a). The demuxer must answer every
 * one with packets and at most a {@link MediaParseException}.
 */
class Mp4MutationTest {
    static final int MUTANTS = 25_000;

    /** Mutates {@code [from, to)} of the file and keeps the rest as it was. */
    static void run(String fixture, String box, int index, long seed) {
        byte[] file = Fixtures.bytes(fixture);
        int[] region = region(file, box, index);
        byte[] head = java.util.Arrays.copyOfRange(file, 0, region[0]);
        byte[] mid = java.util.Arrays.copyOfRange(file, region[0], region[1]);
        byte[] tail = java.util.Arrays.copyOfRange(file, region[1], file.length);
        Mutations m = new Mutations(seed);
        int failures = 0;
        int packets = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutated = m.mutate(mid);
            byte[] all = ByteBuffer.allocate(head.length + mutated.length + tail.length)
                    .put(head)
                    .put(mutated)
                    .put(tail)
                    .array();
            Mp4Read r;
            try {
                r = Mp4Read.of(all);
            } catch (RuntimeException e) {
                throw new AssertionError(fixture + " mutant " + i + " threw " + e, e);
            }
            if (r.error != null) {
                assertThat(r.error).as(fixture + " mutant " + i).isInstanceOf(MediaParseException.class);
                failures++;
            }
            packets += r.packets.size();
        }
        // the mutants must exercise both outcomes
        assertThat(failures).isBetween(1, MUTANTS - 1);
        assertThat(packets).isPositive();
    }

    /** The byte range of the {@code index}-th top-level box of type {@code box}. */
    static int[] region(byte[] file, String box, int index) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int p = 0;
        int seen = 0;
        while (p + 8 <= file.length) {
            int size = b.getInt(p);
            String type = new String(file, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (type.equals(box) && seen++ == index) {
                return new int[] {p, p + size};
            }
            p += size;
        }
        throw new IllegalArgumentException(box + " not in file");
    }

    @Test
    void moovFirstSampleTables() {
        run("h264-main-bframes.mp4", "moov", 0, 1);
    }

    @Test
    void moovLastWithEditLists() {
        run("h264-editlist-cut.mp4", "moov", 0, 2);
    }

    @Test
    void fragments() {
        run("h264-fragmented.mp4", "moof", 0, 3);
    }

    @Test
    void wholeSmallM4a() {
        byte[] file = Fixtures.bytes("aac-16000-1ch.m4a");
        Mutations m = new Mutations(4);
        for (int i = 0; i < MUTANTS; i++) {
            Mp4Read r = Mp4Read.of(m.mutate(file));
            if (r.error != null) {
                assertThat(r.error).as("mutant " + i).isInstanceOf(MediaParseException.class);
            }
        }
    }
}
