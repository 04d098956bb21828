package dev.liveloom.srt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.NettyLeaks;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our caller and our listener over loopback UDP: handshakes, refusals, shutdown, timeouts. */
class SrtLoopbackTest {
    private static LiveloomRuntime runtime;

    @BeforeAll
    static void start() {
        NettyLeaks.install();
        runtime = LiveloomRuntime.builder().eventLoopThreads(1).workerThreads(1).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        runtime.close();
        NettyLeaks.assertNone();
    }

    /** Records what a receiver reports. */
    static final class Events implements SrtReceiver.Listener {
        final CompletableFuture<String> connected = new CompletableFuture<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        final CompletableFuture<IOException> failed = new CompletableFuture<>();

        @Override
        public void connected(String streamId) {
            connected.complete(String.valueOf(streamId));
        }

        @Override
        public void payload(byte[] payload) {}

        @Override
        public void ended() {
            ended.complete(null);
        }

        @Override
        public void failed(IOException error) {
            failed.complete(error);
        }
    }

    private static SrtReceiver open(String url, Events e) throws IOException {
        return SrtReceiver.open(SrtUrl.parse(url), runtime.eventLoopGroup(), e);
    }

    private static int port(SrtReceiver r) throws Exception {
        return r.bound().get(5, TimeUnit.SECONDS).getPort();
    }

    @Test
    void callerAndListenerConnectAndShutDown() throws Exception {
        Events server = new Events();
        Events client = new Events();
        String crypto = "&passphrase=loopback-secret&pbkeylen=24";
        try (SrtReceiver l = open("srt://127.0.0.1:0?mode=listener&latency=200" + crypto, server)) {
            SrtReceiver c = open("srt://127.0.0.1:" + port(l) + "?streamid=loop/1&latency=50" + crypto, client);
            assertThat(client.connected.get(5, TimeUnit.SECONDS)).isEqualTo("loop/1");
            assertThat(server.connected.get(5, TimeUnit.SECONDS)).isEqualTo("loop/1");
            assertThat(c.stats().latencyMs()).isEqualTo(200);
            assertThat(l.stats().latencyMs()).isEqualTo(200);
            c.close();
            c.close();
            server.ended.get(5, TimeUnit.SECONDS);
            assertThat(server.failed).isNotDone();
        }
    }

    @Test
    void wrongPassphraseIsRejected() throws Exception {
        Events server = new Events();
        Events client = new Events();
        try (SrtReceiver l = open("srt://127.0.0.1:0?mode=listener&passphrase=the-listener-phrase", server);
                SrtReceiver c = open("srt://127.0.0.1:" + port(l) + "?passphrase=a-different-phrase", client)) {
            IOException e = client.failed.get(5, TimeUnit.SECONDS);
            assertThat(e)
                    .hasMessage("srt://127.0.0.1:" + port(l)
                            + "?passphrase=***: connection rejected: wrong password (1010)");
            assertThat(server.connected).isNotDone();
            assertThat(c.toString()).doesNotContain("a-different-phrase");
        }
    }

    @Test
    void aSecondCallerIsRefusedWhileTheFirstIsConnected() throws Exception {
        Events server = new Events();
        Events first = new Events();
        Events second = new Events();
        try (SrtReceiver l = open("srt://127.0.0.1:0?mode=listener", server);
                SrtReceiver a = open("srt://127.0.0.1:" + port(l), first)) {
            first.connected.get(5, TimeUnit.SECONDS);
            try (SrtReceiver b = open("srt://127.0.0.1:" + port(l), second)) {
                assertThat(second.failed.get(5, TimeUnit.SECONDS))
                        .hasMessageEndingWith("connection rejected: listener's backlog exceeded (1005)");
            }
        }
    }

    @Test
    void nobodyListeningTimesOut() throws Exception {
        Events client = new Events();
        int port = dev.liveloom.core.testing.Peers.freePort();
        try (SrtReceiver c = open("srt://127.0.0.1:" + port + "?conntimeo=400", client)) {
            assertThat(client.failed.get(5, TimeUnit.SECONDS))
                    .hasMessage("srt://127.0.0.1:" + port
                            + "?conntimeo=400: no handshake answer within 400 ms (induction)");
        }
    }
}
