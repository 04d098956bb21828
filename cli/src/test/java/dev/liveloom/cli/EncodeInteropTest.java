package dev.liveloom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ffprobe reads what {@code liveloom encode} writes: codec, size, frame count, duration. */
@Tag("interop")
class EncodeInteropTest {
    @TempDir
    Path dir;

    static JsonNode ffprobe(Path file, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffprobe", "-v", "error", "-of", "json"));
        cmd.addAll(List.of(extra));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "main", "high"})
    void h264FramesAndSize(String profile) throws Exception {
        Path in = dir.resolve("in.yuv");
        Files.write(in, EncodeCommandTest.yuv(96, 64, 20));
        Path out = dir.resolve("out.h264");
        ProbeCommandTest.Run r = ProbeCommandTest.run(
                "encode",
                "--codec",
                "h264",
                "--size",
                "96x64",
                "--fps",
                "30",
                "--bitrate",
                "400",
                "--gop",
                "8",
                "--profile",
                profile,
                in.toString(),
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = EncodeCommandTest.summary(r);
        assertThat(m.group(2)).isEqualTo("20");
        JsonNode j = ffprobe(out, "-count_frames", "-show_streams");
        JsonNode s = j.get("streams").get(0);
        assertThat(s.get("codec_name").asText()).isEqualTo("h264");
        assertThat(s.get("width").asInt()).isEqualTo(96);
        assertThat(s.get("height").asInt()).isEqualTo(64);
        assertThat(s.get("nb_read_frames").asInt()).isEqualTo(20);
    }

    @Test
    void h264SlicesOnTwoThreads() throws Exception {
        Path in = dir.resolve("in.yuv");
        Files.write(in, EncodeCommandTest.yuv(160, 96, 15));
        Path out = dir.resolve("out.h264");
        ProbeCommandTest.Run r = ProbeCommandTest.run(
                "encode",
                "--codec",
                "h264",
                "--size",
                "160x96",
                "--fps",
                "25",
                "--bitrate",
                "500",
                "--profile",
                "main",
                "--threads",
                "2",
                "--slices",
                "3",
                in.toString(),
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(EncodeCommandTest.summary(r).group(2)).isEqualTo("15");
        JsonNode s =
                ffprobe(out, "-count_frames", "-show_streams").get("streams").get(0);
        assertThat(s.get("profile").asText()).isEqualTo("Main");
        assertThat(s.get("nb_read_frames").asInt()).isEqualTo(15);
        // ffmpeg decodes it without an error
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-xerror", "-i", out.toString(), "-f", "null", "-")
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        assertThat(log).isEmpty();
    }

    @Test
    void aacFramesAndDuration() throws Exception {
        Path in = dir.resolve("in.wav");
        Files.write(in, EncodeCommandTest.wav(48000, 2, 16, 96000));
        Path out = dir.resolve("out.aac");
        ProbeCommandTest.Run r =
                ProbeCommandTest.run("encode", "--codec", "aac", "--bitrate", "128", in.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = EncodeCommandTest.summary(r);
        int frames = Integer.parseInt(m.group(2));
        JsonNode j = ffprobe(out, "-count_frames", "-show_streams", "-show_format");
        JsonNode s = j.get("streams").get(0);
        assertThat(s.get("codec_name").asText()).isEqualTo("aac");
        assertThat(s.get("sample_rate").asInt()).isEqualTo(48000);
        assertThat(s.get("channels").asInt()).isEqualTo(2);
        assertThat(s.get("nb_read_frames").asInt()).isEqualTo(frames);
        // the frames cover the 2 s of input plus the priming frame and the partial last frame
        JsonNode packets = ffprobe(out, "-show_packets").get("packets");
        assertThat(packets.size()).isEqualTo(frames);
        double seconds = frames * 1024 / 48000.0;
        assertThat(seconds).isCloseTo(2.0 + 1024 / 48000.0, within(1024 / 48000.0 + 1e-9));
    }
}
