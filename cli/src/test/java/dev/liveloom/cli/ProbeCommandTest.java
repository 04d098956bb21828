package dev.liveloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe command's output and error contract, run in-process. */
class ProbeCommandTest {
    public record Run(int exit, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void jsonListsTracksAndPacketsInTheIssuesShape() throws Exception {
        Run r = run("probe", "--json", Fixtures.media("h264-main-bframes.mp4").toString());
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("mp4");
        JsonNode v = j.get("tracks").get(0);
        assertThat(v.get("type").asText()).isEqualTo("video");
        assertThat(v.get("codec").asText()).isEqualTo("h264");
        assertThat(v.get("profile").asText()).isEqualTo("Main");
        assertThat(v.get("width").asInt()).isEqualTo(320);
        assertThat(v.get("height").asInt()).isEqualTo(180);
        JsonNode a = j.get("tracks").get(1);
        assertThat(a.get("sampleRate").asInt()).isEqualTo(48000);
        assertThat(a.get("channels").asInt()).isEqualTo(1);
        JsonNode p0 = j.get("packets").get(0);
        assertThat(p0.get("track").asInt()).isZero();
        assertThat(p0.get("dtsMs").asDouble()).isEqualTo(-80.0);
        assertThat(p0.get("ptsMs").asDouble()).isEqualTo(0.0);
        assertThat(p0.get("key").asBoolean()).isTrue();
        assertThat(p0.get("size").asInt()).isPositive();
    }

    @Test
    void textModePrintsTracksThenOneLinePerPacket() {
        Run r = run("probe", Fixtures.media("aac-only.flv").toString());
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[1]).isEqualTo("format: flv");
        assertThat(lines[2]).isEqualTo("track 0: audio aac (LC) 22050 Hz 1 ch");
        assertThat(lines[3]).startsWith("packet track=0 dts=0.000 pts=0.000 key size=");
        assertThat(Arrays.stream(lines).filter(l -> l.startsWith("packet "))).hasSizeGreaterThan(20);
    }

    @Test
    void unsupportedCodecsSayWhichOne() {
        Run vp9 = run("probe", Fixtures.media("unsupported-vp9.mp4").toString());
        assertThat(vp9.exit()).isEqualTo(1);
        assertThat(vp9.err().strip())
                .startsWith("liveloom probe: " + Fixtures.media("unsupported-vp9.mp4"))
                .contains("unsupported video codec vp09")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        Run mp3 = run("probe", Fixtures.media("unsupported-mp3.flv").toString());
        assertThat(mp3.err()).contains("unsupported audio codec mp3");
    }

    @Test
    void aTruncatedFileListsTheWholePacketsThenSaysWhere(@TempDir Path dir) throws Exception {
        byte[] whole = Fixtures.bytes("h264-aac.flv");
        Path cut = dir.resolve("cut.flv");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Run r = run("probe", "--json", cut.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("packets").size()).isGreaterThan(10);
        assertThat(j.get("error").asText()).contains("truncated").contains("at byte");
        assertThat(r.err().strip()).matches("liveloom probe: .*cut\\.flv: flv tag at byte \\d+ \\(truncated\\): .*");
    }

    @Test
    void garbageAndMissingFilesGiveOneLine(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, "hello, this is not media".getBytes(StandardCharsets.UTF_8));
        Run r = run("probe", junk.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("liveloom probe: " + junk
                        + ": container at byte 0: not a format liveloom reads (FLV, MP4 or MPEG-TS)");
        Run missing = run("probe", dir.resolve("nope.mp4").toString());
        assertThat(missing.err().strip()).isEqualTo("liveloom probe: " + dir.resolve("nope.mp4") + ": no such file");
        Run verbose = run("probe", "--verbose", junk.toString());
        assertThat(verbose.err()).contains("MediaParseException");
    }

    @Test
    void probesAnHttpUrlWithMoovAtTheEndAndRedactsSecrets() throws Exception {
        try (TestHttpServer http = TestHttpServer.start()) {
            http.serve("/v/a.mp4", Fixtures.media("h264-baseline.mp4"));
            Run local =
                    run("probe", "--json", Fixtures.media("h264-baseline.mp4").toString());
            Run remote = run("probe", "--json", http.url("/v/a.mp4").toString() + "?auth_key=1-0-0-secret");
            assertThat(remote.exit()).isZero();
            JsonNode a = new ObjectMapper().readTree(local.out());
            JsonNode b = new ObjectMapper().readTree(remote.out());
            assertThat(b.get("packets")).isEqualTo(a.get("packets"));
            Run missing = run("probe", http.url("/v/none.mp4").toString() + "?auth_key=1-0-0-secret");
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).contains("404").contains("auth_key=***").doesNotContain("secret");
        }
    }
}
