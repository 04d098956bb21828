package dev.liveloom.testkit;

import static dev.liveloom.testkit.UdpPeer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.testing.NettyLeaks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Measures the TCP proxy over loopback against a blocking echo server. */
class TcpImpairmentProxyTest {

    @org.junit.jupiter.api.BeforeAll
    static void watchLeaks() {
        NettyLeaks.install();
    }

    @org.junit.jupiter.api.AfterAll
    static void noLeaks() throws InterruptedException {
        NettyLeaks.assertNone();
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** An echo server recording when each read arrived and how many bytes it carried. */
    private final class EchoServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<long[]> reads = new CopyOnWriteArrayList<>();

        EchoServer() throws IOException {
            threads.submit(() -> {
                while (!socket.isClosed()) {
                    Socket s = socket.accept();
                    threads.submit(() -> echo(s));
                }
                return null;
            });
        }

        private Void echo(Socket s) throws IOException {
            try (s) {
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[16 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    reads.add(new long[] {System.nanoTime(), n});
                    out.write(buf, 0, n);
                }
            }
            return null;
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new IOException("ended after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return b;
    }

    @Test
    void staysByteExactUnderDelayJitterAndBandwidth() throws Exception {
        long rate = 500_000;
        try (EchoServer server = new EchoServer();
                TcpImpairmentProxy proxy = TcpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .seed(4)
                        .clientToServer(Impairments.builder()
                                .delay(Duration.ofMillis(20), Duration.ofMillis(5))
                                .bandwidth(rate)
                                .queueLimit(64 * 1024)
                                .build())
                        .serverToClient(Impairments.builder()
                                .delay(Duration.ofMillis(10), Duration.ofMillis(3))
                                .build())
                        .build());
                Socket client = new Socket()) {
            client.connect(proxy.address());
            byte[] data = new byte[1_000_000];
            new Random(1).nextBytes(data);
            Future<?> writer = threads.submit(() -> {
                OutputStream out = client.getOutputStream();
                for (int off = 0; off < data.length; off += 7000) {
                    out.write(data, off, Math.min(7000, data.length - off));
                }
                out.flush();
                return null;
            });
            byte[] back = readFully(client.getInputStream(), data.length);
            writer.get();
            assertThat(back).isEqualTo(data);
            List<long[]> reads = server.reads;
            long first = reads.get(0)[0];
            long last = reads.get(reads.size() - 1)[0];
            long bytes = reads.stream().mapToLong(r -> r[1]).sum() - reads.get(0)[1];
            double measured = bytes / ((last - first) / 1e9);
            System.out.printf(
                    "TCP cap %d B/s: measured %.0f B/s (%+.2f %%), 1 MB byte-exact%n",
                    rate, measured, (measured / rate - 1) * 100);
            assertThat(measured).isBetween(rate * 0.9, rate * 1.1);
            LaneStats up = proxy.stats(Direction.CLIENT_TO_SERVER);
            assertThat(up.bytesForwarded()).isEqualTo(data.length);
            assertThat(proxy.stats(Direction.SERVER_TO_CLIENT).bytesForwarded()).isEqualTo(data.length);
        }
    }

    @Test
    void delaysEachDirection() throws Exception {
        try (EchoServer server = new EchoServer();
                TcpImpairmentProxy proxy = TcpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .both(Impairments.builder().delay(Duration.ofMillis(30)).build())
                        .build());
                Socket client = new Socket()) {
            client.connect(proxy.address());
            client.setTcpNoDelay(true);
            // the first round trip warms up both ends
            client.getOutputStream().write(100);
            assertThat(client.getInputStream().read()).isEqualTo(100);
            long[] rtts = new long[10];
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                client.getOutputStream().write(i);
                assertThat(client.getInputStream().read()).isEqualTo(i);
                rtts[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            java.util.Arrays.sort(rtts);
            System.out.printf("TCP 30 ms each way: round trips %d..%d ms, median %d ms%n", rtts[0], rtts[9], rtts[5]);
            assertThat(rtts[0]).isGreaterThanOrEqualTo(60);
            // the median, so that one slow turn of a busy machine does not fail the test; below the
            // 120 ms that a delay applied twice per direction would give
            assertThat(rtts[5]).isLessThan(110);
        }
    }

    @Test
    void stallHoldsBytesThenReleasesThemInOrder() throws Exception {
        try (EchoServer server = new EchoServer();
                TcpImpairmentProxy proxy = TcpImpairmentProxy.start(
                        ProxyConfig.builder(server.address()).build());
                Socket client = new Socket()) {
            client.connect(proxy.address());
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            for (int i = 0; i < 120; i++) {
                if (i == 20) {
                    proxy.stall(Direction.CLIENT_TO_SERVER, Duration.ofMillis(300));
                }
                out.write(i);
                Thread.sleep(5);
            }
            byte[] back = readFully(client.getInputStream(), 120);
            for (int i = 0; i < 120; i++) {
                assertThat(back[i]).isEqualTo((byte) i);
            }
            long gap = 0;
            List<long[]> reads = server.reads;
            for (int i = 1; i < reads.size(); i++) {
                gap = Math.max(gap, reads.get(i)[0] - reads.get(i - 1)[0]);
            }
            System.out.printf("TCP stall of 300 ms: longest silence at the server %.1f ms%n", gap / 1e6);
            assertThat(gap / 1_000_000).isBetween(280L, 360L);
        }
    }

    @Test
    void resetOnDemandResetsTheClient() throws Exception {
        try (EchoServer server = new EchoServer();
                TcpImpairmentProxy proxy = TcpImpairmentProxy.start(
                        ProxyConfig.builder(server.address()).build());
                Socket client = new Socket()) {
            client.connect(proxy.address());
            client.getOutputStream().write(1);
            assertThat(client.getInputStream().read()).isEqualTo(1);
            assertThat(proxy.connections()).isEqualTo(1);
            proxy.resetConnections();
            assertThatThrownBy(() -> client.getInputStream().read())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
            assertThat(await(() -> proxy.connections() == 0, 2000)).isTrue();
        }
    }

    @Test
    void closeOnDemandEndsTheStream() throws Exception {
        try (EchoServer server = new EchoServer();
                TcpImpairmentProxy proxy = TcpImpairmentProxy.start(
                        ProxyConfig.builder(server.address()).build());
                Socket client = new Socket()) {
            client.connect(proxy.address());
            client.getOutputStream().write(1);
            assertThat(client.getInputStream().read()).isEqualTo(1);
            proxy.closeConnections();
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(proxy.accepted()).isEqualTo(1);
        }
    }

    @Test
    void clientCloseArrivesAfterItsDelayedBytes() throws Exception {
        try (EchoServer server = new EchoServer();
                TcpImpairmentProxy proxy = TcpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .clientToServer(Impairments.builder()
                                .delay(Duration.ofMillis(100))
                                .build())
                        .build())) {
            try (Socket client = new Socket()) {
                client.connect(proxy.address());
                client.getOutputStream().write(new byte[5000]);
            }
            assertThat(await(() -> server.reads.stream().mapToLong(r -> r[1]).sum() == 5000, 2000))
                    .isTrue();
            assertThat(await(() -> proxy.connections() == 0, 2000)).isTrue();
        }
    }

    @Test
    void refusesLossOnAByteStream() {
        ProxyConfig c = ProxyConfig.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9))
                .clientToServer(Impairments.builder().drop(0.1).build())
                .build();
        assertThatThrownBy(() -> TcpImpairmentProxy.start(c))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TCP is a byte stream");
    }
}
