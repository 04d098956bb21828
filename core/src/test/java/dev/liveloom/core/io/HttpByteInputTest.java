package dev.liveloom.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.NettyLeaks;
import dev.liveloom.core.testing.TestHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpByteInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static LiveloomRuntime runtime;
    private TestHttpServer server;

    @BeforeAll
    static void startRuntime() {
        NettyLeaks.install();
        runtime = LiveloomRuntime.builder().eventLoopThreads(2).workerThreads(1).build();
    }

    @AfterAll
    static void stopRuntime() throws InterruptedException {
        runtime.close();
        NettyLeaks.assertNone();
    }

    @BeforeEach
    void startServer() {
        server = TestHttpServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpByteInput open(String path) {
        return open(path, HttpInputOptions.defaults());
    }

    private HttpByteInput open(String path, HttpInputOptions options) {
        return HttpByteInput.open(server.url(path), options, runtime);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static byte[] read(ByteInput in, long pos, int len) throws IOException {
        return bytes(BlockingReads.read(in, pos, len, WAIT));
    }

    private static byte[] pattern(long pos, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = TestHttpServer.patternByte(pos + i);
        }
        return b;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void readsWithOneRangeRequestAndLearnsTheLength() throws IOException {
        byte[] body = random(100_000, 1);
        server.serve("/a.bin", body);
        try (HttpByteInput in = open("/a.bin")) {
            assertThat(in.length()).isEqualTo(-1);
            assertThat(in.read(0, 10)).isNull();
            assertThat(read(in, 0, 100_000)).isEqualTo(body);
            assertThat(in.length()).isEqualTo(100_000);
            assertThat(read(in, 99_990, 100)).isEqualTo(java.util.Arrays.copyOfRange(body, 99_990, 100_000));
        }
        List<TestHttpServer.Request> reqs = server.requests("/a.bin");
        assertThat(reqs).hasSize(1);
        assertThat(reqs.get(0).range()).isEqualTo("bytes=0-");
        assertThat(reqs.get(0).header("User-Agent")).isEqualTo("liveloom");
        assertThat(reqs.get(0).header("Accept-Encoding")).isEqualTo("identity");
        assertThat(reqs.get(0).header("Host")).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void returnedBuffersAreReadOnlyAndNeverOverwritten() throws IOException {
        server.serveGenerated("/g", 3_000_000);
        try (HttpByteInput in = open("/g")) {
            ByteBuffer first = BlockingReads.read(in, 0, 70_000, WAIT);
            assertThat(first.isReadOnly()).isTrue();
            assertThat(first.position()).isZero();
            byte[] copy = bytes(first);
            for (long p = 70_000; p < 3_000_000; p += 100_000) {
                assertThat(read(in, p, (int) Math.min(100_000, 3_000_000 - p)))
                        .isEqualTo(pattern(p, (int) Math.min(100_000, 3_000_000 - p)));
                in.release(p);
            }
            assertThat(bytes(first)).isEqualTo(copy).isEqualTo(pattern(0, 70_000));
        }
    }

    @Test
    void sequentialReadsContinueOnTheSameResponse() throws IOException {
        server.serveGenerated("/seq", 2_000_000);
        try (HttpByteInput in = open("/seq")) {
            for (long p = 0; p < 2_000_000; p += 10_000) {
                assertThat(read(in, p, 10_000)).isEqualTo(pattern(p, 10_000));
                in.release(p);
            }
            assertThat(read(in, 2_000_000, 10)).isEmpty();
        }
        assertThat(server.requests("/seq")).hasSize(1);
    }

    @Test
    void farSeekToTheEndOpensANewRangeRequestLikeMoovAtTheEnd() throws IOException {
        long len = 32L << 20;
        TestHttpServer.Route route = server.serveGenerated("/movie.mp4", len);
        HttpInputOptions opts = HttpInputOptions.builder().readAhead(1 << 20).build();
        try (HttpByteInput in = open("/movie.mp4", opts)) {
            assertThat(read(in, 0, 32)).isEqualTo(pattern(0, 32));
            long moov = len - 200_000;
            assertThat(read(in, moov, 200_000)).isEqualTo(pattern(moov, 200_000));
            // back to the head: still held from the first response, no new request
            assertThat(read(in, 32, 1000)).isEqualTo(pattern(32, 1000));
            assertThat(server.requests("/movie.mp4")).hasSize(2);
            // past what the first response brought: a third request at the first missing byte
            long mdat = 8L << 20;
            assertThat(read(in, mdat, 50_000)).isEqualTo(pattern(mdat, 50_000));
        }
        List<TestHttpServer.Request> reqs = server.requests("/movie.mp4");
        assertThat(reqs)
                .extracting(TestHttpServer.Request::range)
                .containsExactly("bytes=0-", "bytes=" + (len - 200_000) + "-", "bytes=" + (8L << 20) + "-");
        assertThat(route.bytesSent()).isLessThan(len / 2);
    }

    @Test
    void readAtOrPastTheEndIsEmptyAfter416() throws IOException {
        server.serve("/small", random(5000, 2));
        try (HttpByteInput in = open("/small")) {
            assertThat(BlockingReads.read(in, 5000, 10, WAIT).remaining()).isZero();
            assertThat(in.length()).isEqualTo(5000);
            assertThat(BlockingReads.read(in, 9000, 10, WAIT).remaining()).isZero();
            assertThat(read(in, 4990, 100)).hasSize(10);
        }
        assertThat(server.requests("/small"))
                .extracting(TestHttpServer.Request::range)
                .containsExactly("bytes=5000-", "bytes=4990-");
    }

    @Test
    void chunkedResponseHasUnknownLengthUntilTheEnd() throws IOException {
        byte[] body = random(300_000, 3);
        server.serve("/live.flv", body).chunked().trickle(16_384, Duration.ofMillis(20));
        try (HttpByteInput in = open("/live.flv")) {
            assertThat(read(in, 0, 1000)).isEqualTo(java.util.Arrays.copyOf(body, 1000));
            assertThat(in.length()).isEqualTo(-1);
            assertThat(read(in, 0, 400_000)).isEqualTo(body);
            assertThat(in.length()).isEqualTo(300_000);
        }
    }

    @Test
    void serverIgnoringRangeIsReadFromTheStartAndSkipped() throws IOException {
        byte[] body = random(200_000, 4);
        server.serve("/norange", body).noRange();
        try (HttpByteInput in = open("/norange")) {
            assertThat(read(in, 150_000, 1000)).isEqualTo(java.util.Arrays.copyOfRange(body, 150_000, 151_000));
            assertThat(in.length()).isEqualTo(200_000);
        }
        assertThat(server.requests("/norange"))
                .extracting(TestHttpServer.Request::range)
                .containsExactly("bytes=150000-");
    }

    @Test
    void serverIgnoringRangeFailsWhenTheSkipIsTooFar() {
        server.serveGenerated("/big", 20L << 20).noRange();
        long pos = 17L << 20;
        try (HttpByteInput in = open("/big")) {
            assertThatThrownBy(() -> read(in, pos, 10))
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET " + url("/big") + ": the server ignored the Range request (HTTP 200) and byte "
                            + pos + " is beyond the 16 MiB we skip through (MAX_SKIP_WITHOUT_RANGE)");
        }
    }

    @Test
    void followsRelativeAndAbsoluteRedirectsAndStaysOnTheTarget() throws IOException {
        byte[] body = random(50_000, 5);
        server.redirect("/a", 302, "/b?x=1");
        server.redirect("/b", 307, url("/c"));
        server.redirect("/c", 301, "d");
        server.serve("/d", body);
        try (HttpByteInput in = open("/a")) {
            assertThat(read(in, 0, 100)).isEqualTo(java.util.Arrays.copyOf(body, 100));
            in.close();
        }
        assertThat(server.requests())
                .extracting(TestHttpServer.Request::uri)
                .containsExactly("/a", "/b?x=1", "/c", "/d");
    }

    @Test
    void laterRangeRequestsGoToTheRedirectTarget() throws IOException {
        server.redirect("/a", 308, "/d");
        server.serveGenerated("/d", 40L << 20);
        HttpInputOptions opts = HttpInputOptions.builder().readAhead(1 << 20).build();
        try (HttpByteInput in = open("/a", opts)) {
            assertThat(read(in, 0, 100)).isEqualTo(pattern(0, 100));
            assertThat(read(in, 30L << 20, 100)).isEqualTo(pattern(30L << 20, 100));
        }
        assertThat(server.requests()).extracting(TestHttpServer.Request::uri).containsExactly("/a", "/d", "/d");
    }

    @Test
    void followsFiveRedirectsButNotSix() throws IOException {
        for (int i = 0; i < 6; i++) {
            server.redirect("/r" + i, 302, "/r" + (i + 1));
        }
        server.serve("/r6", new byte[] {1, 2, 3});
        try (HttpByteInput in = open("/r1")) {
            assertThat(read(in, 0, 3)).containsExactly(1, 2, 3);
        }
        try (HttpByteInput in = open("/r0")) {
            assertThatThrownBy(() -> read(in, 0, 3))
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET " + url("/r5") + ": too many redirects (limit 5)");
        }
    }

    @Test
    void refusesARedirectToAnotherScheme() {
        server.redirect("/a", 302, "https://127.0.0.1:" + server.port() + "/b?token=abc");
        try (HttpByteInput in = open("/a")) {
            assertThatThrownBy(() -> read(in, 0, 3))
                    .isInstanceOf(IOException.class)
                    .hasMessage(
                            "GET " + url("/a") + ": refusing redirect from http to another scheme: https://127.0.0.1:"
                                    + server.port() + "/b?token=***");
        }
    }

    @Test
    void httpErrorFailsReadyAndLaterReadsWithTheRedactedUrl() throws Exception {
        try (HttpByteInput in = open("/missing?auth_key=1700000000-0-0-abcdef&txTime=5")) {
            String message = "GET " + url("/missing?auth_key=***&txTime=5") + ": HTTP 404 Not Found";
            assertThat(in.name()).isEqualTo(url("/missing?auth_key=***&txTime=5"));
            assertThat(in.read(0, 10)).isNull();
            CompletableFuture<Void> ready = in.ready();
            assertThatThrownBy(() -> ready.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IOException.class)
                    .hasMessage(message);
            assertThat(in.ready()).isCompletedExceptionally();
            assertThatThrownBy(() -> in.read(0, 10))
                    .isInstanceOf(IOException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> in.read(500, 10))
                    .isInstanceOf(IOException.class)
                    .hasMessage(message);
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void serverErrorStatusIsReported() {
        server.status("/boom", 503);
        try (HttpByteInput in = open("/boom")) {
            assertThatThrownBy(() -> read(in, 0, 3))
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET " + url("/boom") + ": HTTP 503 Service Unavailable");
        }
    }

    @Test
    void stalledServerTimesOut() {
        server.stall("/stall");
        HttpInputOptions opts =
                HttpInputOptions.builder().readTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        try (HttpByteInput in = open("/stall", opts)) {
            assertThatThrownBy(() -> read(in, 0, 3))
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET " + url("/stall") + ": no data within the read timeout of 300 ms");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(ms).isBetween(300L, 3000L);
    }

    @Test
    void trickleSlowerThanTheTimeoutIsNotATimeout() throws IOException {
        byte[] body = random(2000, 6);
        server.serve("/slow", body).trickle(100, Duration.ofMillis(20));
        HttpInputOptions opts =
                HttpInputOptions.builder().readTimeout(Duration.ofMillis(300)).build();
        try (HttpByteInput in = open("/slow", opts)) {
            assertThat(read(in, 0, 2000)).isEqualTo(body);
        }
    }

    @Test
    void connectionRefusedNamesTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI u = URI.create("http://127.0.0.1:" + port + "/x?sign=secret");
        try (HttpByteInput in = HttpByteInput.open(u, HttpInputOptions.defaults(), runtime)) {
            assertThatThrownBy(() -> read(in, 0, 3))
                    .isInstanceOf(IOException.class)
                    .hasMessage(
                            "GET http://127.0.0.1:" + port + "/x?sign=***: connection refused by 127.0.0.1:" + port);
        }
    }

    @Test
    void connectTimesOutWhenTheListenQueueIsFull() throws IOException {
        // a listener that never accepts, its queue filled: Linux drops further SYNs, so connect hangs
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket f = new java.net.Socket();
                    try {
                        f.connect(s.getLocalSocketAddress(), 200);
                        fillers.add(f);
                    } catch (IOException queueFull) {
                        f.close();
                        break;
                    }
                }
                URI u = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/x");
                HttpInputOptions opts = HttpInputOptions.builder()
                        .connectTimeout(Duration.ofMillis(300))
                        .build();
                try (HttpByteInput in = HttpByteInput.open(u, opts, runtime)) {
                    assertThatThrownBy(() -> read(in, 0, 3))
                            .isInstanceOf(IOException.class)
                            .hasMessage("GET " + u + ": connect timed out after 300 ms");
                }
            } finally {
                for (java.net.Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void connectionCutMidBodyFails() {
        server.serveGenerated("/cut", 1_000_000).cutAfter(100_000);
        try (HttpByteInput in = open("/cut")) {
            assertThatThrownBy(() -> read(in, 0, 1_000_000))
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET " + url("/cut") + ": Connection reset");
        }
    }

    @Test
    void readAheadPausesTheSocketSoMemoryStaysBounded() throws Exception {
        long len = 64L << 20;
        int window = 1 << 20;
        TestHttpServer.Route route = server.serveGenerated("/huge", len);
        HttpInputOptions opts = HttpInputOptions.builder().readAhead(window).build();
        try (HttpByteInput in = open("/huge", opts)) {
            assertThat(read(in, 0, 1000)).isEqualTo(pattern(0, 1000));
            Thread.sleep(1000);
            long sent = route.bytesSent();
            long held = in.bufferedBytes();
            System.out.printf("read-ahead %d: held %d bytes, server sent %d of %d%n", window, held, sent, len);
            // the first read, the window, and at most one delivered batch (1 MiB plus one 64 KiB piece)
            assertThat(held).isLessThanOrEqualTo(1000 + window + (1 << 20) + (64 << 10));
            // the rest sits in socket buffers; without the pause all 64 MiB would have been sent
            assertThat(sent).isLessThan(16L << 20);
            Thread.sleep(500);
            assertThat(route.bytesSent()).as("server sending stopped").isLessThan(sent + (1 << 20));
            // reading on resumes the same response
            for (long p = 1000; p < 6_000_000; p += 200_000) {
                assertThat(read(in, p, 200_000)).isEqualTo(pattern(p, 200_000));
                in.release(p);
                assertThat(in.bufferedBytes()).isLessThanOrEqualTo(window + (2 << 20) + 200_000);
            }
        }
        assertThat(server.requests("/huge")).hasSize(1);
    }

    @Test
    void hundredDownloadsRunOnTheEventLoopsDrivenByOneThread() throws Exception {
        int n = 100;
        int size = 512 * 1024;
        server.serveGenerated("/many", size);
        int threadsBefore = Thread.activeCount();
        List<HttpByteInput> inputs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                inputs.add(open("/many?client=" + i));
            }
            long[] pos = new long[n];
            int done = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (done < n) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                List<CompletableFuture<Void>> waits = new java.util.ArrayList<>();
                done = 0;
                for (int i = 0; i < n; i++) {
                    HttpByteInput in = inputs.get(i);
                    while (pos[i] < size) {
                        ByteBuffer b = in.read(pos[i], 64 * 1024);
                        if (b == null) {
                            waits.add(in.ready());
                            break;
                        }
                        assertThat(bytes(b)).isEqualTo(pattern(pos[i], b.remaining()));
                        pos[i] += b.remaining();
                        in.release(pos[i]);
                    }
                    if (pos[i] >= size) {
                        done++;
                    }
                }
                if (!waits.isEmpty()) {
                    CompletableFuture.anyOf(waits.toArray(new CompletableFuture<?>[0]))
                            .get(10, TimeUnit.SECONDS);
                }
                assertThat(Thread.activeCount()).as("no thread per download").isLessThan(threadsBefore + 10);
            }
        } finally {
            inputs.forEach(HttpByteInput::close);
        }
        assertThat(server.requests("/many")).hasSize(n);
    }

    @Test
    void closeIsIdempotentAndLaterReadsFail() {
        server.serve("/c", random(10, 7));
        HttpByteInput in = open("/c");
        in.close();
        in.close();
        assertThatThrownBy(() -> in.read(0, 1)).isInstanceOf(IOException.class).hasMessage(url("/c") + ": closed");
    }

    @Test
    void closeWhileWaitingFailsTheReadyFuture() throws IOException {
        server.stall("/s");
        HttpByteInput in = open("/s");
        assertThat(in.read(0, 1)).isNull();
        CompletableFuture<Void> ready = in.ready();
        in.close();
        assertThat(ready).isCompletedExceptionally();
    }

    @Test
    void nameRedactsSecretsAndOptionsHeadersAreSent() throws IOException {
        URI u = URI.create("http://user:pw@127.0.0.1:" + server.port() + "/x?auth_key=abc&txSecret=def&txTime=5");
        server.serve("/x", new byte[] {9});
        HttpInputOptions opts = HttpInputOptions.builder()
                .userAgent("probe/1.0")
                .header("X-Test", "1")
                .build();
        try (HttpByteInput in = HttpByteInput.open(u, opts, runtime)) {
            assertThat(in.name())
                    .isEqualTo("http://user:***@127.0.0.1:" + server.port() + "/x?auth_key=***&txSecret=***&txTime=5");
            assertThat(read(in, 0, 1)).containsExactly(9);
        }
        TestHttpServer.Request r = server.requests().get(0);
        assertThat(r.header("User-Agent")).isEqualTo("probe/1.0");
        assertThat(r.header("X-Test")).isEqualTo("1");
        assertThat(r.header("Authorization")).isEqualTo("Basic dXNlcjpwdw==");
    }

    @Test
    void rejectsNonHttpUrls() {
        assertThatThrownBy(() -> HttpByteInput.open(
                        URI.create("rtmp://h/app/key?token=x"), HttpInputOptions.defaults(), runtime))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an http(s) URL: rtmp://h/app/key?token=***");
    }
}
