package dev.liveloom.rtmp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.rtmp.RtmpPublisher;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import dev.liveloom.rtmp.RtmpSinkOptions;
import dev.liveloom.rtmp.chunk.ChunkDecoderConfig;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's limits, against scripted peers on loopback. */
class ServerLimitsTest {
    static NioEventLoopGroup group;

    @BeforeAll
    static void up() {
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void down() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    static RtmpServerConfig config(int maxConnections) {
        return RtmpServerConfig.defaults()
                .withPort(0)
                .withLimits(
                        maxConnections,
                        ChunkDecoderConfig.DEFAULTS,
                        Duration.ofMillis(300),
                        Duration.ofSeconds(30),
                        1 << 20);
    }

    @Test
    void aPeerThatNeverHandshakesIsClosedAtTheDeadline() throws Exception {
        try (RtmpServer server = RtmpServer.start(config(10), group);
                Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(200L, 3000L);
        }
    }

    @Test
    void aPeerThatHandshookStaysPastTheHandshakeDeadline() throws Exception {
        try (RtmpServer server = RtmpServer.start(config(10), group)) {
            RtmpPublisher pub = RtmpPublisher.create(server.url("live", "s"), RtmpSinkOptions.DEFAULTS, group);
            pub.open().get(5, TimeUnit.SECONDS);
            Thread.sleep(800);
            assertThat(pub.closed()).isNotDone();
            pub.close();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        try (RtmpServer server = RtmpServer.start(config(1), group);
                Socket first = new Socket("127.0.0.1", server.port());
                Socket second = new Socket("127.0.0.1", server.port())) {
            second.setSoTimeout(2000);
            assertThat(second.getInputStream().read()).isEqualTo(-1);
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void anOversizeChunkAnnouncementClosesOnlyThatConnection() throws Exception {
        try (RtmpServer server = RtmpServer.start(config(10), group)) {
            RtmpPublisher good = RtmpPublisher.create(server.url("live", "ok"), RtmpSinkOptions.DEFAULTS, group);
            good.open().get(5, TimeUnit.SECONDS);
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                // plain handshake: C0 + C1 (1536 zero bytes), read S0 S1 S2, send C2
                out.write(3);
                out.write(new byte[1536]);
                in.readNBytes(1 + 1536 + 1536);
                out.write(new byte[1536]);
                // a message header (fmt 0, csid 3) announcing 2^24-1 bytes, then garbage
                out.write(new byte[] {0x03, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x14, 0, 0, 0, 0});
                out.write(new byte[4096]);
                out.flush();
                int r;
                do {
                    r = in.read();
                } while (r != -1);
            }
            assertThat(good.closed()).isNotDone();
            good.close();
        }
    }
}
