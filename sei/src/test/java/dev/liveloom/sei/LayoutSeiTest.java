package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LayoutSeiTest {
    static final String SINGLE =
            "{\"canvas\":{\"w\":1920,\"h\":1080,\"bgnd\":0},\"stream\":[{\"uid\":\"streamer111\",\"paneid\":-1,"
                    + "\"zorder\":0,\"x\":0,\"y\":0,\"w\":0,\"h\":0,\"type\":0,\"status\":1,\"muted\":0,\"vol\":0,"
                    + "\"vad\":0}],\"ver\":\"1.0.0.20220915\",\"ts\":1697696105170}";

    static final String CO_STREAMING =
            "{\"canvas\":{\"w\":1920,\"h\":1080,\"bgnd\":0},\"stream\":[{\"uid\":\"streamer111\",\"paneid\":0,"
                    + "\"zorder\":1,\"x\":0,\"y\":0.25,\"w\":0.5,\"h\":0.5,\"type\":0,\"status\":1,\"muted\":0,"
                    + "\"vol\":1,\"vad\":119},{\"uid\":\"viewer222\",\"paneid\":1,\"zorder\":1,\"x\":0.5018382,"
                    + "\"y\":0.25,\"w\":0.5,\"h\":0.5,\"type\":0,\"status\":1,\"muted\":0,\"vol\":60,\"vad\":123}],"
                    + "\"ver\":\"1.0.0.20220915\",\"ts\":1697696106230}";

    static final String PASS_THROUGH =
            "{\"canvas\":{\"w\":1920,\"h\":1080,\"bgnd\":0},\"stream\":[{\"uid\":\"streamer111\",\"paneid\":-1,"
                    + "\"zorder\":0,\"x\":0,\"y\":0,\"w\":0,\"h\":0,\"type\":0,\"status\":1,\"muted\":0,\"vol\":0,"
                    + "\"vad\":0}],\"ver\":\"1.0.0.20220915\",\"ts\":1697696109876,\"udd\":\"hello world\"}";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void seedSingleStreamerExample() {
        LayoutSei l = LayoutSei.singleStreamer("streamer111", 1920, 1080).withTs(1697696105170L);
        assertThat(l.toJson()).isEqualTo(SINGLE);
        assertThat(l.toJsonBytes()).isEqualTo(SINGLE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void seedCoStreamingExample() {
        LayoutSei l = LayoutSei.builder()
                .canvas(1920, 1080, 0)
                .addStream(new LayoutSei.Stream("streamer111", 0, 1, 0f, 0.25f, 0.5f, 0.5f, 0, 1, 0, 1, 119))
                .addStream(new LayoutSei.Stream("viewer222", 1, 1, 0.5018382f, 0.25f, 0.5f, 0.5f, 0, 1, 0, 60, 123))
                .ts(1697696106230L)
                .build();
        assertThat(l.toJson()).isEqualTo(CO_STREAMING);
    }

    @Test
    void seedPassThroughExample() {
        LayoutSei l = LayoutSei.singleStreamer("streamer111", 1920, 1080).toBuilder()
                .passThrough("hello world")
                .ts(1697696109876L)
                .build();
        assertThat(l.toJson()).isEqualTo(PASS_THROUGH);
        assertThat(l.passThroughKey()).isEqualTo("udd");
        LayoutSei custom = l.toBuilder().passThrough("evt", "x").build();
        assertThat(custom.toJson()).endsWith(",\"ts\":1697696109876,\"evt\":\"x\"}");
        assertThat(custom.toBuilder().passThrough(null).build().toJson()).endsWith(",\"ts\":1697696109876}");
    }

    @Test
    void numbers() {
        assertThat(stream(1f, 0.0001f, 0.3333333f, 0.1f).toJson())
                .contains("\"x\":1,\"y\":0.0001,\"w\":0.3333333,\"h\":0.1,");
        assertThat(stream(1e-7f, 0.5f, 0f, 0f).toJson()).contains("\"x\":0.0000001,\"y\":0.5,");
        assertThat(LayoutSei.builder().canvas(640, 360, 0xFF8800).build().toJson())
                .isEqualTo("{\"canvas\":{\"w\":640,\"h\":360,\"bgnd\":16746496},\"stream\":[],"
                        + "\"ver\":\"1.0.0.20220915\",\"ts\":0}");
    }

    private static LayoutSei stream(float x, float y, float w, float h) {
        return LayoutSei.builder()
                .canvas(1, 1, 0)
                .addStream(new LayoutSei.Stream("u", 0, 0, x, y, w, h, 0, 1, 0, 0, 0))
                .build();
    }

    @Test
    void stringsAreEscaped() throws Exception {
        String uid = "a\"b\\c/\n\r\t\b\f\u0001\u001f é 中 \uD83D\uDE00 \uD800 end";
        LayoutSei l = LayoutSei.singleStreamer(uid, 2, 2).toBuilder()
                .passThrough("k\"ey", "v\u0000")
                .build();
        String json = l.toJson();
        assertThat(json)
                .contains("\"uid\":\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0001\\u001f é 中 \uD83D\uDE00 \\ud800 end\"")
                .endsWith(",\"k\\\"ey\":\"v\\u0000\"}");
        assertThat(l.toJsonBytes()).doesNotContain((byte) 0);
        JsonNode n = JSON.readTree(l.toJsonBytes());
        assertThat(n.get("stream").get(0).get("uid").asText()).isEqualTo(uid);
        assertThat(n.get("k\"ey").asText()).isEqualTo("v\u0000");
    }

    @Test
    void jacksonReadsTheFieldsBack() throws Exception {
        LayoutSei l = LayoutSei.builder()
                .canvas(1280, 720, 0x123456)
                .addStream(new LayoutSei.Stream("s1", 3, 99, 0.125f, 0.75f, 0.25f, 0.2f, 1, 0, 1, 255, 150))
                .ver("2.0")
                .ts(42)
                .passThrough("note", "hi")
                .build();
        JsonNode n = JSON.readTree(l.toJson());
        assertThat(n.get("canvas").get("bgnd").asInt()).isEqualTo(0x123456);
        JsonNode s = n.get("stream").get(0);
        assertThat(s.get("paneid").asInt()).isEqualTo(3);
        assertThat(s.get("zorder").asInt()).isEqualTo(99);
        assertThat((float) s.get("x").asDouble()).isEqualTo(0.125f);
        assertThat((float) s.get("h").asDouble()).isEqualTo(0.2f);
        assertThat(s.get("type").asInt()).isEqualTo(1);
        assertThat(s.get("vol").asInt()).isEqualTo(255);
        assertThat(s.get("vad").asInt()).isEqualTo(150);
        assertThat(n.get("ver").asText()).isEqualTo("2.0");
        assertThat(n.get("ts").asLong()).isEqualTo(42);
        assertThat(n.get("note").asText()).isEqualTo("hi");
        assertThat(n.fieldNames()).toIterable().containsExactly("canvas", "stream", "ver", "ts", "note");
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> new LayoutSei.Stream("u", 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessage("paneid 9 (allowed -1 to 8)");
        assertThatThrownBy(() -> new LayoutSei.Stream("u", 0, 0, 1.5f, 0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessage("x 1.5 (allowed 0 to 1)");
        assertThatThrownBy(() -> new LayoutSei.Stream("u", 0, 0, Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessage("x NaN (allowed 0 to 1)");
        assertThatThrownBy(() -> new LayoutSei.Stream("u", 0, 0, 0, 0, 0, 0, 0, 0, 0, 256, 0))
                .hasMessage("vol 256 (allowed 0 to 255)");
        assertThatThrownBy(() -> LayoutSei.builder().canvas(1, 1, 0x1000000))
                .hasMessage("bgnd 1000000 is not an RGB colour");
        assertThatThrownBy(() -> LayoutSei.builder()
                        .canvas(1, 1, 0)
                        .passThrough("ts", "x")
                        .build())
                .hasMessage("pass-through key \"ts\" is empty or reserved");
        assertThatThrownBy(() -> LayoutSei.builder().build()).hasMessage("canvas");
    }
}
