package dev.liveloom.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.testing.VirtualScheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay pipeline in virtual time, with scripted sources and ingests. */
class PipelineEngineTest {
    static final long FRAME = 40_000;

    static TrackFormat video(int w) {
        return TrackFormat.builder(Codec.H264).size(w, w * 9 / 16).build();
    }

    static TrackFormat audio(int rate) {
        return TrackFormat.builder(Codec.AAC).sampleRate(rate).channels(2).build();
    }

    /** {@code frames} video frames at 25 fps plus audio of the same length, interleaved. */
    static List<MediaPacket> media(int frames, TrackFormat v, TrackFormat a) {
        List<MediaPacket> list = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            list.add(new MediaPacket(0, v, i * FRAME, i * FRAME, FRAME, i % 25 == 0, ByteBuffer.allocate(100)));
        }
        long aframe = 1024L * 1_000_000 / a.sampleRate();
        for (long t = 0; t + aframe <= frames * FRAME; t += aframe) {
            list.add(new MediaPacket(1, a, t, t, aframe, true, ByteBuffer.allocate(10)));
        }
        list.sort(Comparator.comparingLong(MediaPacket::dtsUs));
        return list;
    }

    /** Plays a list; fails with {@code failure} after {@code failAfter} packets if set. */
    static final class ScriptedSource implements MediaSource {
        final List<MediaPacket> packets;
        final int failAfter;
        final IOException failure;
        int next;
        boolean closed;

        ScriptedSource(List<MediaPacket> packets, int failAfter, IOException failure) {
            this.packets = packets;
            this.failAfter = failAfter;
            this.failure = failure;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public MediaPacket read() throws IOException {
            if (next == failAfter) {
                throw failure;
            }
            return next < packets.size() ? packets.get(next++) : null;
        }

        @Override
        public boolean ended() {
            return next >= packets.size();
        }

        @Override
        public CompletableFuture<Void> ready() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A scripted source that can start over, counting how often it did. */
    static final class RewindableSource implements MediaSource {
        final ScriptedSource inner;
        int rewinds;

        RewindableSource(List<MediaPacket> packets) {
            inner = new ScriptedSource(packets, -1, null);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public MediaPacket read() throws IOException {
            return inner.read();
        }

        @Override
        public boolean ended() {
            return inner.ended();
        }

        @Override
        public CompletableFuture<Void> ready() {
            return inner.ready();
        }

        @Override
        public boolean rewind() {
            rewinds++;
            inner.next = 0;
            return true;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Records packets; may refuse when full, fail to open, or drop later. */
    static final class RecordingSink implements MediaSink {
        final List<MediaPacket> got;
        int capacity;
        final boolean openFails;
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        CompletableFuture<Void> writable = new CompletableFuture<>();
        int queued;
        boolean wasClosed;

        RecordingSink(List<MediaPacket> got, int capacity, boolean openFails) {
            this.got = got;
            this.capacity = capacity;
            this.openFails = openFails;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public CompletableFuture<Void> open() {
            if (openGate != null) {
                return openGate;
            }
            return openFails
                    ? CompletableFuture.failedFuture(new IOException("connection refused"))
                    : CompletableFuture.completedFuture(null);
        }

        /** When set, open() completes only when the test completes this. */
        CompletableFuture<Void> openGate;

        @Override
        public boolean offer(MediaPacket p) {
            if (queued >= capacity) {
                return false;
            }
            queued++;
            got.add(p);
            return true;
        }

        /** The ingest drained its queue. */
        void drain() {
            queued = 0;
            CompletableFuture<Void> w = writable;
            writable = new CompletableFuture<>();
            w.complete(null);
        }

        @Override
        public CompletableFuture<Void> writable() {
            return writable;
        }

        @Override
        public CompletableFuture<Void> closed() {
            return closed;
        }

        @Override
        public void close() {
            wasClosed = true;
            closed.complete(null);
        }
    }

    /** What the run reported. */
    static final class Events implements RelayEngine.RunListener {
        final List<String> log = new ArrayList<>();

        @Override
        public void itemStarted(int index, String url) {
            log.add("start " + index);
        }

        @Override
        public void itemFinished(int index, String url) {
            log.add("finish " + index);
        }

        @Override
        public void itemSkipped(int index, String url, String reason) {
            log.add("skip " + index + ": " + reason);
        }

        @Override
        public void reconnecting(boolean ingest, int attempt, String reason) {
            log.add((ingest ? "ingest" : "source") + " reconnect " + attempt + ": " + reason);
        }

        @Override
        public void ingestLagging(boolean lagging, long lagMs, long dropped) {
            log.add(lagging ? "lagging" : "caught up");
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
    Map<String, java.util.function.Supplier<MediaSource>> catalog;
    List<MediaPacket> received;
    List<RecordingSink> sinks;
    Events events;
    int sinkCapacity = Integer.MAX_VALUE;
    Duration ingestLag = Duration.ofSeconds(2);
    int failingOpens;

    @BeforeEach
    void setUp() {
        clock = new VirtualScheduler();
        catalog = new HashMap<>();
        received = new ArrayList<>();
        sinks = new ArrayList<>();
        events = new Events();
        catalog.put("http://v/a.mp4", () -> new ScriptedSource(media(50, video(640), audio(44100)), -1, null));
        catalog.put("http://v/b.flv", () -> new ScriptedSource(media(25, video(320), audio(22050)), -1, null));
        catalog.put("http://v/48k.mp4", () -> new ScriptedSource(media(25, video(320), audio(48000)), -1, null));
        catalog.put(
                "http://v/cut.mp4",
                () -> new ScriptedSource(
                        media(50, video(640), audio(44100)),
                        30,
                        MediaParseException.truncated("mp4 sample", 9000, "sample extends past the end of the file")));
    }

    PipelineEngine engine() {
        return PipelineEngine.builder()
                .scheduler(clock)
                .sources(url -> {
                    var s = catalog.get(url);
                    if (s == null) {
                        throw new IOException("GET " + url + ": HTTP 404 Not Found");
                    }
                    return s.get();
                })
                .sinks(url -> {
                    RecordingSink s = new RecordingSink(received, sinkCapacity, failingOpens-- > 0);
                    sinks.add(s);
                    return s;
                })
                .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .maxIngestRetries(3)
                .maxIngestLag(ingestLag)
                .build();
    }

    RelayTaskSpec spec(int loops, String... urls) {
        return RelayTaskSpec.builder()
                .name("t")
                .callbackUrl("http://h/cb")
                .sources(SourceType.VIDEO_URL, List.of(urls))
                .playbackTimes(loops)
                .destinationUrl("rtmp://i/live/s")
                .build();
    }

    static void assertStrictlyIncreasing(List<MediaPacket> ps) {
        for (MediaType t : MediaType.values()) {
            List<MediaPacket> l =
                    ps.stream().filter(p -> p.format().type() == t).toList();
            for (int i = 1; i < l.size(); i++) {
                assertThat(l.get(i).dtsUs())
                        .as("%s %d", t, i)
                        .isGreaterThan(l.get(i - 1).dtsUs());
            }
        }
    }

    @Test
    void playsItemsAndLoopsBackToBackInRealTime() {
        RelayEngine.Run run = engine().start("t1", spec(2, "http://v/a.mp4", "http://v/b.flv"), events);
        clock.advance(Duration.ofMillis(1500));
        assertThat(run.stats().framesSent()).isPositive().isLessThan(received.size() + 1);
        // the first 2 s (50 frames) plus the 1 s lead cannot all be out after 1.5 s of real time
        assertThat(received.stream().filter(p -> p.format().type() == MediaType.VIDEO))
                .hasSizeLessThan(70);
        clock.advance(Duration.ofSeconds(10));
        assertThat(events.log)
                .containsExactly(
                        "start 0",
                        "finish 0",
                        "start 1",
                        "finish 1",
                        "start 0",
                        "finish 0",
                        "start 1",
                        "finish 1",
                        "finished");
        List<MediaPacket> v = received.stream()
                .filter(p -> p.format().type() == MediaType.VIDEO)
                .toList();
        assertThat(v).hasSize(2 * (50 + 25));
        assertStrictlyIncreasing(received);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dtsUs() - v.get(i - 1).dtsUs()).isEqualTo(FRAME);
        }
        assertThat(v.get(50).format().width()).isEqualTo(320);
        assertThat(sinks).hasSize(1);
        assertThat(sinks.get(0).wasClosed).isTrue();
        assertThat(run.stats().loopsDone()).isEqualTo(2);
    }

    @Test
    void aOneItemPlaylistRewindsItsSourceForEachLoopInsteadOfOpeningItAgain() {
        List<RewindableSource> opened = new ArrayList<>();
        catalog.put("http://v/loop.mp4", () -> {
            RewindableSource r = new RewindableSource(media(50, video(640), audio(44100)));
            opened.add(r);
            return r;
        });
        RelayEngine.Run run = engine().start("t1", spec(3, "http://v/loop.mp4"), events);
        clock.advance(Duration.ofSeconds(10));
        assertThat(events.log)
                .containsExactly("start 0", "finish 0", "start 0", "finish 0", "start 0", "finish 0", "finished");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).rewinds).isEqualTo(2);
        assertThat(opened.get(0).inner.closed).isTrue();
        List<MediaPacket> v = received.stream()
                .filter(p -> p.format().type() == MediaType.VIDEO)
                .toList();
        assertThat(v).hasSize(3 * 50);
        assertStrictlyIncreasing(received);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dtsUs() - v.get(i - 1).dtsUs()).isEqualTo(FRAME);
        }
        assertThat(run.stats().loopsDone()).isEqualTo(3);
    }

    @Test
    void theFirstItemIsOpenedWhileTheIngestConnectsAndAnnouncedWhenItIsReady() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<String> opened = new ArrayList<>();
        catalog.put("http://v/first.mp4", () -> {
            opened.add("first");
            return new ScriptedSource(media(50, video(640), audio(44100)), -1, null);
        });
        PipelineEngine e = PipelineEngine.builder()
                .scheduler(clock)
                .sources(url -> catalog.get(url).get())
                .sinks(url -> {
                    RecordingSink s = new RecordingSink(received, Integer.MAX_VALUE, false);
                    s.openGate = gate;
                    sinks.add(s);
                    return s;
                })
                .build();
        e.start("t1", spec(1, "http://v/first.mp4"), events);
        clock.advance(Duration.ofMillis(300));
        assertThat(opened).as("opened while the ingest connects").containsExactly("first");
        assertThat(events.log)
                .as("nothing announced before the ingest is ready")
                .isEmpty();
        assertThat(received).isEmpty();
        gate.complete(null);
        clock.advance(Duration.ofMillis(1));
        assertThat(events.log).containsExactly("start 0");
        assertThat(received).as("the first frame leaves at once").isNotEmpty();
        assertThat(received.get(0).dtsUs()).isZero();
    }

    @Test
    void badItemsAreSkippedWithTheirReasonAndTheTimelineContinues() {
        engine().start(
                        "t2",
                        spec(1, "http://v/missing.mp4", "http://v/cut.mp4", "http://v/48k.mp4", "http://v/b.flv"),
                        events);
        clock.advance(Duration.ofSeconds(10));
        assertThat(events.log)
                .containsExactly(
                        "skip 0: GET http://v/missing.mp4: HTTP 404 Not Found",
                        "start 1",
                        "skip 1: mp4 sample at byte 9000 (truncated): sample extends past the end of the file",
                        "start 2",
                        "skip 2: audio sample rate 48000 Hz is outside 16-44.1 kHz",
                        "start 3",
                        "finish 3",
                        "finished");
        assertStrictlyIncreasing(received);
    }

    @Test
    void aPlaylistWithNothingPlayableFails() {
        engine().start("t3", spec(RelayTaskSpec.INFINITE, "http://v/missing.mp4", "http://v/48k.mp4"), events);
        clock.advance(Duration.ofSeconds(5));
        assertThat(events.log).last().isEqualTo("source failed: no playable item in the playlist");
    }

    @Test
    void aLostIngestIsReconnectedAndTimestampsContinue() {
        RelayEngine.Run run = engine().start("t4", spec(1, "http://v/a.mp4", "http://v/a.mp4"), events);
        clock.advance(Duration.ofMillis(2500));
        int before = received.size();
        long lastDts = received.get(before - 1).dtsUs();
        sinks.get(0).closed.completeExceptionally(new IOException("connection reset by peer"));
        clock.advance(Duration.ofMillis(999));
        assertThat(sinks).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(sinks).hasSize(2);
        clock.advance(Duration.ofSeconds(10));
        assertThat(events.log)
                .contains("ingest reconnect 1: connection reset by peer")
                .last()
                .isEqualTo("finished");
        assertThat(received.get(before).dtsUs()).isGreaterThan(lastDts);
        assertStrictlyIncreasing(received);
        assertThat(run.stats().reconnects()).isEqualTo(1);
    }

    @Test
    void anIngestThatNeverComesBackFailsTheRunAfterTheRetryLimit() {
        failingOpens = 100;
        engine().start("t5", spec(1, "http://v/a.mp4"), events);
        clock.advance(Duration.ofMinutes(1));
        assertThat(events.log)
                .containsExactly(
                        "ingest reconnect 1: connection refused",
                        "ingest reconnect 2: connection refused",
                        "ingest reconnect 3: connection refused",
                        "ingest failed: ingest failed after 3 reconnect attempts: connection refused");
        assertThat(sinks).hasSize(4);
    }

    @Test
    void aFullIngestQueueMakesThePipelineWaitAndLosesNothingWithinTheLagLimit() {
        sinkCapacity = 5;
        ingestLag = Duration.ofSeconds(10);
        engine().start("t6", spec(1, "http://v/b.flv"), events);
        clock.advance(Duration.ofSeconds(5));
        assertThat(received).hasSize(5);
        for (int i = 0; i < 100 && !events.log.contains("finished"); i++) {
            sinks.get(0).drain();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(events.log).last().isEqualTo("finished");
        assertThat(received).hasSize(media(25, video(320), audio(22050)).size());
    }

    /**
     * H.264 at 25 fps, a key frame every 25 frames, odd frames non-reference (nal_ref_idc 0), even
     * ones reference frames, with 44.1 kHz audio.
     */
    static List<MediaPacket> mediaWithDisposableFrames(int frames) {
        TrackFormat v =
                TrackFormat.builder(Codec.H264).size(640, 360).nalLengthSize(4).build();
        TrackFormat a = audio(44100);
        List<MediaPacket> list = new ArrayList<>();
        for (MediaPacket p : media(frames, v, a)) {
            if (p.format().type() != MediaType.VIDEO) {
                list.add(p);
                continue;
            }
            int i = (int) (p.dtsUs() / FRAME);
            int header = p.key() ? 0x65 : (i % 2 == 1 ? 0x01 : 0x41);
            ByteBuffer nal = ByteBuffer.allocate(104).putInt(100).put((byte) header);
            list.add(new MediaPacket(0, v, p.dtsUs(), p.ptsUs(), FRAME, p.key(), nal.clear()));
        }
        return list;
    }

    @Test
    void aSlowIngestDropsNonReferenceFramesFirstThenUpToTheNextKeyFrameAndCatchesUp() {
        catalog.put("http://v/h264.mp4", () -> new ScriptedSource(mediaWithDisposableFrames(250), -1, null));
        sinkCapacity = 5;
        RelayEngine.Run run = engine().start("t9", spec(RelayTaskSpec.INFINITE, "http://v/h264.mp4"), events);
        clock.runPending();
        // for 40 s the ingest takes 50 packets/s where the stream has 25 video + 43 audio packets/s,
        // then it recovers
        for (int i = 0; i < 600; i++) {
            sinks.get(0).capacity = i < 400 ? 5 : 20;
            sinks.get(0).drain();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(events.log).contains("lagging", "caught up");
        assertThat(events.log.indexOf("lagging")).isLessThan(events.log.indexOf("caught up"));
        assertStrictlyIncreasing(received);
        List<MediaPacket> v = received.stream()
                .filter(p -> p.format().type() == MediaType.VIDEO)
                .toList();
        List<MediaPacket> a = received.stream()
                .filter(p -> p.format().type() == MediaType.AUDIO)
                .toList();
        // audio is never dropped: its timeline has no hole
        long aframe = 1024L * 1_000_000 / 44100;
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).dtsUs() - a.get(i - 1).dtsUs()).isBetween(aframe - 1, aframe + FRAME);
        }
        // the first frame dropped is a non-reference one; after a reference frame is missing, video
        // resumes only at a key frame
        int firstGap = -1;
        for (int i = 1; i < v.size(); i++) {
            long gap = v.get(i).dtsUs() - v.get(i - 1).dtsUs();
            if (gap > FRAME && firstGap < 0) {
                firstGap = i;
                long missing = v.get(i - 1).dtsUs() + FRAME;
                assertThat(v.get(i - 1).data().get(4) & 0xff)
                        .as("the frame before the first drop is a reference frame")
                        .isIn(0x41, 0x65);
                assertThat(missing % (2 * FRAME))
                        .as("first dropped frame is odd (non-reference)")
                        .isNotZero();
            }
            if (gap > 2 * FRAME) {
                assertThat(v.get(i).key())
                        .as("frame %d after a gap of %d us", i, gap)
                        .isTrue();
            }
        }
        assertThat(firstGap).isPositive();
        assertThat(run.stats().framesDropped()).isPositive();
    }

    @Test
    void stopClosesTheSourceAndTheIngest() {
        RelayEngine.Run run = engine().start("t7", spec(RelayTaskSpec.INFINITE, "http://v/a.mp4"), events);
        clock.advance(Duration.ofSeconds(30));
        assertThat(run.stats().loopsDone()).isGreaterThanOrEqualTo(13);
        run.stop();
        clock.runPending();
        int n = received.size();
        clock.advance(Duration.ofSeconds(5));
        assertThat(received).hasSize(n);
        assertThat(sinks.get(0).wasClosed).isTrue();
        assertThat(events.log).doesNotContain("finished");
    }

    @Test
    void aLiveSourceThatDropsIsReconnectedOnTheSameIngest() {
        int[] opens = {0};
        catalog.put("rtmp://src/live/a", () -> {
            opens[0]++;
            List<MediaPacket> m = media(25, video(320), audio(44100));
            return new ScriptedSource(m, opens[0] == 1 ? 20 : -1, new IOException("connection reset"));
        });
        RelayTaskSpec live = RelayTaskSpec.builder()
                .name("live")
                .callbackUrl("http://h/cb")
                .sources(SourceType.LIVE, List.of("rtmp://src/live/a"))
                .destinationUrl("rtmp://i/live/s")
                .build();
        engine().start("t8", live, events);
        clock.advance(Duration.ofSeconds(5));
        assertThat(events.log).startsWith("start 0", "source reconnect 1: connection reset", "start 0");
        assertThat(sinks).hasSize(1);
        assertStrictlyIncreasing(received);
    }
}
