package dev.liveloom.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.testing.VirtualScheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A live source that drops, stays away, goes silent or restarts its clock, in virtual time: how
 * soon the relay is back, how long it keeps trying, and that the output timeline only goes forward.
 */
class LiveSourceReconnectTest {
    static final long FRAME_US = 40_000;
    static final long AUDIO_US = 1024L * 1_000_000 / 44_100;
    static final TrackFormat VIDEO =
            TrackFormat.builder(Codec.H264).size(320, 180).build();
    static final TrackFormat AUDIO =
            TrackFormat.builder(Codec.AAC).sampleRate(44_100).channels(2).build();
    static final String URL = "http://peer/live.flv";

    /** A packet the ingest took, and the virtual time it did. */
    record Taken(long atNanos, MediaPacket packet) {}

    /** A live server in virtual time: up or down; each connection streams from its own clock base. */
    final class Peer {
        boolean up = true;
        long nextBaseUs;
        final List<Connection> connections = new ArrayList<>();

        MediaSource open() {
            Connection c = new Connection(up, nextBaseUs);
            connections.add(c);
            return c;
        }

        /** The server dies: every open connection breaks and new ones are refused. */
        void kill() {
            up = false;
            for (Connection c : connections) {
                c.fail(new IOException("connection reset"));
            }
        }

        /** The server is back; its next connection's timestamps start at {@code baseUs}. */
        void restore(long baseUs) {
            up = true;
            nextBaseUs = baseUs;
        }

        Connection last() {
            return connections.get(connections.size() - 1);
        }
    }

    /**
     * One connection: video at 25 fps and 44.1 kHz AAC, each packet readable at its real-time due
     * moment after the open; optionally its clock jumps by {@code jumpUs} from packet time {@code
     * jumpAtUs}, or it falls silent.
     */
    final class Connection implements MediaSource {
        final boolean refused;
        final long baseUs;
        final long openedNanos = clock.nanoTime();
        long video;
        long audio;
        long jumpAtUs = Long.MAX_VALUE;
        long jumpUs;
        boolean silent;
        IOException failure;
        CompletableFuture<Void> waiting;

        Connection(boolean up, long baseUs) {
            this.refused = !up;
            this.baseUs = baseUs;
        }

        void fail(IOException e) {
            if (failure == null) {
                failure = e;
            }
            wake();
        }

        private void wake() {
            if (waiting != null) {
                CompletableFuture<Void> w = waiting;
                waiting = null;
                w.complete(null);
            }
        }

        /** Stream time of the next packet (no jump applied). */
        private long nextUs() {
            return Math.min(video * FRAME_US, audio * AUDIO_US);
        }

        @Override
        public String name() {
            return URL;
        }

        @Override
        public MediaPacket read() throws IOException {
            if (refused) {
                throw new IOException("GET " + URL + ": connection refused");
            }
            if (failure != null) {
                throw failure;
            }
            long t = nextUs();
            if (silent || clock.nanoTime() < openedNanos + t * 1000) {
                return null;
            }
            boolean isVideo = video * FRAME_US <= audio * AUDIO_US;
            long dts = baseUs + t + (t >= jumpAtUs ? jumpUs : 0);
            if (isVideo) {
                video++;
                return new MediaPacket(0, VIDEO, dts, dts, FRAME_US, (video - 1) % 25 == 0, ByteBuffer.allocate(100));
            }
            audio++;
            return new MediaPacket(1, AUDIO, dts, dts, AUDIO_US, true, ByteBuffer.allocate(10));
        }

        @Override
        public boolean ended() {
            return false;
        }

        @Override
        public CompletableFuture<Void> ready() {
            if (refused || failure != null) {
                return CompletableFuture.completedFuture(null);
            }
            if (waiting == null) {
                waiting = new CompletableFuture<>();
                if (!silent) {
                    long due = openedNanos + nextUs() * 1000 - clock.nanoTime();
                    clock.schedule(this::wake, Math.max(0, due), TimeUnit.NANOSECONDS);
                }
            }
            return waiting;
        }

        @Override
        public void close() {
            failure = new IOException("closed");
        }
    }

    /** Takes everything at once. */
    final class Ingest implements MediaSink {
        @Override
        public String name() {
            return "ingest";
        }

