package dev.liveloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpuCommandTest {
    @Test
    void aRefusedRequestPrintsTheSeedsErrorAndExitsNonZero(@TempDir Path dir) throws Exception {
        Path req = dir.resolve("start.json");
        Files.writeString(
                req,
                """
                {"AppId":"app1","ChannelId":"ch1","TaskId":"t1","MixMode":"1","StreamURL":"rtmp://h/live/x",
                 "TranscodeParams":{"EncodeParams":{"AudioBitrate":"900","AudioChannels":"2","AudioSampleRate":"44100"}}}
                """);
        ProbeCommandTest.Run r =
                ProbeCommandTest.run("mpu", "--request", req.toString(), "--user", "ch1/u1=rtmp://127.0.0.1:9/a/b");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("Code").asText()).isEqualTo("InvalidParam");
        assertThat(j.get("HttpStatusCode").asInt()).isEqualTo(400);
        assertThat(j.get("Parameter").asText()).isEqualTo("TranscodeParams.EncodeParams.AudioBitrate");
        assertThat(j.get("RequestId").asText()).matches("[0-9A-F-]{36}");
        assertThat(r.err())
                .contains("liveloom mpu: InvalidParam (HTTP 400): TranscodeParams.EncodeParams.AudioBitrate");
    }

    @Test
    void aBadUserOptionIsOneLine(@TempDir Path dir) throws Exception {
        Path req = dir.resolve("start.json");
        Files.writeString(req, "{\"AppId\":\"a\"}");
        ProbeCommandTest.Run r = ProbeCommandTest.run("mpu", "--request", req.toString(), "--user", "nouser");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("liveloom mpu: --user must be CHANNEL/USER=SOURCE, was nouser");
    }
}
