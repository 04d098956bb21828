package dev.liveloom.rtmp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.rtmp.handshake.HandshakeMode;
import dev.liveloom.rtmp.internal.netty.ChunkDecoderHandler;
import dev.liveloom.rtmp.internal.netty.ChunkEncoderHandler;
import dev.liveloom.rtmp.internal.netty.HandshakeCompleted;
import dev.liveloom.rtmp.internal.netty.HandshakeHandler;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.testing.Hex;
import dev.liveloom.rtmp.testing.RecordingHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffmpeg publishes to a tiny server made of our handshake and chunk layers: ffmpeg's digest
 * handshake must verify on our side, ours on ffmpeg's (it refuses a bad S1/S2 and would not go on),
 * and its connect command must arrive as one whole AMF0 command message.
 */
@Tag("interop")
class FfmpegPublishInteropTest {
    @TempDir
    Path dir;

    @Test
    void ffmpegHandshakeVerifiesAndConnectArrivesWhole() throws Exception {
        String ffmpeg = InteropSupport.tool("ffmpeg", "/usr/bin/ffmpeg");
        CompletableFuture<RecordingHandler> accepted = new CompletableFuture<>();
        EventLoopGroup group = new NioEventLoopGroup(1);
        Process process = null;
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            RecordingHandler rec = new RecordingHandler();
                            c.pipeline()
                                    .addLast(HandshakeHandler.server(new SecureRandom()))
                                    .addLast(new ChunkDecoderHandler())
                                    .addLast(new ChunkEncoderHandler())
                                    .addLast(rec);
                            accepted.complete(rec);
                        }
                    })
                    .bind("127.0.0.1", 0)
                    .sync()
                    .channel();
            int port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
            Path log = dir.resolve("ffmpeg.log");
            process = new ProcessBuilder(
                            ffmpeg,
                            "-hide_banner",
                            "-loglevel",
                            "verbose",
                            "-i",
                            Fixtures.media("h264-aac.flv").toString(),
                            "-c",
                            "copy",
                            "-f",
                            "flv",
                            "rtmp://127.0.0.1:" + port + "/live/x")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();

            RecordingHandler rec = accepted.get(10, TimeUnit.SECONDS);
            HandshakeCompleted hs = rec.handshake.get(10, TimeUnit.SECONDS);
            assertThat(hs.peerMode()).isEqualTo(HandshakeMode.DIGEST);
            assertThat(hs.peerVerified())
                    .as("ffmpeg's C2 is signed with our S1 digest")
                    .isTrue();

            RtmpMessage connect;
            try {
                connect = rec.next(Duration.ofSeconds(10));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nffmpeg log:\n" + InteropSupport.read(log));
            }
            assertThat(connect.typeId()).isEqualTo(MessageTypes.COMMAND_AMF0);
            assertThat(connect.streamId()).isZero();
            // AMF0 string "connect": marker 02, length 0007, then the name
            byte[] head = Arrays.copyOf(connect.payloadBytes(), 10);
            assertThat(Hex.of(head)).isEqualTo("020007" + Hex.of("connect".getBytes(StandardCharsets.US_ASCII)));
            // the command is longer than ffmpeg's 128-byte chunks, so it arrived in several chunks
            assertThat(connect.length()).isGreaterThan(128);
            String payload = new String(connect.payloadBytes(), StandardCharsets.ISO_8859_1);
            assertThat(payload).contains("tcUrl").contains("rtmp://127.0.0.1:" + port + "/live");
            assertThat(rec.errors).isEmpty();
            assertThat(InteropSupport.read(log)).doesNotContain("Server response validating failed");
            server.close().sync();
        } finally {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
