package dev.liveloom.srt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.Region;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Ffprobe;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Peers;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, run with -Pinterop: ffmpeg sends MPEG-TS over SRT to a LIVE relay task whose source is
 * {@code srt://127.0.0.1:PORT?mode=listener} (the relay rules want a host); the relay publishes to the embedded RTMP server; an ffmpeg
 * player records what the server sends, and ffprobe finds every frame of the input in it.
 */
@Tag("interop")
class SrtRelayInteropTest {

    @Test
    void srtSourceRelayedToRtmp(@TempDir Path dir) throws Exception {
        try (LiveloomRuntime rt = LiveloomRuntime.builder().eventLoopThreads(2).build();
                RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), rt.eventLoopGroup());
                RelayService relays = RelayService.builder()
                        .scheduler(new EventLoopScheduler(rt.eventLoopGroup().next()))
                        .engine(PipelineEngine.onRuntime(rt, false))
                        .callbackRequired(false)
                        .build()) {
            int port = Peers.freePort();
            String out = server.url("live", "fromsrt");
            String id = relays.create(RelayTaskSpec.builder()
                    .name("srt-in")
                    .region(Region.CN_SHANGHAI)
                    .sources(SourceType.LIVE, List.of("srt://127.0.0.1:" + port + "?mode=listener&latency=120"))
                    .destinationUrl(out)
                    .build());
            Path recording = dir.resolve("out.flv");
            Process player = new ProcessBuilder(
                            Peers.tool("ffmpeg"),
                            "-v",
                            "error",
                            "-i",
                            out,
                            "-c",
                            "copy",
                            "-f",
                            "flv",
                            recording.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("player.log").toFile())
                    .start();
            Thread.sleep(1000);
            Process sender = new ProcessBuilder(
                            Peers.tool("ffmpeg"),
                            "-v",
                            "error",
                            "-re",
                            "-i",
                            Fixtures.media("h264-aac.ts").toString(),
                            "-c",
                            "copy",
                            "-f",
                            "mpegts",
                            "srt://127.0.0.1:" + port + "?pkt_size=1316&linger=2")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sender.log").toFile())
                    .start();
            assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sender.exitValue())
                    .as(Peers.read(dir.resolve("sender.log")))
                    .isZero();
            Thread.sleep(2500);
            assertThat(relays.get(id).stats().framesSent()).isGreaterThan(0);
            relays.stop(id);
            player.getOutputStream().write('q');
            player.getOutputStream().flush();
            if (!player.waitFor(10, TimeUnit.SECONDS)) {
                player.destroy();
                player.waitFor(5, TimeUnit.SECONDS);
            }
            List<Ffprobe.Packet> want = Ffprobe.packets(Fixtures.media("h264-aac.ts"));
            List<Ffprobe.Packet> got = Ffprobe.packets(recording);
            for (String type : List.of("video", "audio")) {
                assertThat(got.stream().filter(p -> p.type().equals(type)).count())
                        .as("%s frames relayed; player log %s", type, Peers.read(dir.resolve("player.log")))
                        .isEqualTo(
                                want.stream().filter(p -> p.type().equals(type)).count());
            }
            assertThat(got.stream()
                            .filter(p -> p.type().equals("video") && p.key())
                            .count())
                    .isEqualTo(want.stream()
                            .filter(p -> p.type().equals("video") && p.key())
                            .count());
        }
    }
}
