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
 * {@code srt://127.0.0.1:PORT?mode=listener} (the relay rules want a host); the relay publishes to
 * the embedded RTMP server; an ffmpeg player records what the server sends. Two callers send one
 * after the other (the relay reopens the listener when the first ends), and ffprobe finds every
 * frame of both in the recording.
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
            // two callers one after the other: the relay reopens the listener after the first ends
            for (int round = 0; round < 2; round++) {
                Path senderLog = dir.resolve("sender" + round + ".log");
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
                                "srt://127.0.0.1:" + port + "?pkt_size=1316&linger=2&connect_timeout=5000")
                        .redirectErrorStream(true)
                        .redirectOutput(senderLog.toFile())
                        .start();
                assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(sender.exitValue()).as(Peers.read(senderLog)).isZero();
                Thread.sleep(2000);
            }
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
            String log = Peers.read(dir.resolve("player.log"));
            assertThat(count(got, "video")).as("video frames relayed; %s", log).isEqualTo(2 * count(want, "video"));
            // at the reconnect the relay drops audio that would overlap the previous video (its gapless rule)
            assertThat(count(got, "audio"))
                    .as("audio frames relayed; %s", log)
                    .isBetween(2 * count(want, "audio") - 3, 2 * count(want, "audio"));
            assertThat(got.stream()
                            .filter(p -> p.type().equals("video") && p.key())
                            .count())
                    .isEqualTo(2
                            * want.stream()
                                    .filter(p -> p.type().equals("video") && p.key())
                                    .count());
            assertThat(relays.get(id).stats().reconnects()).isGreaterThanOrEqualTo(1);
        }
    }

    private static long count(List<Ffprobe.Packet> packets, String type) {
        return packets.stream().filter(p -> p.type().equals(type)).count();
    }
}
