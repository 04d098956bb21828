package dev.liveloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.ForwardingSink;
import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayEvent;
import dev.liveloom.core.relay.RelayListener;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTask;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.RelayTaskState;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Ffprobe;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Nginx;
import dev.liveloom.core.testing.Peers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live relay whose source dies mid-stream and comes back: the publishing ffmpeg is killed, stays
 * away for a few seconds and is started again (its timestamps restart from 0). The relay keeps its
 * one publish session on nginx-rtmp, resumes within 3 s of the source's return, and the recording
 * has strictly increasing DTS with no gap beyond the outage.
 */
@Tag("interop")
class LiveSourceDropInteropTest {
    static final String FIXTURE = "h264-aac.flv";
    static final long OUTAGE_MILLIS = 3000;
    static final long RESUME_LIMIT_MILLIS = 3000;

    /** A packet the ingest accepted, and when. */
    record Sent(long wallNanos, MediaPacket packet) {}

    /** Passes packets on and remembers what the ingest accepted and when. */
    static final class Tee extends ForwardingSink {
        private final List<Sent> seen;

        Tee(MediaSink inner, List<Sent> seen) {
            super(inner);
            this.seen = seen;
        }

        @Override
        public boolean offer(MediaPacket p) {
            boolean ok = inner.offer(p);
            if (ok) {
                seen.add(new Sent(System.nanoTime(), p));
            }
            return ok;
        }
    }

    /** A relay event and when it arrived. */
    record Timed(long nanos, RelayEvent event) {}

    /** What one run measured. */
    record Outcome(long resumeMillis, long outageMillis, double maxVideoGapMs, int recordedVideo) {}

