package dev.liveloom.rtmp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.rtmp.RtmpPlayer;
import dev.liveloom.rtmp.RtmpPublisher;
import dev.liveloom.rtmp.RtmpSinkOptions;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publisher and the player against a scripted peer on loopback that misbehaves: it drops the
 * connection in the middle of the handshake, stalls, resets the connection, or announces an absurd
 * chunk size. Each fault ends in a prompt failure that says what happened, never a hang.
 */
class ClientFaultsTest {
    static NioEventLoopGroup group;

    @BeforeAll
    static void up() {
        group = new NioEventLoopGroup(1);
    }

    @AfterAll
    static void down() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** What the scripted peer does with one accepted connection. */
    interface Script {
        void run(Socket s) throws Exception;
    }

    /** Accepts one connection on a thread of its own (test code) and runs {@code script} on it. */
    static final class ScriptedPeer implements AutoCloseable {
        final ServerSocket server;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        ScriptedPeer(Script script) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    script.run(s);
                    done.complete(null);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String url(String stream) {
            return "rtmp://127.0.0.1:" + server.getLocalPort() + "/live/" + stream;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Reads C0+C1, answers S0+S1+S2 plainly (S2 echoes C1), reads C2. */
    static void plainHandshake(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] c0c1 = new byte[1537];
        in.readFully(c0c1);
        OutputStream out = s.getOutputStream();
        out.write(3);
        out.write(new byte[1536]); // S1: time 0, zero version, zero random
        out.write(c0c1, 1, 1536); // S2 echoes C1
        out.flush();
        in.readFully(new byte[1536]);
    }

    static RtmpSinkOptions quick() {
        return new RtmpSinkOptions(
                RtmpSinkOptions.DEFAULTS.hevcLayout(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                4096,
                2 << 20,
                null);
    }

    static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed normally");
    }

    @Test
    void aPeerThatDropsInTheMiddleOfTheHandshakeFailsTheOpen() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            new DataInputStream(s.getInputStream()).readFully(new byte[1537]);
            s.getOutputStream().write(new byte[] {3, 0, 0, 0, 0}); // S0 and a piece of S1, then gone
        })) {
            RtmpPublisher pub = RtmpPublisher.create(peer.url("cut?auth_key=topsecret"), quick(), group);
            long t0 = System.nanoTime();
            Throwable e = failureOf(pub.open());
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(e).isInstanceOf(IOException.class);
            assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain("topsecret");
            pub.close();
        }
    }

    @Test
    void aPeerThatStallsAfterTheHandshakeFailsTheOpenAtThePublishTimeout() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            plainHandshake(s);
            Thread.sleep(6000); // reads nothing more, answers nothing
        })) {
            RtmpPublisher pub = RtmpPublisher.create(peer.url("stall"), quick(), group);
            long t0 = System.nanoTime();
            Throwable e = failureOf(pub.open());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isBetween(1500L, 5000L);
            assertThat(e.getMessage()).contains("no NetStream.Publish.Start within 2 s");
            pub.close();
        }
    }

    @Test
    void aResetAfterTheHandshakeFailsTheOpen() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            plainHandshake(s);
            s.setSoLinger(true, 0); // close with RST
        })) {
            RtmpPublisher pub = RtmpPublisher.create(peer.url("rst"), quick(), group);
            Throwable e = failureOf(pub.open());
            assertThat(e).isInstanceOf(IOException.class);
            assertThat(e.getMessage()).contains("rtmp://127.0.0.1");
            pub.close();
        }
    }

    @Test
    void aPlayerFailsWhenThePeerAnnouncesAnAbsurdChunkSize() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            plainHandshake(s);
            OutputStream out = s.getOutputStream();
            // Set Chunk Size 0x7FFFFFFF on chunk stream 2, then a message header claiming 16 MiB - 1
            out.write(new byte[] {0x02, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.write(new byte[] {0x03, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x14, 0, 0, 0, 0});
            out.write(new byte[64 * 1024]);
            out.flush();
            Thread.sleep(3000);
        })) {
            RtmpPlayer player = RtmpPlayer.open(peer.url("big"), group, null);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try {
                    if (player.read() == null && !player.ended()) {
                        player.ready().get(1, TimeUnit.SECONDS);
                        continue;
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    continue;
                } catch (IOException e) {
                    break;
                }
            }
            assertThatThrownBy(player::read).isInstanceOf(IOException.class).hasMessageContaining("chunk size");
            player.close();
        }
    }
}
