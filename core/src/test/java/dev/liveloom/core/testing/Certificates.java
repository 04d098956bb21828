package dev.liveloom.core.testing;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for localhost and 127.0.0.1, made with openssl for TLS tests. */
public final class Certificates {
    private Certificates() {}

    /** Writes {@code cert.pem} and {@code key.pem} into {@code dir}; returns the certificate's path. */
    public static Path selfSigned(Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Process p = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout",
                        dir.resolve("key.pem").toString(),
                        "-out",
                        cert.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl failed: " + Peers.read(dir.resolve("openssl.log")));
        }
        return cert;
    }

    /** The key written beside {@code cert} by {@link #selfSigned}. */
    public static Path keyOf(Path cert) {
        return cert.resolveSibling("key.pem");
    }
}
