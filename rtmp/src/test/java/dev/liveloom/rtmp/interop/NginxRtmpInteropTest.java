package dev.liveloom.rtmp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.rtmp.handshake.HandshakeMode;
import dev.liveloom.rtmp.internal.netty.ChunkDecoderHandler;
import dev.liveloom.rtmp.internal.netty.ChunkEncoderHandler;
import dev.liveloom.rtmp.internal.netty.HandshakeCompleted;
import dev.liveloom.rtmp.internal.netty.HandshakeHandler;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import dev.liveloom.rtmp.message.UserControl;
import dev.liveloom.rtmp.message.WindowAcknowledgementSize;
import dev.liveloom.rtmp.testing.RecordingHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client handshake and chunk layers against nginx with the RTMP module: the handshake completes
 * in both modes, and nginx reads chunks written at our announced chunk size (a 3000-byte message in
 * one 4096-byte chunk, then a ping request it answers).
 */
@Tag("interop")
class NginxRtmpInteropTest {
    @TempDir
    static Path dir;

    static Process nginx;
    static int port;
    static EventLoopGroup group;

    @BeforeAll
    static void startNginx() throws Exception {
        String bin = InteropSupport.tool("nginx", "/usr/sbin/nginx");
        port = InteropSupport.freePort();
        Files.createDirectories(dir.resolve("logs"));
        String conf = "load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " info;\n"
                + "events { worker_connections 64; }\n"
                + "rtmp { server { listen 127.0.0.1:" + port + "; application live { live on; } } }\n";
        Files.writeString(dir.resolve("nginx.conf"), conf);
        nginx = new ProcessBuilder(
                        bin, "-p", dir.toString(), "-c", "nginx.conf", "-g", "daemon off; master_process off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        InteropSupport.awaitListening(port, nginx, dir.resolve("error.log"));
        group = new NioEventLoopGroup(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(HandshakeMode.class)
    void handshakeAndChunkExchange(HandshakeMode mode) throws Exception {
        RecordingHandler rec = new RecordingHandler();
        Channel ch = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline()
                                .addLast(HandshakeHandler.client(mode, new SecureRandom()))
                                .addLast(new ChunkDecoderHandler())
                                .addLast(new ChunkEncoderHandler())
                                .addLast(rec);
                    }
                })
                .connect("127.0.0.1", port)
                .sync()
                .channel();
        try {
            HandshakeCompleted done = rec.handshake.get(10, TimeUnit.SECONDS);
            assertThat(done.peerMode()).isEqualTo(mode);
            assertThat(done.peerVerified()).isTrue();

            ch.write(new SetChunkSize(4096).toMessage());
            ch.write(new WindowAcknowledgementSize(2_500_000).toMessage());
            // one 4096-byte chunk: nginx reads it right only if it applied our chunk size. Type 7 is
            // unassigned, so nginx has no handler for it and skips it (audio before publish would
            // make it close the session).
            ch.write(RtmpMessage.of(4, 7, 0, 0, new byte[3000]));
            ch.writeAndFlush(UserControl.of(UserControl.Event.PING_REQUEST, 0x12345678L)
                            .toMessage())
                    .sync();

            RtmpMessage reply;
            try {
                reply = rec.next(Duration.ofSeconds(5));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; nginx log:\n"
                        + String.join(
                                "\n",
                                java.util.Arrays.stream(InteropSupport.read(dir.resolve("error.log"))
                                                .split("\n"))
                                        .filter(l -> l.contains("RTMP") || l.contains("handshake"))
                                        .toList()));
            }
            assertThat(reply.typeId()).isEqualTo(MessageTypes.USER_CONTROL);
            UserControl pong = UserControl.read(reply.payload());
            assertThat(pong.event()).isEqualTo(UserControl.Event.PING_RESPONSE);
            assertThat(pong.value()).isEqualTo(0x12345678L);
            assertThat(ch.isActive()).isTrue();
            assertThat(rec.errors).isEmpty();
            assertThat(List.of(InteropSupport.read(dir.resolve("error.log")).split("\n")))
                    .noneMatch(l -> l.contains("[error]") || l.contains("[alert]"));
        } finally {
            ch.close().sync();
        }
    }
}
