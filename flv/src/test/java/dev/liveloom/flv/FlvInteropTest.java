package dev.liveloom.flv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.flv.tag.HevcLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our demuxer against ffprobe 5.1 (run with -Pinterop; fails when ffprobe is missing). */
@Tag("interop")
class FlvInteropTest {

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.flv", "aac-only.flv", "h264-only.flv"})
    void packetsMatchFfprobe(String name) throws Exception {
        List<Map<String, String>> expected = ffprobePackets(name);
        DemuxRun run = DemuxRun.of(Fixtures.bytes(name));
        assertThat(run.failure).isNull();
        assertThat(run.packets).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, String> e = expected.get(i);
            MediaPacket p = run.packets.get(i);
            String at = name + " packet " + i;
            assertThat(p.track()).as(at).isEqualTo(Integer.parseInt(e.get("stream_index")));
            assertThat(p.dtsUs())
                    .as(at)
                    .isCloseTo(micros(e.get("dts_time")), org.assertj.core.data.Offset.offset(1000L));
            assertThat(p.ptsUs())
                    .as(at)
                    .isCloseTo(micros(e.get("pts_time")), org.assertj.core.data.Offset.offset(1000L));
            assertThat(p.key()).as(at).isEqualTo(e.get("flags").startsWith("K"));
            assertThat(p.size()).as(at).isEqualTo(Integer.parseInt(e.get("size")));
            assertThat(crc(p)).as(at).isEqualTo(e.get("data_hash"));
        }
    }

    /** What FlvMuxer writes, ffprobe reads as the same packets (H.264 and AAC; 5.1 reads no HEVC FLV). */
    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.flv", "aac-only.flv", "h264-only.flv"})
    void ffprobeReadsWhatTheMuxerWrites(String name, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        DemuxRun original = DemuxRun.of(Fixtures.bytes(name));
        java.nio.file.Path muxed = dir.resolve(name);
        java.nio.file.Files.write(muxed, FlvMuxerTest.mux(original, HevcLayout.ENHANCED));
        List<Map<String, String>> probed = ffprobePackets(muxed.toString());
        assertThat(probed).hasSize(original.packets.size());
        for (int i = 0; i < probed.size(); i++) {
            Map<String, String> e = probed.get(i);
            MediaPacket p = original.packets.get(i);
            String at = name + " packet " + i;
            assertThat(Integer.parseInt(e.get("stream_index"))).as(at).isEqualTo(p.track());
            assertThat(micros(e.get("dts_time"))).as(at).isEqualTo(p.dtsUs());
            assertThat(micros(e.get("pts_time"))).as(at).isEqualTo(p.ptsUs());
            assertThat(e.get("flags").startsWith("K")).as(at).isEqualTo(p.key());
            assertThat(e.get("data_hash")).as(at).isEqualTo(crc(p));
        }
    }

    @Test
    void ffprobeReadsTheMp3WeRefuse() throws Exception {
        String out = run(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=codec_name",
                "-of",
                "csv=p=0",
                Fixtures.media("unsupported-mp3.flv").toString());
        assertThat(out.trim()).isEqualTo("mp3");
        assertThat(DemuxRun.of(Fixtures.bytes("unsupported-mp3.flv")).failure)
                .hasMessageEndingWith("unsupported audio codec mp3");
    }

    /** ffprobe 5.1 reads no HEVC FLV; the packets must equal those of the MP4 they were made from. */
    @ParameterizedTest
    @ValueSource(strings = {"hevc-enhanced.flv", "hevc-id12.flv"})
    void hevcFlvCarriesTheMp4Packets(String name) throws Exception {
        List<Map<String, String>> mp4 = ffprobePackets("hevc-for-flv.mp4");
        DemuxRun run = DemuxRun.of(Fixtures.bytes(name));
        assertThat(run.failure).isNull();
        assertThat(run.packets).hasSize(mp4.size());
        // the script shifted every time so that the earliest DTS (-80 ms, B-frames) became 0
        long shiftUs =
                -mp4.stream().mapToLong(e -> micros(e.get("dts_time"))).min().orElseThrow();
        assertThat(shiftUs).isEqualTo(80_000);
        for (int track = 0; track < 2; track++) {
            List<Map<String, String>> want = new ArrayList<>();
            for (Map<String, String> e : mp4) {
                if (Integer.parseInt(e.get("stream_index")) == track) {
                    want.add(e);
                }
            }
            int t = track;
            List<MediaPacket> got =
                    run.packets.stream().filter(p -> p.track() == t).toList();
            assertThat(got).hasSize(want.size());
            for (int i = 0; i < want.size(); i++) {
                Map<String, String> e = want.get(i);
                MediaPacket p = got.get(i);
                String at = name + " track " + track + " packet " + i;
                assertThat(p.dtsUs())
                        .as(at)
                        .isCloseTo(micros(e.get("dts_time")) + shiftUs, org.assertj.core.data.Offset.offset(1000L));
                assertThat(p.ptsUs())
                        .as(at)
                        .isCloseTo(micros(e.get("pts_time")) + shiftUs, org.assertj.core.data.Offset.offset(1000L));
                assertThat(p.key()).as(at).isEqualTo(e.get("flags").startsWith("K"));
                assertThat(p.size()).as(at).isEqualTo(Integer.parseInt(e.get("size")));
                assertThat(crc(p)).as(at).isEqualTo(e.get("data_hash"));
            }
        }
        assertThat(run.demuxer.tracks().get(0).codec().id()).isEqualTo("hevc");
        String hvcc = run(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v",
                "-show_entries",
                "stream=profile",
                "-of",
                "csv=p=0",
                Fixtures.media("hevc-for-flv.mp4").toString());
        assertThat(run.demuxer.tracks().get(0).profile()).isEqualTo(hvcc.trim());
    }

    private static List<Map<String, String>> ffprobePackets(String name) throws Exception {
        String path = name.contains("/") ? name : Fixtures.media(name).toString();
        String out = run(
                "ffprobe",
                "-v",
                "error",
                "-show_data_hash",
                "CRC32",
                "-show_entries",
                "packet=stream_index,pts_time,dts_time,size,flags,data_hash",
                "-of",
                "compact=p=0",
                path);
        List<Map<String, String>> list = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // a packet with side data (Skip Samples) continues on a line starting with '|'
            Map<String, String> m =
                    line.startsWith("|") && !list.isEmpty() ? list.remove(list.size() - 1) : new HashMap<>();
            for (String kv : line.split("\\|")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            list.add(m);
        }
        assertThat(list).isNotEmpty();
        return list;
    }

    private static long micros(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1_000_000);
    }

    private static String crc(MediaPacket p) {
        CRC32 c = new CRC32();
        c.update(p.data());
        return String.format("CRC32:%08x", c.getValue());
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = proc.waitFor();
        if (rc != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + rc + ": " + out);
        }
        return out;
    }
}
