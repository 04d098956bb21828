package dev.liveloom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.liveloom.core.io.BlockingReads;
import dev.liveloom.core.io.FileByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTask;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.RelayTaskState;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.relay.StopReason;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Ffprobe;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Nginx;
import dev.liveloom.core.testing.TestHttpServer;
import dev.liveloom.core.webhook.NettyWebhookTransport;
import dev.liveloom.core.webhook.WebhookSender;
import dev.liveloom.core.webhook.WebhookSigner;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-item http playlist (different resolutions and sample rates, one moov-at-end) looped twice to
 * nginx-rtmp with record all: the recording has every frame, strictly increasing DTS, no gap, A/V
 * ending together, the right duration, in real time; webhooks arrive signed.
 */
@Tag("interop")
class RelayInteropTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final List<String> ITEMS = List.of("h264-baseline.mp4", "relay-640x360-22k.mp4", "h264-high-bframes.mp4");

    record Hook(String id, long ts, String sig, String body) {}

    static long count(String fixture, MediaType type) throws Exception {
        FileByteInput in = FileByteInput.open(Fixtures.media(fixture));
        long n = 0;
        try (Demuxer d = Demuxers.open(in, Duration.ofSeconds(5))) {
            MediaPacket p;
            while ((p = BlockingReads.next(d, in, Duration.ofSeconds(5))) != null) {
                n += p.format().type() == type ? 1 : 0;
            }
        }
        return n;
    }

    /** The task once it has stopped running, or after a minute. */
    static RelayTask awaitNotRunning(RelayService service, String id) throws InterruptedException {
        RelayTask t = service.get(id);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (t.state() == RelayTaskState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(200);
            t = service.get(id);
        }
        return t;
    }

    @Test
    void playlistLoopedTwiceArrivesGaplessInRealTime(@TempDir Path dir) throws Exception {
        List<Hook> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            hooks.add(new Hook(
                    ex.getRequestHeaders().getFirst("webhook-id"),
                    Long.parseLong(ex.getRequestHeaders().getFirst("webhook-timestamp")),
                    ex.getRequestHeaders().getFirst("webhook-signature"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try (Nginx nginx = Nginx.start(dir, false);
                TestHttpServer http = TestHttpServer.start();
                LiveloomRuntime rt =
                        LiveloomRuntime.builder().eventLoopThreads(2).build()) {
            List<String> urls = ITEMS.stream()
                    .map(n -> {
                        http.serve("/vod/" + n, Fixtures.media(n));
                        return http.url("/vod/" + n).toString();
                    })
                    .toList();
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            WebhookSender hooksOut = WebhookSender.builder()
                    .transport(new NettyWebhookTransport(rt.eventLoopGroup(), Duration.ofSeconds(5)))
                    .scheduler(scheduler)
                    .secret(SECRET)
                    .build();
            RelayService service = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(PipelineEngine.onRuntime(rt, false))
                    .webhooks(hooksOut)
                    .build();
            long started = System.nanoTime();
            String id = service.create(RelayTaskSpec.builder()
                    .name("interop")
                    .callbackUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                    .sources(SourceType.VIDEO_URL, urls)
                    .playbackTimes(2)
                    .destinationUrl(nginx.rtmpUrl("relay?auth_key=1700000000-0-0-secret"))
                    .build());
            RelayTask t = awaitNotRunning(service, id);
            double tookS = (System.nanoTime() - started) / 1e9;
            assertThat(t.state()).isEqualTo(RelayTaskState.STOPPED);
            assertThat(t.stopReason())
                    .as("invalid reason: %s", t.invalidReason())
                    .isEqualTo(StopReason.PLAYLIST_FINISHED);
            // 3 items of 2 s, twice: real time minus at most the 1 s start burst
            assertThat(tookS).isGreaterThan(12 - 1.5);

            Thread.sleep(1500);
            List<Ffprobe.Packet> rec = Ffprobe.packets(nginx.recordings().resolve("relay.flv"));
            List<Ffprobe.Packet> v =
                    rec.stream().filter(p -> p.type().equals("video")).toList();
            List<Ffprobe.Packet> a =
                    rec.stream().filter(p -> p.type().equals("audio")).toList();
            long videoSent = 0;
            long audioSent = 0;
            for (String n : ITEMS) {
                videoSent += 2 * count(n, MediaType.VIDEO);
                audioSent += 2 * count(n, MediaType.AUDIO);
            }
            assertThat(v).as("every video frame of every item and loop").hasSize((int) videoSent);
            assertThat(a.size() + t.stats().framesDropped())
                    .as("audio frames recorded plus those dropped at joins")
                    .isEqualTo(audioSent);
            for (List<Ffprobe.Packet> track : List.of(v, a)) {
                for (int i = 1; i < track.size(); i++) {
                    assertThat(track.get(i).dtsMs())
                            .as("dts %d", i)
                            .isGreaterThan(track.get(i - 1).dtsMs());
                }
            }
            for (int i = 1; i < v.size(); i++) {
                assertThat(v.get(i).dtsMs() - v.get(i - 1).dtsMs())
                        .as("video gap at %d", i)
                        .isLessThanOrEqualTo(80.0);
            }
            double videoEnd =
                    v.stream().mapToDouble(Ffprobe.Packet::ptsMs).max().orElseThrow() + 40;
            double audioEnd = a.get(a.size() - 1).ptsMs() + 23;
            assertThat(audioEnd).as("A/V end").isCloseTo(videoEnd, within(100.0));
            assertThat(videoEnd - v.get(0).dtsMs()).as("duration ms").isCloseTo(12_000, within(200.0));

            // webhooks: started, 6 x item started/finished, stopped; all signed
            long deadlineHooks = System.nanoTime() + 10_000_000_000L;
            while (hooks.size() < 14 && System.nanoTime() < deadlineHooks) {
                Thread.sleep(100);
            }
            WebhookSigner verifier = new WebhookSigner(SECRET);
            for (Hook h : hooks) {
                assertThat(verifier.verify(h.id(), h.ts(), h.body().getBytes(StandardCharsets.UTF_8), h.sig()))
                        .isTrue();
                assertThat(h.body()).doesNotContain("secret\"").contains("\"TaskId\":\"" + id + "\"");
            }
            assertThat(hooks.stream().filter(h -> h.body().contains("relay.item_started")))
                    .hasSize(6);
            assertThat(hooks.stream().filter(h -> h.body().contains("relay.item_finished")))
                    .hasSize(6);
            assertThat(hooks.stream().filter(h -> h.body().contains("\"stopReason\":\"PLAYLIST_FINISHED\"")))
                    .hasSize(1);
            service.close();
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * One item (moov at the end) looped three times: the source is rewound rather than opened
     * again, so only the first loop reads the head, and the recording has every frame, gapless.
     */
    @Test
    void oneItemLoopedThriceIsRewoundAndArrivesGapless(@TempDir Path dir) throws Exception {
        String item = "h264-baseline.mp4";
        try (Nginx nginx = Nginx.start(dir, false);
                TestHttpServer http = TestHttpServer.start();
                LiveloomRuntime rt =
                        LiveloomRuntime.builder().eventLoopThreads(2).build()) {
            http.serve("/vod/" + item, Fixtures.media(item));
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            RelayService service = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(PipelineEngine.onRuntime(rt, false))
                    .callbackRequired(false)
                    .build();
            String id = service.create(RelayTaskSpec.builder()
                    .name("loop")
                    .sources(
                            SourceType.VIDEO_URL,
                            List.of(http.url("/vod/" + item).toString()))
                    .playbackTimes(3)
                    .destinationUrl(nginx.rtmpUrl("loop"))
                    .build());
            RelayTask t = awaitNotRunning(service, id);
            assertThat(t.stopReason())
                    .as("invalid reason: %s", t.invalidReason())
                    .isEqualTo(StopReason.PLAYLIST_FINISHED);
            assertThat(t.stats().loopsDone()).isEqualTo(3);
            // only the first loop reads the file from its start (head and moov); the others ask for
            // the samples again from the first one (unless still held), without opening it anew
            List<String> ranges = http.requests("/vod/" + item).stream()
                    .map(TestHttpServer.Request::range)
                    .toList();
            assertThat(ranges).as("range requests").hasSizeBetween(1, 3);
            assertThat(ranges.stream().filter("bytes=0-"::equals))
                    .as("reads from byte 0")
                    .hasSize(1);

            Thread.sleep(1500);
            List<Ffprobe.Packet> rec = Ffprobe.packets(nginx.recordings().resolve("loop.flv"));
            List<Ffprobe.Packet> v =
                    rec.stream().filter(p -> p.type().equals("video")).toList();
            assertThat(v).as("every video frame of three loops").hasSize((int) (3 * count(item, MediaType.VIDEO)));
            for (int i = 1; i < v.size(); i++) {
                assertThat(v.get(i).dtsMs() - v.get(i - 1).dtsMs())
                        .as("video step at %d", i)
                        .isGreaterThan(0.0)
                        .isLessThanOrEqualTo(80.0);
            }
            service.close();
        }
    }
}
