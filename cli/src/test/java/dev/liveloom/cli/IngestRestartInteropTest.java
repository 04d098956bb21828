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
import dev.liveloom.core.testing.TestHttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nginx restarted mid-task: the relay reconnects and its timestamps go on without a jump back. */
@Tag("interop")
class IngestRestartInteropTest {

    /** Passes packets on and remembers what the ingest accepted, across reconnects. */
    static final class Tee extends ForwardingSink {
        private final List<MediaPacket> seen;

        Tee(MediaSink inner, List<MediaPacket> seen) {
            super(inner);
            this.seen = seen;
        }

        @Override
        public boolean offer(MediaPacket p) {
            boolean ok = inner.offer(p);
            if (ok) {
                seen.add(p);
            }
            return ok;
        }
    }

    @Test
    void aRestartedIngestIsReconnectedAndTimestampsContinue(@TempDir Path dir) throws Exception {
        List<MediaPacket> sent = new CopyOnWriteArrayList<>();
        List<RelayEvent> events = new CopyOnWriteArrayList<>();
        try (Nginx nginx = Nginx.start(dir, false);
                TestHttpServer http = TestHttpServer.start();
                LiveloomRuntime rt =
                        LiveloomRuntime.builder().eventLoopThreads(2).build()) {
            http.serve("/vod/a.mp4", Fixtures.media("h264-baseline.mp4"));
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
                            events.add(e);
                        }
                    })
                    .build();
            String id = service.create(RelayTaskSpec.builder()
                    .name("restart")
                    .sources(
                            SourceType.VIDEO_URL, List.of(http.url("/vod/a.mp4").toString()))
                    .loopForever()
                    .destinationUrl(nginx.rtmpUrl("restart"))
                    .build());
            Thread.sleep(4000);
            int before = sent.size();
            nginx.restart();
            Thread.sleep(6000);
            RelayTask t = service.get(id);
            assertThat(t.state())
                    .as("still running after the restart: %s", t.invalidReason())
                    .isEqualTo(RelayTaskState.RUNNING);
            assertThat(t.stats().reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(events).anyMatch(e -> e.type() == RelayEvent.Type.INGEST_RECONNECTING);
            assertThat(sent.size()).as("packets after the restart").isGreaterThan(before + 50);
            service.stop(id);
            service.close();
            for (MediaType type : MediaType.values()) {
                List<MediaPacket> track =
                        sent.stream().filter(p -> p.format().type() == type).toList();
                for (int i = 1; i < track.size(); i++) {
                    assertThat(track.get(i).dtsUs())
                            .as("%s dts %d", type, i)
                            .isGreaterThan(track.get(i - 1).dtsUs());
                }
            }
            // the recording after the restart starts at a key frame and is strictly increasing
            Thread.sleep(1000);
            List<Ffprobe.Packet> rec = Ffprobe.packets(nginx.awaitRecording("restart"));
            List<Ffprobe.Packet> v =
                    rec.stream().filter(p -> p.type().equals("video")).toList();
            assertThat(v).hasSizeGreaterThan(50);
            assertThat(v.get(0).key()).isTrue();
            for (int i = 1; i < v.size(); i++) {
                assertThat(v.get(i).dtsMs()).isGreaterThan(v.get(i - 1).dtsMs());
            }
        }
    }
}
