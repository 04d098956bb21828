package dev.liveloom.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our packets against {@code ffprobe -show_packets -of csv} for every fixture, per track in decode
 * order: count, dts and pts within 1 ms, key flag and size. (ffmpeg interleaves tracks by file
 * position within a second of each other; liveloom interleaves by decode time, so the comparison is
 * per track.)
 */
@Tag("interop")
class Mp4InteropTest {

    /** durationUs is -1 when ffprobe prints N/A. */
    record Pkt(int track, long dtsUs, long ptsUs, boolean key, int size, long durationUs) {}

    static java.util.stream.Stream<String> fixtures() throws IOException {
        return Mp4FixtureTest.fixtures().filter(n -> !n.startsWith("unsupported"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void matchesFfprobe(String name) throws Exception {
        List<Pkt> theirs = ffprobe(name);
        Mp4Read r = Mp4Read.fixture(name);
        assertThat(r.error).as("error").isNull();
        int tracks = r.demuxer.tracks().size();
        for (int t = 0; t < tracks; t++) {
            List<Pkt> a = new ArrayList<>();
            List<Pkt> b = new ArrayList<>();
            for (MediaPacket p : r.packets) {
                if (p.track() == t) {
                    a.add(new Pkt(t, p.dtsUs(), p.ptsUs(), p.key(), p.size(), p.durationUs()));
                }
            }
            for (Pkt p : theirs) {
                if (p.track() == t) {
                    b.add(p);
                }
            }
            assertThat(a.size()).as("track %d packet count", t).isEqualTo(b.size());
            for (int i = 0; i < a.size(); i++) {
                Pkt x = a.get(i);
                Pkt y = b.get(i);
                String at = "track " + t + " packet " + i + ": ours " + x + " ffprobe " + y;
                assertThat(Math.abs(x.dtsUs() - y.dtsUs())).as(at).isLessThanOrEqualTo(1000);
                assertThat(Math.abs(x.ptsUs() - y.ptsUs())).as(at).isLessThanOrEqualTo(1000);
                assertThat(x.key()).as(at).isEqualTo(y.key());
                assertThat(x.size()).as(at).isEqualTo(y.size());
                // ffprobe's fragment durations do not follow trun (h264-fragmented.mp4: N/A for the
                // first audio packet, 1024 for the last where trun says 136), so durations are
                // compared for progressive files only, where they come from stts
                if (y.durationUs() >= 0 && !name.contains("fragmented")) {
                    assertThat(Math.abs(x.durationUs() - y.durationUs())).as(at).isLessThanOrEqualTo(1000);
                }
            }
        }
        assertThat(theirs.stream().mapToInt(Pkt::track).max().orElse(-1)).isEqualTo(tracks - 1);
    }

    static List<Pkt> ffprobe(String name) throws Exception {
        return ffprobe(Fixtures.media(name));
    }

    static List<Pkt> ffprobe(java.nio.file.Path file) throws Exception {
        Process p = new ProcessBuilder(
                        "ffprobe",
                        "-v",
                        "error",
                        "-show_packets",
                        "-show_entries",
                        "packet=stream_index,pts_time,dts_time,duration_time,size,flags",
                        "-of",
                        "csv=p=0",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<Pkt> list = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank() || !Character.isDigit(line.charAt(0))) {
                continue; // side data lines
            }
            String[] f = line.split(",");
            // csv order: stream_index, pts_time, dts_time, duration_time, size, flags
            list.add(new Pkt(
                    Integer.parseInt(f[0]),
                    Math.round(Double.parseDouble(f[2]) * 1e6),
                    Math.round(Double.parseDouble(f[1]) * 1e6),
                    f[5].startsWith("K"),
                    Integer.parseInt(f[4]),
                    f[3].equals("N/A") ? -1 : Math.round(Double.parseDouble(f[3]) * 1e6)));
        }
        return list;
    }
}
