package dev.liveloom.rtmp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Nginx;
import dev.liveloom.core.testing.Peers;
import dev.liveloom.rtmp.RtmpPlayer;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import dev.liveloom.rtmp.client.PublishInteropTest;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our player against nginx-rtmp (ffmpeg publishes there, we play every frame back), and our server
 * taking rtmps:// from ffmpeg (TLS with a certificate made for the test).
 */
@Tag("interop")
class PlayAndTlsInteropTest {
    static NioEventLoopGroup group;

    @BeforeAll
    static void up() {
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void down() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static List<MediaPacket> drain(RtmpPlayer player, long timeoutMs) throws Exception {
        List<MediaPacket> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!player.ended() && System.currentTimeMillis() < deadline) {
            MediaPacket p = player.read();
            if (p != null) {
                got.add(p);
            } else {
                try {
                    player.ready().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    break;
                }
            }
        }
        return got;
    }

    static Process ffmpegPublish(String fixture, String url, Path log) throws Exception {
        return new ProcessBuilder(
                        Peers.tool("ffmpeg"),
                        "-v",
                        "error",
                        "-re",
                        "-i",
                        Fixtures.media(fixture).toString(),
                        "-c",
                        "copy",
                        "-f",
                        "flv",
                        url)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Every packet of the fixture arrived with its timestamps and bytes (times relative to the first). */
    static void assertSameMedia(List<MediaPacket> got, List<MediaPacket> sent) {
        for (MediaType t : MediaType.values()) {
            List<MediaPacket> a =
                    sent.stream().filter(p -> p.format().type() == t).toList();
            List<MediaPacket> b =
                    got.stream().filter(p -> p.format().type() == t).toList();
            assertThat(b).as("%s packets played", t).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).dtsUs() - b.get(0).dtsUs())
                        .as("%s %d dts", t, i)
                        .isEqualTo(a.get(i).dtsUs() - a.get(0).dtsUs());
                assertThat(b.get(i).ptsUs() - b.get(i).dtsUs())
                        .as("%s %d composition offset", t, i)
                        .isEqualTo(a.get(i).ptsUs() - a.get(i).dtsUs());
                assertThat(b.get(i).key()).isEqualTo(a.get(i).key());
                assertThat(b.get(i).data())
                        .as("%s %d bytes", t, i)
                        .isEqualTo(a.get(i).data());
            }
        }
    }

    @Test
    void ourPlayerPlaysEveryFrameFromNginx(@TempDir Path dir) throws Exception {
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), false)) {
            String url = nginx.rtmpUrl("watched");
            RtmpPlayer player = RtmpPlayer.open(url, group, null);
            Thread.sleep(500); // the player waits on nginx for the publisher
            Process pub = ffmpegPublish("h264-aac.flv", url, dir.resolve("pub.log"));
            List<MediaPacket> got = drain(player, 20_000);
            assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(pub.exitValue()).as(Peers.read(dir.resolve("pub.log"))).isZero();
            assertThat(player.ended()).as("unpublish ends the play").isTrue();
            assertSameMedia(got, PublishInteropTest.packets("h264-aac.flv"));
            player.close();
        }
    }

    @Test
    void ourServerTakesRtmpsFromFfmpeg(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue())
                .as(Peers.read(dir.resolve("openssl.log")))
                .isZero();
        SslContext tls =
                SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
        try (RtmpServer server = RtmpServer.startTls(RtmpServerConfig.defaults().withPort(0), group, tls)) {
            String url = "rtmps://127.0.0.1:" + server.port() + "/live/tls";
            TrustManagerFactory trust = PublishInteropTest.trust(cert);
            RtmpPlayer player = RtmpPlayer.open(url, group, trust);
            Thread.sleep(500);
            Process pub = ffmpegPublish("h264-aac.flv", url, dir.resolve("pub.log"));
            List<MediaPacket> got = drain(player, 20_000);
            assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(pub.exitValue()).as(Peers.read(dir.resolve("pub.log"))).isZero();
            assertSameMedia(got, PublishInteropTest.packets("h264-aac.flv"));
            player.close();
        }
    }
}
