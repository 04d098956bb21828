package dev.liveloom.rtmp.server;

import static dev.liveloom.rtmp.testing.Players.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.testing.Ffprobe;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Peers;
import dev.liveloom.rtmp.RtmpPlayer;
import dev.liveloom.rtmp.RtmpPublisher;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import dev.liveloom.rtmp.RtmpSinkOptions;
import dev.liveloom.rtmp.client.PublishInteropTest;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg publishes to our server; ffmpeg and our player read every frame back. */
@Tag("interop")
class ServerInteropTest {
    static NioEventLoopGroup group;

    @BeforeAll
    static void up() {
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void down() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void ffmpegPublishesAndBothFfmpegAndOurPlayerReceiveEveryFrame(@TempDir Path dir) throws Exception {
        try (RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), group)) {
            String url = server.url("live", "cam");
            // players first: they wait for the publisher
            RtmpPlayer ours = RtmpPlayer.open(url, group, null);
            Path recorded = dir.resolve("played.flv");
            Process ffplay = new ProcessBuilder(
                            Peers.tool("ffmpeg"),
                            "-v",
                            "error",
                            "-i",
                            url,
                            "-c",
                            "copy",
                            "-f",
                            "flv",
                            recorded.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("play.log").toFile())
                    .start();
            Thread.sleep(1500);
            Process pub = new ProcessBuilder(
                            Peers.tool("ffmpeg"),
                            "-v",
                            "error",
                            "-re",
                            "-i",
                            Fixtures.media("h264-aac.flv").toString(),
                            "-c",
                            "copy",
                            "-f",
                            "flv",
                            url)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("pub.log").toFile())
                    .start();
            assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(pub.exitValue()).as(Peers.read(dir.resolve("pub.log"))).isZero();
            List<MediaPacket> got = drain(ours, 10_000);
            assertThat(ffplay.waitFor(15, TimeUnit.SECONDS))
                    .as("ffmpeg player ends on unpublish")
                    .isTrue();

            List<MediaPacket> sent = PublishInteropTest.packets("h264-aac.flv");
            for (MediaType t : MediaType.values()) {
                List<MediaPacket> a =
                        sent.stream().filter(p -> p.format().type() == t).toList();
                List<MediaPacket> b =
                        got.stream().filter(p -> p.format().type() == t).toList();
                assertThat(b).as("%s packets our player got", t).hasSameSizeAs(a);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i).dtsUs()).isEqualTo(a.get(i).dtsUs());
                    assertThat(b.get(i).ptsUs()).isEqualTo(a.get(i).ptsUs());
                    assertThat(b.get(i).data()).isEqualTo(a.get(i).data());
                }
            }
            assertThat(got.get(0).format().width()).isEqualTo(320);
            List<Ffprobe.Packet> ff = Ffprobe.packets(recorded);
            assertThat(ff.stream().filter(p -> p.type().equals("video")).count())
                    .isEqualTo(sent.stream()
                            .filter(p -> p.format().type() == MediaType.VIDEO)
                            .count());
            assertThat(ff.stream().filter(p -> p.type().equals("audio")).count())
                    .isEqualTo(sent.stream()
                            .filter(p -> p.format().type() == MediaType.AUDIO)
                            .count());
        }
    }

    @Test
    void ourPublisherToOurServerToOurPlayerKeepsTimestamps() throws Exception {
        try (RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), group)) {
            String url = server.url("live", "loop");
            RtmpPlayer player = RtmpPlayer.open(url, group, null);
            Thread.sleep(300);
            List<MediaPacket> sent = PublishInteropTest.packets("h264-aac.flv");
            PublishInteropTest.publish(RtmpPublisher.create(url, RtmpSinkOptions.DEFAULTS, group), sent);
            List<MediaPacket> got = drain(player, 10_000);
            assertThat(got).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(got.get(i).ptsUs() / 1000.0).isCloseTo(sent.get(i).ptsUs() / 1000.0, within(1.0));
                assertThat(got.get(i).key()).isEqualTo(sent.get(i).key());
            }
        }
    }

    @Test
    void aLatePlayerStartsAtTheLastKeyframe() throws Exception {
        try (RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), group)) {
            String url = server.url("live", "gop");
            RtmpPublisher pub = RtmpPublisher.create(url, RtmpSinkOptions.DEFAULTS, group);
            pub.open().get(10, TimeUnit.SECONDS);
            List<MediaPacket> sent = PublishInteropTest.packets("h264-aac.flv");
            int keyIndex = -1;
            for (int i = 0; i < sent.size() * 3 / 4; i++) {
                MediaPacket p = sent.get(i);
                if (p.format().type() == MediaType.VIDEO && p.key()) {
                    keyIndex = i;
                }
                while (!pub.offer(p)) {
                    pub.writable().get(5, TimeUnit.SECONDS);
                }
            }
            Thread.sleep(500);
            RtmpPlayer late = RtmpPlayer.open(url, group, null);
            Thread.sleep(1000);
            MediaPacket first = late.read();
            assertThat(first).isNotNull();
            assertThat(first.format().type()).isEqualTo(MediaType.VIDEO);
            assertThat(first.key()).isTrue();
            assertThat(first.dtsUs()).isEqualTo(sent.get(keyIndex).dtsUs());
            pub.close();
            late.close();
        }
    }
}
