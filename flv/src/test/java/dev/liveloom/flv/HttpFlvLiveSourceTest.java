package dev.liveloom.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.io.HttpByteInput;
import dev.liveloom.core.io.HttpInputOptions;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.DemuxedSource;
import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayEngine;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Certificates;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.NettyLeaks;
import dev.liveloom.core.testing.TestHttpServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP-FLV as a live source: an endless chunked FLV body (no length, Range ignored) streams through
 * {@code HttpByteInput} and the FLV demuxer with bounded memory, over https too; a stalled one
 * fails after the read timeout, and a live relay reconnects it.
 */
class HttpFlvLiveSourceTest {
    private static final long MIB = 1 << 20;
    private static LiveloomRuntime runtime;
    private static EndlessFlv flv;
    private TestHttpServer server;

    @BeforeAll
    static void startRuntime() {
        NettyLeaks.install();
        runtime = LiveloomRuntime.builder().eventLoopThreads(2).workerThreads(1).build();
        flv = new EndlessFlv(Fixtures.bytes("h264-aac.flv"));
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

    /** The next packet, waiting up to {@code millis} for it. */
    private static MediaPacket next(MediaSource s, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            MediaPacket p = s.read();
            if (p != null) {
                return p;
            }
            assertThat(s.ended()).as("an endless stream ended").isFalse();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no packet within " + millis + " ms");
            }
            try {
                s.ready().get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // the next read reports the failure
            }
        }
    }

    @Test
    void anEndlessChunkedFlvStreamsWithBoundedMemory() throws Exception {
        TestHttpServer.Route r = server.serveEndless("/live.flv", flv);
        int readAhead = 256 * 1024;
        HttpByteInput in = HttpByteInput.open(
                server.url("/live.flv"),
                HttpInputOptions.builder().readAhead(readAhead).build(),
                runtime);
        try (DemuxedSource s = new DemuxedSource(in)) {
            long[] last = {Long.MIN_VALUE, Long.MIN_VALUE};
            int video = 0;
            long maxHeld = 0;
            // 200 loops of the 2 s fixture: 400 s of media, about 8 MB, read as fast as it comes
            while (video < 200 * 50) {
                MediaPacket p = next(s, 5000);
                int t = p.format().type() == MediaType.VIDEO ? 0 : 1;
                assertThat(p.dtsUs()).isGreaterThan(last[t]);
                last[t] = p.dtsUs();
                video += t == 0 ? 1 : 0;
                maxHeld = Math.max(maxHeld, in.bufferedBytes());
            }
            assertThat(last[0]).isGreaterThanOrEqualTo(199L * flv.loopMillis() * 1000);
            assertThat(s.tracks()).extracting(TrackFormat::codec).containsExactlyInAnyOrder(Codec.H264, Codec.AAC);
            assertThat(in.length()).as("a live body has no length").isEqualTo(-1);
            assertThat(in.requests()).as("one request, no range requests").isEqualTo(1);
            // read bytes are released: memory is the read-ahead window, not the stream so far
            System.out.printf(
                    "endless HTTP-FLV: %d bytes streamed, at most %d held (read-ahead %d)%n",
                    r.bytesSent(), maxHeld, readAhead);
            // bounded by the window plus what arrives in one turn of the event loop after the pause
            // (RangeConnection hands over up to 1 MiB at once) plus the batch being read: not by the
            // length of the stream
            long bound = readAhead + 2 * MIB + 64 * 1024;
            assertThat(maxHeld).isLessThan(bound);
            assertThat(r.bytesSent()).isGreaterThan(3 * bound);
        }
    }

    @Test
    void mediaIoOpensAnHttpFlvUrlAsALiveSourceThatDeliversWhileTheBodyStreams() throws Exception {
        // warm up the classes on the way, so the timing below is the stream's
        server.serveEndless("/warm.flv", flv);
        try (MediaSource w = MediaIo.source(server.url("/warm.flv").toString(), runtime, false)) {
            next(w, 5000);
        }
        TestHttpServer.Route r = server.serveEndless("/app/live.flv", flv).trickle(4096, Duration.ofMillis(50));
        long t0 = System.nanoTime();
        try (MediaSource s = MediaIo.source(server.url("/app/live.flv").toString(), runtime, false)) {
            MediaPacket first = next(s, 2000);
            long firstMs = (System.nanoTime() - t0) / 1_000_000;
            long bytesAtFirst = r.bytesSent();
            System.out.printf(
                    "live HTTP-FLV at 80 kB/s: first packet after %d ms and %d bytes%n", firstMs, bytesAtFirst);
            // the first frame comes as soon as its bytes are in, not when some buffer is full
            assertThat(bytesAtFirst).isLessThan(64 * 1024);
            assertThat(firstMs).isLessThan(1000);
            assertThat(first.dtsUs()).isZero();
            int n = 1;
            long until = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < until) {
                next(s, 2000);
                n++;
            }
            // 2 s at 80 kB/s is about 4 loops of the fixture: far more than one, far less than all
            assertThat(n).isGreaterThan(150);
            assertThat(r.bytesSent()).isBetween(120_000L, 200_000L);
            assertThat(s.ended()).isFalse();
            assertThat(server.requests("/app/live.flv")).hasSize(1);
        }
    }

    @Test
    void aStalledStreamFailsAfterTheReadTimeout() throws Exception {
        server.serveEndless("/live.flv", flv).stallAfter(100_000);
        HttpByteInput in = HttpByteInput.open(
                server.url("/live.flv"),
                HttpInputOptions.builder().readTimeout(Duration.ofMillis(700)).build(),
                runtime);
        try (DemuxedSource s = new DemuxedSource(in)) {
            int n = 0;
            long failedAt;
            long lastPacketAt = System.nanoTime();
            while (true) {
                try {
                    next(s, 5000);
                    n++;
                    lastPacketAt = System.nanoTime();
                } catch (IOException e) {
                    failedAt = System.nanoTime();
                    assertThat(e).hasMessageContaining("no data within the read timeout of 700 ms");
                    assertThat(e.getMessage()).contains("127.0.0.1");
                    break;
                }
            }
            assertThat(n).isGreaterThan(100);
            assertThat((failedAt - lastPacketAt) / 1_000_000).isBetween(300L, 2000L);
            assertThatThrownBy(s::read).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aLiveRelayReconnectsAStalledHttpFlvSourceOnTheSameIngest() throws Exception {
        server.serveEndless("/live.flv", flv).stallAfter(30_000);
        List<MediaPacket> sent = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        int[] ingestOpens = {0};
        PipelineEngine engine = PipelineEngine.builder()
                .scheduler(new EventLoopScheduler(runtime.eventLoopGroup().next()))
                .sources(url -> new DemuxedSource(HttpByteInput.open(
                        URI.create(url),
                        HttpInputOptions.builder()
                                .readTimeout(Duration.ofMillis(700))
                                .build(),
                        runtime)))
                .sinks(url -> new MediaSink() {
                    @Override
                    public String name() {
                        return url;
                    }

                    @Override
                    public CompletableFuture<Void> open() {
                        ingestOpens[0]++;
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public boolean offer(MediaPacket p) {
                        sent.add(p);
                        return true;
                    }

                    @Override
                    public CompletableFuture<Void> writable() {
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public CompletableFuture<Void> closed() {
                        return new CompletableFuture<>();
                    }

                    @Override
                    public void close() {}
                })
                .build();
        RelayEngine.Run run = engine.start(
                "t",
                RelayTaskSpec.builder()
                        .name("http-flv")
                        .callbackUrl("http://h/cb")
                        .sources(
                                SourceType.LIVE, List.of(server.url("/live.flv").toString()))
                        .destinationUrl("rtmp://i/live/s")
                        .build(),
                new RelayEngine.RunListener() {
                    @Override
                    public void itemStarted(int index, String url) {
                        events.add("start");
                    }

                    @Override
                    public void itemFinished(int index, String url) {
                        events.add("finish");
                    }

                    @Override
                    public void itemSkipped(int index, String url, String reason) {
                        events.add("skip: " + reason);
                    }

                    @Override
                    public void finished() {
                        events.add("finished");
                    }

                    @Override
                    public void reconnecting(boolean ingest, int attempt, String reason) {
                        events.add((ingest ? "ingest" : "source") + " reconnect " + attempt + ": " + reason);
                    }

                    @Override
                    public void failed(boolean ingest, String reason) {
                        events.add("failed: " + reason);
                    }
                });
        try {
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (server.requests("/live.flv").size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
        } finally {
            run.stop();
        }
        assertThat(server.requests("/live.flv")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events).startsWith("start");
        assertThat(events).anyMatch(e -> e.startsWith("source reconnect 1: ") && e.contains("read timeout of 700 ms"));
        assertThat(events).noneMatch(e -> e.startsWith("failed") || e.startsWith("ingest"));
        assertThat(ingestOpens[0]).isEqualTo(1);
        // every connection delivered media, and the output only goes forward across them
        List<Long> videoDts = new ArrayList<>();
        for (MediaPacket p : sent) {
            if (p.format().type() == MediaType.VIDEO) {
                videoDts.add(p.dtsUs());
            }
        }
        // one connection carries about 37 frames before it stalls
        assertThat(videoDts.size()).isGreaterThan(60);
        for (int i = 1; i < videoDts.size(); i++) {
            assertThat(videoDts.get(i)).isGreaterThan(videoDts.get(i - 1));
            assertThat(videoDts.get(i) - videoDts.get(i - 1)).isLessThanOrEqualTo(100_000);
        }
    }

    /** Trusts exactly the PEM certificate {@code cert}. */
    private static X509TrustManager trusting(Path cert) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trusted.setCertificateEntry(
                    "test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    @Test
    void anEndlessHttpsFlvStreamStreamsToo(@TempDir Path dir) throws Exception {
        Path cert = Certificates.selfSigned(dir);
        SslContext serverTls = SslContextBuilder.forServer(
                        cert.toFile(), Certificates.keyOf(cert).toFile())
                .sslProvider(SslProvider.JDK)
                .build();
        TestHttpServer secure = TestHttpServer.start(serverTls, 0);
        try {
            TestHttpServer.Route r = secure.serveEndless("/live.flv", flv);
            int readAhead = 256 * 1024;
            HttpByteInput in = HttpByteInput.open(
                    secure.url("localhost", "/live.flv"),
                    HttpInputOptions.builder()
                            .readAhead(readAhead)
                            .trustManager(trusting(cert))
                            .build(),
                    runtime);
            try (DemuxedSource s = new DemuxedSource(in)) {
                long last = Long.MIN_VALUE;
                int video = 0;
                long maxHeld = 0;
                while (video < 60 * 50) {
                    MediaPacket p = next(s, 5000);
                    if (p.format().type() == MediaType.VIDEO) {
                        assertThat(p.dtsUs()).isGreaterThan(last);
                        last = p.dtsUs();
                        video++;
                    }
                    maxHeld = Math.max(maxHeld, in.bufferedBytes());
                }
                assertThat(in.requests()).isEqualTo(1);
                assertThat(in.length()).isEqualTo(-1);
                long bound = readAhead + 2 * MIB + 64 * 1024;
                assertThat(maxHeld).isLessThan(bound);
                assertThat(r.bytesSent()).isGreaterThan(2_000_000L);
                assertThat(secure.requests("/live.flv").get(0).sni()).isEqualTo("localhost");
            }
        } finally {
            secure.close();
        }
    }
}
