package dev.liveloom.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.NettyLeaks;
import dev.liveloom.core.testing.TestHttpServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https through the JDK TLS provider against a self-signed certificate made here with the JDK's
 * {@code keytool} (subject alternative name {@code dns:localhost} only), so the tests show that the
 * trust manager override, SNI and host name verification all take effect.
 */
class HttpByteInputTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static LiveloomRuntime runtime;
    private static TestHttpServer server;
    private static X509TrustManager trust;
    private static byte[] body;

    @BeforeAll
    static void start() throws Exception {
        NettyLeaks.install();
        Path ks = dir.resolve("server.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        ks.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool: %s", out).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD);
        SslContext serverTls =
                SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).build();

        Certificate cert = store.getCertificate("server");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("test-ca", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        trust = (X509TrustManager) tmf.getTrustManagers()[0];

        runtime = LiveloomRuntime.builder().eventLoopThreads(1).workerThreads(1).build();
        server = TestHttpServer.start(serverTls, 0);
        body = new byte[3_000_000];
        new Random(11).nextBytes(body);
        server.serve("/a.mp4", body);
        server.redirect("/down", 302, "http://localhost:" + server.port() + "/a.mp4");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
        runtime.close();
        NettyLeaks.assertNone();
    }

    private static HttpInputOptions trusting() {
        return HttpInputOptions.builder().trustManager(trust).build();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void readsOverTlsWithSniAndRangeSeeks() throws IOException {
        int before = server.requests().size();
        try (HttpByteInput in = HttpByteInput.open(server.url("localhost", "/a.mp4"), trusting(), runtime)) {
            assertThat(bytes(BlockingReads.read(in, 0, 1000, WAIT))).isEqualTo(java.util.Arrays.copyOf(body, 1000));
            assertThat(in.length()).isEqualTo(body.length);
            assertThat(bytes(BlockingReads.read(in, 2_900_000, 100_000, WAIT)))
                    .isEqualTo(java.util.Arrays.copyOfRange(body, 2_900_000, 3_000_000));
        }
        List<TestHttpServer.Request> reqs =
                server.requests().subList(before, server.requests().size());
        assertThat(reqs).extracting(TestHttpServer.Request::sni).containsOnly("localhost");
        assertThat(reqs.get(0).range()).isEqualTo("bytes=0-");
        assertThat(reqs.get(0).header("Host")).isEqualTo("localhost:" + server.port());
    }

    @Test
    void untrustedCertificateFails() {
        try (HttpByteInput in =
                HttpByteInput.open(server.url("localhost", "/a.mp4?token=t"), HttpInputOptions.defaults(), runtime)) {
            assertThatThrownBy(() -> BlockingReads.read(in, 0, 10, WAIT))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(
                            "GET https://localhost:" + server.port() + "/a.mp4?token=***: TLS handshake failed: ")
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    void hostNameIsVerified() {
        // trusted certificate, but it names localhost, not 127.0.0.1
        try (HttpByteInput in = HttpByteInput.open(server.url("/a.mp4"), trusting(), runtime)) {
            assertThatThrownBy(() -> BlockingReads.read(in, 0, 10, WAIT))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("GET https://127.0.0.1:" + server.port() + "/a.mp4: TLS handshake failed: ")
                    .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1 found");
        }
    }

    @Test
    void refusesARedirectFromHttpsToHttp() {
        try (HttpByteInput in = HttpByteInput.open(server.url("localhost", "/down"), trusting(), runtime)) {
            assertThatThrownBy(() -> BlockingReads.read(in, 0, 10, WAIT))
                    .isInstanceOf(IOException.class)
                    .hasMessage("GET https://localhost:" + server.port()
                            + "/down: refusing redirect from https to another scheme: http://localhost:" + server.port()
                            + "/a.mp4");
        }
    }
}
