package dev.liveloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.cli.LiveSourceDropInteropTest.Sent;
import dev.liveloom.cli.LiveSourceDropInteropTest.Tee;
import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayEvent;
import dev.liveloom.core.relay.RelayListener;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.RelayTaskState;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Nginx;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import dev.liveloom.testkit.Direction;
import dev.liveloom.testkit.ProxyConfig;
import dev.liveloom.testkit.TcpImpairmentProxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live rtmp:// source (ffmpeg publishing into our embedded RtmpServer) reached through the TCP
 * impairment proxy: a stall that keeps the connection open is noticed by the relay's idle watchdog
 * and a reset by the connection itself; both times the relay reconnects on its own and resumes soon
 * after the path is back, on one ingest session.
 */
@Tag("interop")
class LiveSourceStallInteropTest {

    @Test
    void stalledAndResetRtmpSourcesAreReconnected(@TempDir Path dir) throws Exception {
        List<Sent> sent = new CopyOnWriteArrayList<>();
        List<RelayEvent> events = new CopyOnWriteArrayList<>();
        Process ffmpeg = null;
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), false);
                LiveloomRuntime rt =
                        LiveloomRuntime.builder().eventLoopThreads(2).build();
                RtmpServer origin = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), rt.eventLoopGroup());
                TcpImpairmentProxy proxy =
                        TcpImpairmentProxy.start(ProxyConfig.builder(new InetSocketAddress("127.0.0.1", origin.port()))
                                .build())) {
            ffmpeg = LiveSourceDropInteropTest.ffmpeg(dir, 1, "-f", "flv", origin.url("live", "src"));
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            PipelineEngine engine = PipelineEngine.builder()
                    .scheduler(scheduler)
                    .sources(url -> MediaIo.source(url, rt, false))
                    .sinks(url -> new Tee(MediaIo.sink(url, rt), sent))
                    .liveIdleTimeout(Duration.ofSeconds(2))
                    .build();
            RelayService service = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(engine)
                    .callbackRequired(false)
                    .listener(new RelayListener() {
                        @Override
                        public void onEvent(RelayEvent e) {
                            events.add(e);
                        }
                    })
                    .build();
            String id = service.create(RelayTaskSpec.builder()
                    .name("stall")
                    .sources(SourceType.LIVE, List.of("rtmp://127.0.0.1:" + proxy.port() + "/live/src"))
                    .destinationUrl(nginx.rtmpUrl("out"))
                    .build());
            await(() -> sent.size() > 150, 15_000, "packets before the stall");
            Thread.sleep(2000);

            // 1. the origin's bytes stop without a close: only the relay's idle watchdog can tell
            long stallAt = System.nanoTime();
            proxy.stall(Direction.SERVER_TO_CLIENT, Duration.ofSeconds(4));
            long stallEnd = stallAt + 4_000_000_000L;
            await(
                    () -> reasons(events).stream().anyMatch(r -> r.startsWith("no media from the source")),
                    6000,
                    "the idle watchdog's reconnect");
            Sent afterStall = awaitAfter(sent, stallEnd, 10_000);
            long stallResumeMs = (afterStall.wallNanos() - stallEnd) / 1_000_000;

            // 2. the connection is reset
            Thread.sleep(3000);
            int reconnectsBefore = reasons(events).size();
            long resetAt = System.nanoTime();
            proxy.resetConnections();
            Sent afterReset = awaitAfter(sent, resetAt + 50_000_000L, 10_000);
            long resetResumeMs = (afterReset.wallNanos() - resetAt) / 1_000_000;
            Thread.sleep(2000);

            System.out.printf(
                    "rtmp source via the embedded server behind the TCP proxy: resumed %d ms after a 4 s stall"
                            + " ended (idle timeout 2 s), %d ms after a reset%n",
                    stallResumeMs, resetResumeMs);
            assertThat(service.get(id).state()).isEqualTo(RelayTaskState.RUNNING);
            service.stop(id);
            service.close();

            assertThat(stallResumeMs).isLessThan(3000);
            assertThat(resetResumeMs).isLessThan(3000);
            assertThat(reasons(events)).hasSizeGreaterThan(reconnectsBefore);
            assertThat(events)
                    .extracting(RelayEvent::type)
                    .doesNotContain(RelayEvent.Type.INGEST_RECONNECTING, RelayEvent.Type.SOURCE_FAILED);
            assertThat(proxy.accepted()).isGreaterThanOrEqualTo(3);
            for (MediaType type : MediaType.values()) {
                List<MediaPacket> track = sent.stream()
                        .map(Sent::packet)
                        .filter(p -> p.format().type() == type)
                        .toList();
                for (int i = 1; i < track.size(); i++) {
                    assertThat(track.get(i).dtsUs())
                            .as("%s dts %d", type, i)
                            .isGreaterThan(track.get(i - 1).dtsUs());
                }
            }
        } finally {
            if (ffmpeg != null) {
                ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> reasons(List<RelayEvent> events) {
        return events.stream()
                .filter(e -> e.type() == RelayEvent.Type.SOURCE_RECONNECTING)
                .map(e -> e.detail().replaceFirst("^attempt \\d+: ", ""))
                .toList();
    }

    private static void await(java.util.function.BooleanSupplier c, long millis, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }

    private static Sent awaitAfter(List<Sent> sent, long nanos, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (Sent s : sent) {
                if (s.wallNanos() > nanos) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("nothing reached the ingest within " + millis + " ms");
    }
}
