package dev.liveloom.mp4;

import static dev.liveloom.mp4.Mp4Builder.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.mp4.box.Elst;
import dev.liveloom.mp4.box.Stco;
import dev.liveloom.mp4.box.Stsc;
import dev.liveloom.mp4.box.Stsz;
import dev.liveloom.mp4.box.Stts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit lists ffmpeg does not write, checked against ffprobe: AAC tracks (ffprobe keeps their key
 * flags, unlike fake H.264 payloads) with an edit starting inside a frame, several edits, and an
 * empty edit.
 */
@Tag("interop")
class SyntheticInteropTest {
    static final int N = 100;

    @TempDir
    Path dir;

    /** N AAC frames of 4 bytes at 44.1 kHz, one chunk, with the given edit list. */
    static byte[] audio(Elst elst) {
        byte[] moov = null;
        long base = 0;
        for (int pass = 0; pass < 2; pass++) {
            moov = moov(
                    1000,
                    trak(
                            1,
                            "soun",
                            44100,
                            elst == null ? null : box("edts", elst.write(0)),
                            stsd(mp4a(0x40)),
                            new Stts(new int[] {N}, new int[] {1024}).write(),
                            new Stsc(new int[] {1}, new int[] {N}, new int[] {1}).write(),
                            new Stsz(4, N, null).write(32),
                            new Stco(new long[] {base}).write(false)));
            base = ftyp().length + moov.length + 8;
        }
        return cat(ftyp(), moov, mdat(samples(N, 4), false));
    }

    void compare(String name, byte[] file) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, file);
        List<Mp4InteropTest.Pkt> theirs = Mp4InteropTest.ffprobe(f);
        Mp4Read r = Mp4Read.of(file);
        assertThat(r.error).isNull();
        assertThat(r.packets).hasSize(theirs.size());
        for (int i = 0; i < theirs.size(); i++) {
            MediaPacket p = r.packets.get(i);
            Mp4InteropTest.Pkt y = theirs.get(i);
            String at = name + " packet " + i + ": ours " + p + " ffprobe " + y;
            assertThat(Math.abs(p.dtsUs() - y.dtsUs())).as(at).isLessThanOrEqualTo(1000);
            assertThat(Math.abs(p.ptsUs() - y.ptsUs())).as(at).isLessThanOrEqualTo(1000);
            assertThat(p.key()).as(at).isEqualTo(y.key());
            assertThat(p.size()).as(at).isEqualTo(y.size());
            if (y.durationUs() >= 0) {
                assertThat(Math.abs(p.durationUs() - y.durationUs())).as(at).isLessThanOrEqualTo(1000);
            }
        }
    }

    @Test
    void editStartingInsideAFrame() throws Exception {
        compare("straddle.m4a", audio(new Elst(new long[] {1000}, new long[] {1500}, new int[] {0x10000})));
    }

    @Test
    void editStartingAfterOneSecond() throws Exception {
        compare("late.m4a", audio(new Elst(new long[] {500}, new long[] {50_000}, new int[] {0x10000})));
    }

    @Test
    void twoEdits() throws Exception {
        compare("two.m4a", audio(new Elst(new long[] {300, 300}, new long[] {0, 44100}, new int[] {0x10000, 0x10000})));
    }

    @Test
    void emptyEditThenMedia() throws Exception {
        compare("empty.m4a", audio(new Elst(new long[] {250, 1500}, new long[] {-1, 1024}, new int[] {0x10000, 0x10000
        })));
    }
}