        @Override
        public CompletableFuture<Void> open() {
            ingestOpens++;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean offer(MediaPacket p) {
            taken.add(new Taken(clock.nanoTime(), p));
            return true;
        }

        @Override
        public CompletableFuture<Void> writable() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> closed() {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {}
    }

    /** What the run reported, with virtual times. */
    final class Events implements RelayEngine.RunListener {
        final List<String> log = new ArrayList<>();
        final List<Long> reconnectNanos = new ArrayList<>();

        @Override
        public void itemStarted(int index, String url) {
            log.add("start");
        }

        @Override
        public void itemFinished(int index, String url) {
            log.add("finish");
        }

        @Override
        public void itemSkipped(int index, String url, String reason) {
            log.add("skip: " + reason);
        }

        @Override
        public void reconnecting(boolean ingest, int attempt, String reason) {
            log.add((ingest ? "ingest" : "source") + " reconnect " + attempt + ": " + reason);
            reconnectNanos.add(clock.nanoTime());
        }

        @Override
        public void finished() {
            log.add("finished");
        }

        @Override
        public void failed(boolean ingest, String reason) {
            log.add((ingest ? "ingest" : "source") + " failed: " + reason);
        }
    }

    VirtualScheduler clock;
    Peer peer;
    List<Taken> taken;
    Events events;
    int ingestOpens;

    @BeforeEach
    void setUp() {
        clock = new VirtualScheduler();
        peer = new Peer();
        taken = new ArrayList<>();
        events = new Events();
    }

    PipelineEngine.Builder engine() {
        return PipelineEngine.builder()
                .scheduler(clock)
                .sources(url -> peer.open())
                .sinks(url -> new Ingest());
    }

    RelayEngine.Run start(PipelineEngine e) {
        RelayTaskSpec spec = RelayTaskSpec.builder()
                .name("live")
                .callbackUrl("http://h/cb")
                .sources(SourceType.LIVE, List.of(URL))
                .destinationUrl("rtmp://i/live/s")
                .build();
        return e.start("t", spec, events);
    }

    void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    long seconds(double s) {
        return (long) (s * 1_000_000_000L);
    }

    /** The first packet the ingest took at or after {@code nanos}. */
    Taken firstFrom(long nanos) {
        return taken.stream().filter(t -> t.atNanos() >= nanos).findFirst().orElseThrow();
    }

    void assertStrictlyIncreasing() {
        for (MediaType type : MediaType.values()) {
            long last = Long.MIN_VALUE;
            for (Taken t : taken) {
                if (t.packet().format().type() == type) {
                    assertThat(t.packet().dtsUs()).as("%s dts", type).isGreaterThan(last);
                    last = t.packet().dtsUs();
                }
            }
        }
    }

    /** Largest step between consecutive video DTS on the output timeline. */
    long largestVideoStepUs() {
        long last = Long.MIN_VALUE;
        long max = 0;
        for (Taken t : taken) {
            if (t.packet().format().type() == MediaType.VIDEO) {
                if (last != Long.MIN_VALUE) {
                    max = Math.max(max, t.packet().dtsUs() - last);
                }
                last = t.packet().dtsUs();
            }
        }
        return max;
    }

    @Test
    void aSourceAwayForSevenSecondsIsBackWithinASecondOfItsReturn() {
        start(engine().build());
        advance(5000);
        peer.kill();
        advance(7000);
        long back = clock.nanoTime();
        peer.restore(0);
        advance(5000);
        long resumeMs = (firstFrom(back).atNanos() - back) / 1_000_000;
        System.out.printf("virtual time: source back after 7 s, first packet at the ingest %d ms later%n", resumeMs);
        assertThat(resumeMs).isLessThanOrEqualTo(1000);
        // 250 ms, 500 ms, then every second: no attempt storm, no wait longer than the cap
        List<Long> at = events.reconnectNanos;
        assertThat(at).hasSizeBetween(8, 10);
        assertThat((at.get(1) - at.get(0)) / 1_000_000).isEqualTo(250);
        assertThat((at.get(2) - at.get(1)) / 1_000_000).isEqualTo(500);
        for (int i = 3; i < at.size(); i++) {
            assertThat((at.get(i) - at.get(i - 1)) / 1_000_000).isEqualTo(1000);
        }
        assertThat(events.log.get(1)).isEqualTo("source reconnect 1: connection reset");
        assertThat(events.log).contains("source reconnect 2: GET " + URL + ": connection refused");
        assertThat(events.log).noneMatch(l -> l.contains("failed"));
        assertThat(ingestOpens).isEqualTo(1);
        assertStrictlyIncreasing();
        // gapless: the outage leaves no hole in the output timeline
        assertThat(largestVideoStepUs()).isLessThanOrEqualTo(2 * FRAME_US);
    }

    @Test
    void theAttemptCountStartsAgainOnceTheSourceDelivers() {
        start(engine().build());
        advance(3000);
        peer.kill();
        advance(3000);
        peer.restore(0);
        advance(3000);
        int before = events.reconnectNanos.size();
        long second = clock.nanoTime();
        peer.kill();
        advance(100);
        peer.restore(0);
        advance(2000);
        assertThat(events.reconnectNanos).hasSize(before + 1);
        assertThat(events.log).contains("source reconnect 1: connection reset");
        assertThat(events.log.stream().filter(l -> l.startsWith("source reconnect 1:")))
                .hasSize(2);
        // the second drop is retried after the short first delay again
        assertThat((firstFrom(second + 1).atNanos() - second) / 1_000_000).isLessThan(400);
        assertStrictlyIncreasing();
    }

    @Test
    void aSourceAwayLongerThanTheOutageLimitFailsTheRun() {
        start(engine().maxSourceOutage(Duration.ofSeconds(30)).build());
        advance(2000);
        peer.kill();
        advance(40_000);
        String last = events.log.get(events.log.size() - 1);
        assertThat(last).startsWith("source failed: the live source was away for 30 s (limit 30 s, ");
        assertThat(last).endsWith("connection refused");
        long failedAt = events.reconnectNanos.get(events.reconnectNanos.size() - 1);
        assertThat((failedAt - seconds(2)) / 1_000_000_000L).isBetween(29L, 31L);
        int n = events.log.size();
        advance(10_000);
        assertThat(events.log).hasSize(n);
        assertThat(peer.connections).hasSizeLessThan(40);
    }

    @Test
    void aSilentSourceIsDroppedAfterTheIdleTimeout() {
        start(engine().liveIdleTimeout(Duration.ofSeconds(5)).build());
        advance(3000);
        peer.last().silent = true;
        long silentFrom = clock.nanoTime();
        advance(4000);
        assertThat(events.reconnectNanos).isEmpty();
        advance(2000);
        assertThat(events.reconnectNanos).hasSize(1);
        assertThat((events.reconnectNanos.get(0) - silentFrom) / 1_000_000).isBetween(4900L, 5100L);
        assertThat(events.log)
                .anyMatch(l -> l.matches("source reconnect 1: no media from the source for 5\\d\\d\\d ms"));
        advance(3000);
        assertThat(peer.connections).hasSize(2);
        assertThat(taken.get(taken.size() - 1).atNanos()).isGreaterThan(clock.nanoTime() - seconds(0.1));
        assertStrictlyIncreasing();
    }

    @Test
    void aReconnectWhoseClockStartsHoursAheadKeepsRealTime() {
        start(engine().build());
        advance(4000);
        peer.kill();
        advance(2000);
        peer.restore(5L * 3600 * 1_000_000);
        long back = clock.nanoTime();
        advance(10_000);
        assertStrictlyIncreasing();
        assertThat(largestVideoStepUs()).isLessThanOrEqualTo(2 * FRAME_US);
        // the output keeps pace: about 25 frames a second after the return, not a five-hour wait
        long frames = taken.stream()
                .filter(t -> t.atNanos() >= back && t.packet().format().type() == MediaType.VIDEO)
                .count();
        assertThat(frames).isBetween(220L, 260L);
    }

    @Test
    void aClockThatRestartsAtZeroWithinOneConnectionIsReanchored() {
        PipelineEngine e = engine().build();
        RelayEngine.Run run = start(e);
        advance(100);
        peer.nextBaseUs = 0;
        // ten seconds into the connection the publisher's clock starts again at 0
        peer.last().jumpAtUs = 10_000_000;
        peer.last().jumpUs = -10_000_000;
        advance(20_000);
        assertStrictlyIncreasing();
        assertThat(largestVideoStepUs()).isLessThanOrEqualTo(2 * FRAME_US);
        assertThat(events.reconnectNanos).isEmpty();
        long frames = taken.stream()
                .filter(t -> t.packet().format().type() == MediaType.VIDEO)
                .count();
        assertThat(frames).isBetween(490L, 510L);
        assertThat(((dev.liveloom.core.relay.internal.TaskRun) run).clockJumps())
                .isEqualTo(1);
    }

    @Test
    void aClockThatJumpsHoursAheadWithinOneConnectionIsReanchored() {
        RelayEngine.Run run = start(engine().build());
        advance(100);
        peer.last().jumpAtUs = 6_000_000;
        peer.last().jumpUs = 3L * 3600 * 1_000_000;
        advance(20_000);
        assertStrictlyIncreasing();
        assertThat(largestVideoStepUs()).isLessThanOrEqualTo(2 * FRAME_US);
        long late = taken.stream()
                .filter(t -> t.atNanos() > seconds(10) && t.packet().format().type() == MediaType.VIDEO)
                .count();
        // still about 25 frames a second after the jump
        assertThat(late).isBetween(240L, 260L);
        assertThat(((dev.liveloom.core.relay.internal.TaskRun) run).clockJumps())
                .isEqualTo(1);
    }
}
