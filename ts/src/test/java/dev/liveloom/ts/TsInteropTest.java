package dev.liveloom.ts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our demuxer and muxer against ffprobe 5.1 (run with -Pinterop; fails when ffprobe is missing).
 *
 * <p>What is compared, per stream in order: the packet count, DTS and PTS within 1 ms, the key flag,
 * and the payload bytes. ffprobe's TS packets are what the PES carried: H.264/H.265 in Annex B with
 * the access unit delimiter and in-band parameter sets, AAC with its ADTS header. So the expected
 * payload is ffprobe's data ({@code -show_data}) converted the way our packets are defined: video NALs
 * without AUD/VPS/SPS/PPS, each with a 4-byte length; AAC without the 7-byte (9 with CRC) ADTS header.
 * Sizes are compared after that conversion (equal bytes imply equal sizes).
 */
@Tag("interop")
class TsInteropTest {

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.ts", "hevc-aac.ts", "unsupported-mp2.ts"})
    void packetsMatchFfprobe(String name) throws Exception {
        TsRun run = TsRun.of(Fixtures.bytes(name));
        Path file = Fixtures.media(name);
        compare(run, file.toString(), run.demuxer.tracks(), 1000);
        List<String> streams = lines(run(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=codec_name,profile,width,height,sample_rate,channels",
                "-of",
                "csv=p=0",
                file.toString()));
        for (int t = 0; t < run.demuxer.tracks().size(); t++) {
            TrackFormat f = run.demuxer.tracks().get(t);
            String want = f.codec() == Codec.AAC
                    ? "aac," + f.profile() + "," + f.sampleRate() + "," + f.channels()
                    : f.codec().id() + "," + f.profile() + "," + f.width() + "," + f.height();
            assertThat(streams.get(t)).isEqualTo(want);
        }
    }

    /** ffprobe reads what TsMuxer writes as the same packets, to the 90 kHz tick; ffmpeg decodes it cleanly. */
    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.ts", "hevc-aac.ts"})
    void ffprobeReadsWhatTheMuxerWrites(String name, @TempDir Path dir) throws Exception {
        TsRun original = TsRun.of(Fixtures.bytes(name));
        Path muxed = dir.resolve(name);
        Files.write(muxed, TsMuxerTest.mux(original.demuxer.tracks(), original.packets));
        compare(original, muxed.toString(), original.demuxer.tracks(), 12);
        String decode = run("ffmpeg", "-v", "error", "-i", muxed.toString(), "-f", "null", "-");
        assertThat(decode).isEmpty();
    }

    private static void compare(TsRun run, String path, List<TrackFormat> tracks, long toleranceUs) throws Exception {
        List<Map<String, String>> probed = ffprobePackets(path);
        for (int t = 0; t < tracks.size(); t++) {
            int track = t;
            List<Map<String, String>> want = probed.stream()
                    .filter(e -> Integer.parseInt(e.get("stream_index")) == track)
                    .toList();
            List<MediaPacket> got = run.track(t);
            assertThat(got).as("%s track %d packets", path, t).hasSize(want.size());
            Codec codec = tracks.get(t).codec();
            for (int i = 0; i < want.size(); i++) {
                Map<String, String> e = want.get(i);
                MediaPacket p = got.get(i);
                String at = path + " track " + t + " packet " + i;
                assertThat(p.dtsUs()).as(at).isCloseTo(micros(e.get("dts_time")), Offset.offset(toleranceUs));
                assertThat(p.ptsUs()).as(at).isCloseTo(micros(e.get("pts_time")), Offset.offset(toleranceUs));
                assertThat(p.key()).as(at).isEqualTo(e.get("flags").startsWith("K"));
                byte[] data = hexDump(e.get("data"));
                assertThat(data.length).as(at + " ffprobe size").isEqualTo(Integer.parseInt(e.get("size")));
                byte[] expected = codec == Codec.AAC ? stripAdts(data) : annexBToOurs(codec, data);
                byte[] ours = new byte[p.size()];
                p.data().get(ours);
                assertThat(HexFormat.of().formatHex(ours))
                        .as(at)
                        .isEqualTo(HexFormat.of().formatHex(expected));
            }
        }
    }

    static byte[] stripAdts(byte[] frame) {
        int header = (frame[1] & 0x01) != 0 ? 7 : 9;
        return java.util.Arrays.copyOfRange(frame, header, frame.length);
    }

    static byte[] annexBToOurs(Codec codec, byte[] annexB) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NalUnits.forEachAnnexB(ByteBuffer.wrap(annexB), (buf, off, len) -> {
            int type = NalUnits.type(codec, buf.get(off));
            boolean drop = codec == Codec.HEVC
                    ? type == NalUnits.H265_AUD
                            || type == NalUnits.H265_VPS
                            || type == NalUnits.H265_SPS
                            || type == NalUnits.H265_PPS
                    : type == NalUnits.H264_AUD || type == NalUnits.H264_SPS || type == NalUnits.H264_PPS;
            if (!drop) {
                out.write(len >>> 24);
                out.write(len >>> 16);
                out.write(len >>> 8);
                out.write(len);
                out.write(annexB, off, len);
            }
        });
        return out.toByteArray();
    }

    /** Packets from ffprobe's flat output with their data as a hex dump. */
    private static List<Map<String, String>> ffprobePackets(String path) throws Exception {
        String out = run(
                "ffprobe",
                "-v",
                "error",
                "-show_data",
                "-show_entries",
                "packet=stream_index,pts_time,dts_time,size,flags,data",
                "-of",
                "flat",
                path);
        Map<String, Map<String, String>> byIndex = new LinkedHashMap<>();
        for (String line : lines(out)) {
            // packets.packet.12.size="708"
            if (!line.startsWith("packets.packet.")) {
                continue;
            }
            String rest = line.substring("packets.packet.".length());
            int dot = rest.indexOf('.');
            int eq = rest.indexOf('=');
            if (dot < 0 || eq < dot) {
                continue;
            }
            String value = rest.substring(eq + 1);
            if (value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            byIndex.computeIfAbsent(rest.substring(0, dot), k -> new java.util.HashMap<>())
                    .put(rest.substring(dot + 1, eq), value);
        }
        List<Map<String, String>> list = new ArrayList<>(byIndex.values());
        assertThat(list).isNotEmpty();
        return list;
    }

    /** ffprobe's hex dump ("\n00000000: 0000 0001 09f0 ...  ascii\n...") as bytes. */
    static byte[] hexDump(String dump) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String row : dump.split("\\\\n")) {
            if (row.length() < 10 || row.charAt(8) != ':') {
                continue;
            }
            String hex = row.substring(10, Math.min(row.length(), 10 + 39)).replace(" ", "");
            out.writeBytes(HexFormat.of().parseHex(hex));
        }
        return out.toByteArray();
    }

    private static long micros(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1_000_000);
    }

    private static List<String> lines(String s) {
        List<String> l = new ArrayList<>();
        for (String line : s.split("\n")) {
            if (!line.isBlank()) {
                l.add(line);
            }
        }
        return l;
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = proc.waitFor();
        if (rc != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + rc + ": " + out);
        }
        return out;
    }
}
