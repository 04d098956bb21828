package dev.liveloom.core.relay;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.relay.internal.SpecRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of relay-task parameter cases: what is refused, with which parameter and message. */
class SpecRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static RelayTaskSpec.Builder valid() {
        return RelayTaskSpec.builder()
                .name("n")
                .region(Region.AP_SOUTHEAST_1)
                .callbackUrl("https://hooks.example/cb")
                .sources(SourceType.VIDEO_URL, List.of("https://v.example/a.mp4"))
                .destinationUrl("rtmp://ingest.example/app/stream?auth_key=1-0-0-x");
    }

    static Stream<Arguments> refused() {
        List<String> thirtyOne = new ArrayList<>(Collections.nCopies(31, "http://v.example/a.mp4"));
        return Stream.of(
                row("no name", b -> b.name(" "), "TaskName: required"),
                row("no callback", b -> b.callbackUrl(null), "CallbackUrl: required"),
                row("ftp callback", b -> b.callbackUrl("ftp://h/x"), "CallbackUrl: must be an http:// or https:// URL"),
                row(
                        "no source type",
                        b -> b.sources(null, List.of("x")),
                        "SourceType: required: LIVE, VOD or VIDEO_URL"),
                row(
                        "no sources",
                        b -> b.sources(SourceType.VIDEO_URL, List.of()),
                        "Sources: at least one source is required"),
                row("31 items", b -> b.sources(SourceType.VIDEO_URL, thirtyOne), "Sources: at most 30 items, got 31"),
                row(
                        "rtmp video url",
                        b -> b.sources(SourceType.VIDEO_URL, List.of("rtmp://h/a/b.flv")),
                        "Sources[0]: must start with http:// or https://"),
                row(
                        "mkv video url",
                        b -> b.sources(SourceType.VIDEO_URL, List.of("http://h/a.mkv")),
                        "Sources[0]: must end with .mp4 or .flv"),
                row(
                        "second item bad",
                        b -> b.sources(SourceType.VIDEO_URL, List.of("http://h/a.mp4", "http://h/b.ts")),
                        "Sources[1]: must end with .mp4 or .flv"),
                row(
                        "local file not allowed",
                        b -> b.sources(SourceType.VIDEO_URL, List.of("/tmp/a.mp4")),
                        "Sources[0]: must start with http:// or https://"),
                row("zero loops", b -> b.playbackTimes(0), "PlaybackTimes: must be at least 1, or infinite; was 0"),
                row(
                        "live with loops",
                        b -> b.sources(SourceType.LIVE, List.of("rtmp://h/live/s"))
                                .playbackTimes(3),
                        "PlaybackTimes: only for VOD and VIDEO_URL sources"),
                row(
                        "two live sources",
                        b -> b.sources(SourceType.LIVE, List.of("rtmp://h/l/a", "rtmp://h/l/b")),
                        "Sources: a LIVE task takes exactly one source, got 2"),
                row(
                        "live mp4",
                        b -> b.sources(SourceType.LIVE, List.of("http://h/live/a.mp4")),
                        "Sources[0]: a live http(s) source must be HTTP-FLV (a path ending in .flv)"),
                row(
                        "live srt without host or port",
                        b -> b.sources(SourceType.LIVE, List.of("srt://?mode=listener")),
                        "Sources[0]: has no host"),
                row(
                        "live rtsp",
                        b -> b.sources(SourceType.LIVE, List.of("rtsp://h/x")),
                        "Sources[0]: a live source must be rtmp://, rtmps://, srt:// or http(s) FLV"),
                row(
                        "vod without resolver",
                        b -> b.sources(SourceType.VOD, List.of("abc123")),
                        "SourceType: VOD needs a MediaAssetResolver, and none is configured"),
                row(
                        "http destination",
                        b -> b.destinationUrl("http://h/app/s"),
                        "DestinationUrl: must be an rtmp:// or rtmps:// URL"),
                row(
                        "destination without stream",
                        b -> b.destinationUrl("rtmp://h/app"),
                        "DestinationUrl: must name a host, an app and a stream: rtmp://host/app/stream"),
                row(
                        "end in the past",
                        b -> b.endTime(NOW.minusSeconds(1)),
                        "EndTime: must be in the future, was 2026-03-01T09:59:59Z"),
                row(
                        "end before start",
                        b -> b.startTime(NOW.plusSeconds(60)).endTime(NOW.plusSeconds(30)),
                        "EndTime: must be after StartTime 2026-03-01T10:01:00Z, was 2026-03-01T10:00:30Z"));
    }

    private static Arguments row(String name, UnaryOperator<RelayTaskSpec.Builder> edit, String message) {
        return Arguments.of(name, edit, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithTheParameterNamed(String name, UnaryOperator<RelayTaskSpec.Builder> edit, String message) {
        RelayTaskSpec s = edit.apply(valid()).build();
        assertThatThrownBy(() -> SpecRules.check(s, NOW, false, false))
                .isInstanceOf(RelayException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                row("video url with query", b -> b.sources(SourceType.VIDEO_URL, List.of("https://v/a.FLV?sig=1")), ""),
                row(
                        "thirty items",
                        b -> b.sources(SourceType.VIDEO_URL, Collections.nCopies(30, "http://v/a.mp4")),
                        ""),
                row("infinite", RelayTaskSpec.Builder::loopForever, ""),
                row("live srt", b -> b.sources(SourceType.LIVE, List.of("srt://h:9000?streamid=a&latency=120")), ""),
                row(
                        "live srt listener on every interface",
                        b -> b.sources(SourceType.LIVE, List.of("srt://:9000?mode=listener")),
                        ""),
                row("live http-flv", b -> b.sources(SourceType.LIVE, List.of("https://h/live/a.flv?token=x")), ""),
                row("rtmps destination", b -> b.destinationUrl("rtmps://h:443/app/key"), ""),
                row("vod assets", b -> b.sources(SourceType.VOD, List.of("a1b2", "c3_d4-e")), ""),
                row("local file when allowed", b -> b.sources(SourceType.VIDEO_URL, List.of("media/a.mp4")), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String name, UnaryOperator<RelayTaskSpec.Builder> edit, String unused) {
        RelayTaskSpec s = edit.apply(valid()).build();
        assertThatCode(() -> SpecRules.check(s, NOW, true, true)).doesNotThrowAnyException();
    }
}
