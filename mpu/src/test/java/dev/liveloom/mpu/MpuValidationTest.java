package dev.liveloom.mpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.liveloom.core.testing.VirtualScheduler;
import dev.liveloom.mpu.MpuTaskPlan.Source;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of StartLiveMPUTask requests drives validation: each row edits a valid request at a
 * path and names the code, HTTP status and parameter the answer must carry.
 */
class MpuValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String BYPASS =
            """
            {"AppId":"app1","ChannelId":"ch1","TaskId":"task-1","MixMode":"0",
             "StreamURL":"rtmp://ingest.example/live/s1?auth_key=1-0-0-abc",
             "Region":"CN-Shanghai","MaxIdleTime":"30",
             "SingleSubParams":{"UserId":"u1","StreamType":"0","SourceType":"camera"},
             "SeiParams":{"LayoutVolume":{"FollowIdr":"1","Interval":"1000"},
                          "PassThrough":{"FollowIdr":"0","Interval":"2000","PayloadContent":"hello world","PayloadType":"100"}}}
            """;

    static final String MIXING =
            """
            {"AppId":"app1","ChannelId":"ch1","TaskId":"mix-1","MixMode":"1",
             "MultiStreamURL":[{"URL":"rtmp://a.example/live/m","IsAliCdn":false},{"URL":"rtmp://b.example/live/m"}],
             "TranscodeParams":{
               "Background":{"RenderMode":"1","URL":"https://img.example/bg.png"},
               "EncodeParams":{"AudioOnly":"false","AudioBitrate":"128","AudioChannels":"2","AudioSampleRate":"44100",
                  "VideoCodec":"H.264","VideoBitrate":"3500","VideoFramerate":"25","VideoGop":"20","VideoHeight":"1080",
                  "VideoWidth":"1920","EnhancedParam":"{\\"profile\\": \\"high\\", \\"preset\\": \\"veryfast\\"}"},
               "Layout":{"UserPanes":[{"UserInfo":{"UserId":"u1"},"X":"0","Y":"0.25","Width":"0.5","Height":"0.5","ZOrder":"1","RenderMode":"0"},
                                      {"UserInfo":{"UserId":"u2"},"X":"0.5","Y":"0.25","Width":"0.5","Height":"0.5","ZOrder":"1"}]},
               "UserInfos":[{"UserId":"u1","StreamType":"0"},{"UserId":"u2","SourceType":"shareScreen"}]}}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                // IDs
                row(BYPASS, "AppId", null, "MissingParam", 400, "AppId"),
                row(BYPASS, "AppId", "a b", "InvalidAppId", 400, "AppId"),
                row(BYPASS, "AppId", "a".repeat(65), "InvalidAppId", 400, "AppId"),
                row(BYPASS, "ChannelId", null, "MissingParam", 400, "ChannelId"),
                row(BYPASS, "ChannelId", "c/1", "InvalidParam", 400, "ChannelId"),
                row(BYPASS, "ChannelId", "c".repeat(65), "InvalidParam", 400, "ChannelId"),
                row(BYPASS, "TaskId", "t".repeat(56), "InvalidParam", 400, "TaskId"),
                row(BYPASS, "TaskId", null, "MissingParam", 400, "TaskId"),
                // mode and outputs
                row(BYPASS, "MixMode", null, "MissingParam", 400, "MixMode"),
                row(BYPASS, "MixMode", "2", "InvalidParam", 400, "MixMode"),
                row(BYPASS, "StreamURL", null, "MissingParam", 400, "StreamURL"),
                row(BYPASS, "StreamURL", "http://x.example/live/s", "InvalidParam", 400, "StreamURL"),
                row(BYPASS, "StreamURL", "rtmp://x.example/" + "a".repeat(2040), "InvalidParam", 400, "StreamURL"),
                row(BYPASS, "MultiStreamURL", "[{\"URL\":\"rtmp://x/live/a\"}]", "InvalidParam", 400, "StreamURL"),
                row(
                        MIXING,
                        "MultiStreamURL",
                        "[{\"URL\":\"rtmps://x/live/a\"}]",
                        "InvalidParam",
                        400,
                        "MultiStreamURL.1.URL"),
                row(
                        MIXING,
                        "MultiStreamURL",
                        "[{\"URL\":\"rtmp://x/live/a\"},{\"URL\":\"rtmp://x/live/a\"}]",
                        "InvalidParam",
                        400,
                        "MultiStreamURL.2.URL"),
                row(BYPASS, "Region", "cn-beijing", "InvalidParam", 400, "Region"),
                row(BYPASS, "MaxIdleTime", "9", "InvalidParam", 400, "MaxIdleTime"),
                row(BYPASS, "MaxIdleTime", "86401", "InvalidParam", 400, "MaxIdleTime"),
                row(BYPASS, "MaxIdleTime", "ten", "InvalidParam", 400, "MaxIdleTime"),
                // mode-specific parameter sets
                row(BYPASS, "SingleSubParams", null, "MissingParam", 400, "SingleSubParams"),
                row(BYPASS, "TranscodeParams", "{}", "InvalidParam", 400, "TranscodeParams"),
                row(MIXING, "TranscodeParams", null, "MissingParam", 400, "TranscodeParams"),
                row(MIXING, "SingleSubParams", "{\"UserId\":\"u1\"}", "InvalidParam", 400, "SingleSubParams"),
                row(BYPASS, "SingleSubParams.UserId", null, "MissingParam", 400, "SingleSubParams.UserId"),
                row(BYPASS, "SingleSubParams.StreamType", "3", "InvalidParam", 400, "SingleSubParams.StreamType"),
                row(BYPASS, "SingleSubParams.SourceType", "window", "InvalidParam", 400, "SingleSubParams.SourceType"),
                // encode parameters
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.AudioBitrate",
                        "7",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.AudioBitrate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.AudioBitrate",
                        "501",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.AudioBitrate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.AudioChannels",
                        "3",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.AudioChannels"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.AudioSampleRate",
                        "22050",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.AudioSampleRate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.AudioSampleRate",
                        null,
                        "MissingParam",
                        400,
                        "TranscodeParams.EncodeParams.AudioSampleRate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoCodec",
                        "VP9",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoCodec"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoBitrate",
                        "0",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoBitrate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoBitrate",
                        "10001",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoBitrate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoBitrate",
                        null,
                        "MissingParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoBitrate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoFramerate",
                        "61",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoFramerate"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoGop",
                        "0",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoGop"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoGop",
                        "61",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoGop"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoWidth",
                        "1921",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoWidth"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.VideoHeight",
                        "-1",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.VideoHeight"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.AudioOnly",
                        "yes",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.AudioOnly"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.EnhancedParam",
                        "{\"profile\":\"high10\"}",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.EnhancedParam"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.EnhancedParam",
                        "{\"preset\":\"turbo\"}",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.EnhancedParam"),
                row(
                        MIXING,
                        "TranscodeParams.EncodeParams.EnhancedParam",
                        "{profile:high",
                        "InvalidParam",
                        400,
                        "TranscodeParams.EncodeParams.EnhancedParam"),
                // layout
                row(MIXING, "TranscodeParams.Layout", null, "MissingParam", 400, "TranscodeParams.Layout.UserPanes"),
                row(
                        MIXING,
                        "TranscodeParams.Layout.UserPanes.1.X",
                        "1.5",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Layout.UserPanes.1.X"),
                row(
                        MIXING,
                        "TranscodeParams.Layout.UserPanes.1.Y",
                        "-0.1",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Layout.UserPanes.1.Y"),
                row(
                        MIXING,
                        "TranscodeParams.Layout.UserPanes.2.Width",
                        "0.6",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Layout.UserPanes.2.Width"),
                row(
                        MIXING,
                        "TranscodeParams.Layout.UserPanes.1.Height",
                        null,
                        "MissingParam",
                        400,
                        "TranscodeParams.Layout.UserPanes.1.Height"),
                row(
                        MIXING,
                        "TranscodeParams.Layout.UserPanes.1.ZOrder",
                        "100",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Layout.UserPanes.1.ZOrder"),
                row(
                        MIXING,
                        "TranscodeParams.Layout.UserPanes.1.RenderMode",
                        "2",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Layout.UserPanes.1.RenderMode"),
                row(
                        MIXING,
                        "TranscodeParams.Layout.UserPanes.1.UserInfo.UserId",
                        "u9",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Layout.UserPanes.1.UserInfo.UserId"),
                row(
                        MIXING,
                        "TranscodeParams.Background.RenderMode",
                        "5",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Background.RenderMode"),
                row(
                        MIXING,
                        "TranscodeParams.Background.URL",
                        "ftp://x/bg.png",
                        "InvalidParam",
                        400,
                        "TranscodeParams.Background.URL"),
                row(
                        MIXING,
                        "TranscodeParams.UserInfos.2.StreamType",
                        "7",
                        "InvalidParam",
                        400,
                        "TranscodeParams.UserInfos.2.StreamType"),
                row(
                        MIXING,
                        "TranscodeParams.UserInfos.1.UserId",
                        null,
                        "MissingParam",
                        400,
                        "TranscodeParams.UserInfos.1.UserId"),
                // SEI
                row(
                        BYPASS,
                        "SeiParams.LayoutVolume.Interval",
                        "999",
                        "InvalidParam",
                        400,
                        "SeiParams.LayoutVolume.Interval"),
                row(
                        BYPASS,
                        "SeiParams.LayoutVolume.Interval",
                        "5001",
                        "InvalidParam",
                        400,
                        "SeiParams.LayoutVolume.Interval"),
                row(
                        BYPASS,
                        "SeiParams.LayoutVolume.FollowIdr",
                        "2",
                        "InvalidParam",
                        400,
                        "SeiParams.LayoutVolume.FollowIdr"),
                row(
                        BYPASS,
                        "SeiParams.PassThrough.PayloadType",
                        "99",
                        "InvalidParam",
                        400,
                        "SeiParams.PassThrough.PayloadType"),
                row(
                        BYPASS,
                        "SeiParams.PassThrough.PayloadType",
                        "255",
                        "InvalidParam",
                        400,
                        "SeiParams.PassThrough.PayloadType"),
                row(
                        BYPASS,
                        "SeiParams.PassThrough.PayloadContent",
                        null,
                        "MissingParam",
                        400,
                        "SeiParams.PassThrough.PayloadContent"),
                row(
                        BYPASS,
                        "SeiParams.PassThrough.PayloadContentKey",
                        "a key",
                        "InvalidParam",
                        400,
                        "SeiParams.PassThrough.PayloadContentKey"),
                // binding
                row(BYPASS, "Colour", "\"red\"", "InvalidParam", 400, "Colour"),
                row(BYPASS, "SingleSubParams.Colour", "\"red\"", "InvalidParam", 400, "SingleSubParams.Colour"));
    }

    private static Arguments row(String base, String path, String value, String code, int status, String param) {
        return Arguments.of(base == BYPASS ? "bypass" : "mixing", path, value, code, status, param);
    }

    private ChannelRegistry channels;
    private MpuService service;

    @BeforeEach
    void setUp() {
        channels = new ChannelRegistry();
        channels.join("app1", "ch1", "u1", Map.of(Source.CAMERA, "rtmp://src/live/u1"));
        service = MpuService.builder()
                .scheduler(new VirtualScheduler())
                .channels(channels)
                .engine(MpuLifecycleTest.FakeEngine.allowingMixing())
                .build();
    }

    /** Sets {@code value} (JSON text, or a plain string, or null to remove) at a dotted path. */
    static String edit(String base, String path, String value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(base);
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(parts[i]) - 1) : node.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (node instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last) - 1);
            return JSON.writeValueAsString(root);
        }
        ObjectNode o = (ObjectNode) node;
        if (value == null) {
            o.remove(last);
        } else if (value.startsWith("{") && value.endsWith("}") || value.startsWith("[") || value.startsWith("\"")) {
            try {
                o.set(last, JSON.readTree(value));
            } catch (Exception notJson) {
                o.put(last, value);
            }
        } else {
            o.put(last, value);
        }
        return JSON.writeValueAsString(root);
    }

    @ParameterizedTest(name = "{0} {1}={2} -> {3}")
    @MethodSource("cases")
    void refusedWithCodeStatusAndParameter(
            String base, String path, String value, String code, int status, String param) throws Exception {
        String json = edit(base.equals("bypass") ? BYPASS : MIXING, path, value);
        assertThatThrownBy(() -> service.startLiveMpuTask(MpuJson.startRequest(json)))
                .isInstanceOfSatisfying(MpuException.class, e -> {
                    assertThat(e.code().id()).isEqualTo(code);
                    assertThat(e.code().httpStatus()).isEqualTo(status);
                    assertThat(e.parameter()).isEqualTo(param);
                    assertThat(e.getMessage()).contains(param);
                });
    }

    @Test
    void validRequestsBindAndStartWithARequestIdInTheSeedsFormat() throws Exception {
        channels.join("app1", "ch1", "u2", Map.of(Source.SHARE_SCREEN, "rtmp://src/live/u2s"));
        MpuService.Response a = service.startLiveMpuTask(MpuJson.startRequest(BYPASS));
        MpuService.Response b = service.startLiveMpuTask(MpuJson.startRequest(MIXING));
        assertThat(a.requestId()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(b.requestId()).isNotEqualTo(a.requestId());
        assertThat(MpuJson.response(a)).isEqualTo("{\"RequestId\":\"" + a.requestId() + "\"}");
        List<MpuTaskPlan> plans = service.tasks("app1");
        MpuTaskPlan mix = plans.stream().filter(MpuTaskPlan::mixing).findFirst().orElseThrow();
        assertThat(mix.outputs()).containsExactly("rtmp://a.example/live/m", "rtmp://b.example/live/m");
        assertThat(mix.encode().profile()).isEqualTo("high");
        assertThat(mix.encode().preset()).isEqualTo("veryfast");
        assertThat(mix.subscribed()).containsExactly("u1", "u2");
        MpuTaskPlan by = plans.stream().filter(p -> !p.mixing()).findFirst().orElseThrow();
        assertThat(by.passThrough().content()).isEqualTo("hello world");
        assertThat(by.passThrough().key()).isEqualTo("udd");
        assertThat(by.passThrough().payloadType()).isEqualTo(100);
        assertThat(by.layoutVolume()).isEqualTo(new MpuTaskPlan.SeiSchedule(1000, true));
        assertThat(by.maxIdleSeconds()).isEqualTo(30);
    }

    @Test
    void numbersMayBeJsonNumbers() throws Exception {
        String json = BYPASS.replace("\"MixMode\":\"0\"", "\"MixMode\":0")
                .replace("\"MaxIdleTime\":\"30\"", "\"MaxIdleTime\":30");
        service.startLiveMpuTask(MpuJson.startRequest(json));
        assertThat(service.tasks("app1").get(0).maxIdleSeconds()).isEqualTo(30);
    }

    @Test
    void errorsCarryTheRequestIdAndSerialiseWithTheSeedsFields() throws Exception {
        String json = edit(BYPASS, "MaxIdleTime", "5");
        MpuException e = org.junit.jupiter.api.Assertions.assertThrows(
                MpuException.class, () -> service.startLiveMpuTask(MpuJson.startRequest(json)));
        assertThat(e.requestId()).matches("[0-9A-F-]{36}");
        JsonNode body = JSON.readTree(MpuJson.error(e));
        assertThat(body.get("Code").asText()).isEqualTo("InvalidParam");
        assertThat(body.get("HttpStatusCode").asInt()).isEqualTo(400);
        assertThat(body.get("RequestId").asText()).isEqualTo(e.requestId());
        assertThat(body.get("Message").asText()).isEqualTo("MaxIdleTime: must be in [10, 86400], was 5");
    }

    @Test
    void mixingAudioOnlyMustNotCarryVideoParametersOrLayout() throws Exception {
        String audioOnly = edit(MIXING, "TranscodeParams.EncodeParams.AudioOnly", "true");
        assertThatThrownBy(() -> service.startLiveMpuTask(MpuJson.startRequest(audioOnly)))
                .isInstanceOfSatisfying(MpuException.class, e -> assertThat(e.parameter())
                        .isEqualTo("TranscodeParams.EncodeParams.VideoBitrate"));
    }
}
