package dev.liveloom.rtmp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.liveloom.core.io.BlockingReads;
import dev.liveloom.core.io.FileByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.testing.Ffprobe;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Nginx;
import dev.liveloom.rtmp.RtmpPublisher;
import dev.liveloom.rtmp.RtmpSinkOptions;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our publisher against nginx-rtmp: ffprobe reads the recording back frame for frame. */
@Tag("interop")
public class PublishInteropTest {
    static NioEventLoopGroup group;

    @BeforeAll
    static void up() {
        group = new NioEventLoopGroup(1);
    }

    @AfterAll
    static void down() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    public static List<MediaPacket> packets(String fixture) throws Exception {
        List<MediaPacket> out = new ArrayList<>();
        FileByteInput in = FileByteInput.open(Fixtures.media(fixture));
        try (Demuxer d = Demuxers.open(in, Duration.ofSeconds(5))) {
            MediaPacket p;
            while ((p = BlockingReads.next(d, in, Duration.ofSeconds(5))) != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** Publishes every packet (waiting when the publisher pushes back) and closes. */
    public static void publish(RtmpPublisher pub, List<MediaPacket> packets) throws Exception {
        pub.open().get(15, TimeUnit.SECONDS);
        for (MediaPacket p : packets) {
            while (!pub.offer(p)) {
                pub.writable().get(10, TimeUnit.SECONDS);
            }
        }
        pub.close();
        pub.closed().get(10, TimeUnit.SECONDS);
    }

    static void assertRecordingMatches(Path recording, List<MediaPacket> sent) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(recording) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        List<Ffprobe.Packet> got = Ffprobe.packets(recording);
        for (MediaType t : MediaType.values()) {
            List<MediaPacket> a =
                    sent.stream().filter(p -> p.format().type() == t).toList();
            List<Ffprobe.Packet> b =
                    got.stream().filter(p -> p.type().equals(t.id())).toList();
            assertThat(b).as("%s packets in the recording", t).hasSameSizeAs(a);
            if (a.isEmpty()) {
                continue;
            }
            double base = b.get(0).dtsMs() - a.get(0).dtsUs() / 1000.0;
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).dtsMs() - base)
                        .as("%s %d dts", t, i)
                        .isCloseTo(a.get(i).dtsUs() / 1000.0, within(1.0));
                assertThat(b.get(i).ptsMs() - base)
                        .as("%s %d pts", t, i)
                        .isCloseTo(a.get(i).ptsUs() / 1000.0, within(1.0));
                assertThat(b.get(i).key())
                        .as("%s %d key", t, i)
                        .isEqualTo(a.get(i).key());
                assertThat(b.get(i).size())
                        .as("%s %d size", t, i)
                        .isEqualTo(a.get(i).size());
            }
        }
    }

    @Test
    void publishesToNginxFrameExact(@TempDir Path dir) throws Exception {
        try (Nginx nginx = Nginx.start(dir, false)) {
            List<MediaPacket> packets = packets("h264-aac.flv");
            RtmpPublisher pub = RtmpPublisher.create(
                    nginx.rtmpUrl("plain?auth_key=1700000000-0-0-secret"), RtmpSinkOptions.DEFAULTS, group);
            assertThat(pub.name()).doesNotContain("secret");
            publish(pub, packets);
            assertRecordingMatches(nginx.recordings().resolve("plain.flv"), packets);
        }
    }

    @Test
    void publishesOverTlsThroughATerminator(@TempDir Path dir) throws Exception {
        try (Nginx nginx = Nginx.start(dir, true)) {
            List<MediaPacket> packets = packets("h264-only.flv");
            TrustManagerFactory tmf = trust(nginx.certificate());
            RtmpPublisher pub = RtmpPublisher.create(
                    "rtmps://127.0.0.1:" + nginx.tlsPort() + "/live/secure",
                    RtmpSinkOptions.DEFAULTS.withTrustManager(tmf),
                    group);
            publish(pub, packets);
            assertRecordingMatches(nginx.recordings().resolve("secure.flv"), packets);
        }
    }

    public static TrustManagerFactory trust(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            ks.setCertificateEntry(
                    "test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }
}