    @Test
    void rtmpSourcePublishedIntoNginxDropsAndReturns(@TempDir Path dir) throws Exception {
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), false)) {
            String src = nginx.rtmpUrl("src");
            Outcome o = run(dir, nginx, src, n -> ffmpeg(dir, n, "-f", "flv", src));
            System.out.printf(
                    "rtmp source via nginx: outage %d ms, resumed %d ms after the publisher restarted,"
                            + " largest video DTS step %.0f ms, %d video frames recorded%n",
                    o.outageMillis(), o.resumeMillis(), o.maxVideoGapMs(), o.recordedVideo());
        }
    }

    @Test
    void httpFlvSourceServedByFfmpegDropsAndReturns(@TempDir Path dir) throws Exception {
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), false)) {
            String src = "http://127.0.0.1:" + Peers.freePort() + "/live.flv";
            // ffmpeg as a one-shot HTTP server: an endless chunked FLV body, no length, no ranges
            Outcome o = run(dir, nginx, src, n -> ffmpeg(dir, n, "-f", "flv", "-listen", "1", src));
            System.out.printf(
                    "http-flv source from ffmpeg -listen: outage %d ms, resumed %d ms after the server restarted,"
                            + " largest video DTS step %.0f ms, %d video frames recorded%n",
                    o.outageMillis(), o.resumeMillis(), o.maxVideoGapMs(), o.recordedVideo());
        }
    }

    @Test
    void srtListenerSourceDropsAndItsCallerReturns(@TempDir Path dir) throws Exception {
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), false)) {
            int port = Peers.freePort();
            String src = "srt://:" + port + "?mode=listener&latency=120";
            // ffmpeg's own latency option is in microseconds
            String to = "srt://127.0.0.1:" + port + "?mode=caller&latency=120000&pkt_size=1316";
            Outcome o = run(dir, nginx, src, n -> ffmpeg(dir, n, "-f", "mpegts", to), false);
            System.out.printf(
                    "srt listener source, ffmpeg caller: outage %d ms, resumed %d ms after the caller restarted,"
                            + " largest video DTS step %.0f ms, %d video frames recorded%n",
                    o.outageMillis(), o.resumeMillis(), o.maxVideoGapMs(), o.recordedVideo());
        }
    }

    /** Starts ffmpeg publishing the looped fixture in real time; {@code n} numbers its log. */
    static Process ffmpeg(Path dir, int n, String... output) {
        List<String> cmd = new ArrayList<>(List.of(
                Peers.tool("ffmpeg"),
                "-hide_banner",
                "-loglevel",
                "warning",
                "-re",
                "-stream_loop",
                "-1",
                "-i",
                Fixtures.media(FIXTURE).toString(),
                "-c",
                "copy"));
        cmd.addAll(List.of(output));
        try {
            return new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ffmpeg-" + n + ".log").toFile())
                    .start();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot start ffmpeg: " + e, e);
        }
    }

    /**
     * Relays {@code source} to nginx's {@code out} stream while {@code publisher} feeds it: 6 s of
     * stream, the publisher killed, {@link #OUTAGE_MILLIS} of nothing, the publisher again, 6 s more.
     */
    static Outcome run(Path dir, Nginx nginx, String source, Function<Integer, Process> publisher) throws Exception {
        return run(dir, nginx, source, publisher, true);
    }

    /**
     * @param sourceReconnects whether the source itself drops and is reopened (rtmp, HTTP-FLV); an SRT
     *     listener keeps its socket and takes the returning caller in place of the silent one
     */
    static Outcome run(
            Path dir, Nginx nginx, String source, Function<Integer, Process> publisher, boolean sourceReconnects)
            throws Exception {
        List<Sent> sent = new CopyOnWriteArrayList<>();
        List<Timed> timed = new CopyOnWriteArrayList<>();
        Process first = publisher.apply(1);
        Process second = null;
        try (LiveloomRuntime rt = LiveloomRuntime.builder().eventLoopThreads(2).build()) {
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            PipelineEngine engine = PipelineEngine.builder()
                    .scheduler(scheduler)
                    .sources(url -> MediaIo.source(url, rt, false))
                    .sinks(url -> new Tee(MediaIo.sink(url, rt), sent))
                    .build();
            RelayService service = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(engine)
                    .callbackRequired(false)
                    .listener(new RelayListener() {
                        @Override
                        public void onEvent(RelayEvent e) {
                            timed.add(new Timed(System.nanoTime(), e));
                        }
                    })
                    .build();
            String id = service.create(RelayTaskSpec.builder()
                    .name("live-drop")
                    .sources(SourceType.LIVE, List.of(source))
                    .destinationUrl(nginx.rtmpUrl("out"))
                    .build());
            awaitPackets(sent, 150, 15_000, "before the drop", first, dir);
            Thread.sleep(3000);
            long killNanos = System.nanoTime();
            first.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            Thread.sleep(OUTAGE_MILLIS);
            int beforeReturn = sent.size();
            long restartNanos = System.nanoTime();
            second = publisher.apply(2);
            Sent resumed = awaitAfter(sent, restartNanos, 15_000, second, dir);
            long resumeMillis = (resumed.wallNanos() - restartNanos) / 1_000_000;
            long outageMillis = (resumed.wallNanos() - killNanos) / 1_000_000;
            Thread.sleep(6000);
            RelayTask t = service.get(id);
            assertThat(t.state()).as("still running: %s", t.invalidReason()).isEqualTo(RelayTaskState.RUNNING);
            service.stop(id);
            service.close();

            // the drop was noticed and reported, and only the source reconnected
            // events come on the relay's thread: look at one snapshot
            List<Timed> events = List.copyOf(timed);
            List<RelayEvent.Type> types =
                    events.stream().map(x -> x.event().type()).toList();
            assertThat(types).doesNotContain(RelayEvent.Type.INGEST_RECONNECTING, RelayEvent.Type.SOURCE_FAILED);
            // (an http source may be refused once at the start, before ffmpeg listens)
            List<Long> reconnectsInOutage = new ArrayList<>();
            for (Timed x : events) {
                if (x.event().type() == RelayEvent.Type.SOURCE_RECONNECTING && x.nanos() > killNanos) {
                    reconnectsInOutage.add(x.nanos());
                }
            }
            if (sourceReconnects) {
                assertThat(reconnectsInOutage).isNotEmpty();
                assertThat(reconnectsInOutage.get(0))
                        .as("first reconnect event")
                        .isLessThan(killNanos + 1_000_000_000L);
                assertThat(t.stats().reconnects()).isGreaterThanOrEqualTo(1);
            } else {
                assertThat(reconnectsInOutage)
                        .as("the listener took the returning caller in place")
                        .isEmpty();
            }
            // nothing reached the ingest in the middle of the outage: what came after is the new source
            long quietFrom = killNanos + 1_500_000_000L;
            assertThat(sent.stream().filter(s -> s.wallNanos() > quietFrom && s.wallNanos() < restartNanos))
                    .isEmpty();
            assertThat(sent.size()).isGreaterThan(beforeReturn + 150);
            assertThat(resumeMillis)
                    .as("time from the publisher's restart to the first new frame at the ingest")
                    .isLessThan(RESUME_LIMIT_MILLIS);

            // what the relay sent: strictly increasing per track, no step beyond the outage
            for (MediaType type : MediaType.values()) {
                List<MediaPacket> track = sent.stream()
                        .map(Sent::packet)
                        .filter(p -> p.format().type() == type)
                        .toList();
                assertThat(track).hasSizeGreaterThan(100);
                for (int i = 1; i < track.size(); i++) {
                    assertThat(track.get(i).dtsUs())
                            .as("%s dts %d", type, i)
                            .isGreaterThan(track.get(i - 1).dtsUs());
                }
            }

            // one publish session on nginx, and its one recording reads start to end
            assertThat(publishes(nginx.errorLog(), "out"))
                    .as("publish sessions of out")
                    .isEqualTo(1);
            Thread.sleep(1000);
            List<Ffprobe.Packet> rec = Ffprobe.packets(nginx.awaitRecording("out"));
            List<Ffprobe.Packet> v =
                    rec.stream().filter(p -> p.type().equals("video")).toList();
            List<Ffprobe.Packet> a =
                    rec.stream().filter(p -> p.type().equals("audio")).toList();
            long sentVideo = sent.stream()
                    .filter(s -> s.packet().format().type() == MediaType.VIDEO)
                    .count();
            assertThat((long) v.size()).as("recorded video frames").isBetween(sentVideo * 95 / 100, sentVideo);
            assertThat(v.get(0).key()).isTrue();
            double maxGap = 0;
            for (List<Ffprobe.Packet> track : List.of(v, a)) {
                for (int i = 1; i < track.size(); i++) {
                    double step = track.get(i).dtsMs() - track.get(i - 1).dtsMs();
                    assertThat(step)
                            .as("%s dts step at %d", track.get(i).type(), i)
                            .isPositive();
                    if (track == v) {
                        maxGap = Math.max(maxGap, step);
                    }
                }
            }
            assertThat(maxGap).as("largest video DTS step").isLessThanOrEqualTo(outageMillis + 200.0);
            // the recording spans the whole run but for at most the outage
            double recordedMs = v.get(v.size() - 1).dtsMs() - v.get(0).dtsMs();
            double sentMs = (sent.get(sent.size() - 1).wallNanos() - sent.get(0).wallNanos()) / 1e6;
            assertThat(recordedMs).isGreaterThan(sentMs - outageMillis - 1500);
            return new Outcome(resumeMillis, outageMillis, maxGap, v.size());
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static int publishes(String log, String stream) {
        Matcher m = Pattern.compile("publish: name='" + stream + "'").matcher(log);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void awaitPackets(List<Sent> sent, int n, long millis, String what, Process p, Path dir)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (sent.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + sent.size() + " packets reached the ingest " + what
                        + "; ffmpeg alive " + p.isAlive() + ": " + Peers.read(dir.resolve("ffmpeg-1.log")));
            }
            Thread.sleep(20);
        }
    }

    private static Sent awaitAfter(List<Sent> sent, long nanos, long millis, Process p, Path dir)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (int i = sent.size() - 1; i >= 0 && i >= sent.size() - 200; i--) {
                if (sent.get(i).wallNanos() > nanos
                        && (i == 0 || sent.get(i - 1).wallNanos() <= nanos)) {
                    return sent.get(i);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("nothing reached the ingest within " + millis + " ms of the source's return;"
                + " ffmpeg alive " + p.isAlive() + ": " + Peers.read(dir.resolve("ffmpeg-2.log")));
    }
}
