package dev.liveloom.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * nginx with the RTMP module on a loopback port, application {@code live} with {@code record all}
 * into {@link #recordings()}, optionally behind a TLS terminator (nginx {@code stream} with {@code
 * ssl}) for rtmps:// tests. Started with {@code -g 'daemon off;'} in a temporary prefix; closed by
 * {@link #close()}.
 */
public final class Nginx implements AutoCloseable {
    private final Path dir;
    private final int rtmpPort;
    private final int tlsPort;
    private Process process;

    private Nginx(Path dir, int rtmpPort, int tlsPort) {
        this.dir = dir;
        this.rtmpPort = rtmpPort;
        this.tlsPort = tlsPort;
    }

    /** Starts nginx-rtmp; with {@code tls}, also a TLS port in front of it using a fresh self-signed certificate. */
    public static Nginx start(Path dir, boolean tls) throws Exception {
        Nginx n = new Nginx(dir, Peers.freePort(), tls ? Peers.freePort() : -1);
        n.writeConfig();
        n.launch();
        return n;
    }

    private void writeConfig() throws Exception {
        Path rec = dir.resolve("rec");
        Files.createDirectories(rec);
        Files.setPosixFilePermissions(rec, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        StringBuilder c = new StringBuilder();
        c.append("load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;\n");
        if (tlsPort > 0) {
            c.append("load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n");
        }
        // workers as the test's user (root in CI), so they can write into any temporary directory;
        // nginx ignores this with a notice when not started as root
        c.append("user ").append(System.getProperty("user.name")).append(";\n");
        c.append("worker_processes 1;\n")
                .append("error_log ")
                .append(dir.resolve("error.log"))
                .append(" info;\n")
                .append("pid ")
                .append(dir.resolve("nginx.pid"))
                .append(";\n")
                .append("events { worker_connections 1024; }\n")
                .append("rtmp { server { listen 127.0.0.1:")
                .append(rtmpPort)
                .append("; chunk_size 4096;\n")
                .append("  application live { live on; record all; record_path ")
                .append(rec)
                .append("; record_unique off; }\n} }\n");
        if (tlsPort > 0) {
            makeCertificate();
            c.append("stream { server { listen 127.0.0.1:")
                    .append(tlsPort)
                    .append(" ssl;\n")
                    .append("  ssl_certificate ")
                    .append(dir.resolve("cert.pem"))
                    .append(";\n")
                    .append("  ssl_certificate_key ")
                    .append(dir.resolve("key.pem"))
                    .append(";\n")
                    .append("  proxy_pass 127.0.0.1:")
                    .append(rtmpPort)
                    .append("; } }\n");
        }
        Files.writeString(dir.resolve("nginx.conf"), c.toString());
    }

    private void makeCertificate() throws Exception {
        Certificates.selfSigned(dir);
    }

    private void launch() throws Exception {
        process = new ProcessBuilder(
                        Peers.tool("nginx"),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Peers.awaitListening(rtmpPort, process, dir.resolve("error.log"));
        if (tlsPort > 0) {
            Peers.awaitListening(tlsPort, process, dir.resolve("error.log"));
        }
    }

    /** Stops nginx and starts it again on the same ports (an ingest restart). */
    public void restart() throws Exception {
        stop();
        launch();
    }

    public int rtmpPort() {
        return rtmpPort;
    }

    /** The TLS port in front of the RTMP port, or -1. */
    public int tlsPort() {
        return tlsPort;
    }

    public String rtmpUrl(String stream) {
        return "rtmp://127.0.0.1:" + rtmpPort + "/live/" + stream;
    }

    public Path recordings() {
        return dir.resolve("rec");
    }

    /**
     * The finished recording of {@code stream}, waiting up to 10 s for nginx to write it; fails with
     * what nginx logged when there is none.
     */
    public Path awaitRecording(String stream) throws InterruptedException {
        Path f = recordings().resolve(stream + ".flv");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(f) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!Files.exists(f)) {
            throw new AssertionError("nginx wrote no recording " + f + "; its log:\n" + errorLog());
        }
        Thread.sleep(300);
        return f;
    }

    /** The PEM certificate of the TLS port. */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    public String errorLog() {
        return Peers.read(dir.resolve("error.log"));
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        // nginx workers are children: make sure the port is free again
        ProcessHandle.allProcesses()
                .filter(ph -> ph.info()
                        .commandLine()
                        .map(c -> c.contains(dir.toString()))
                        .orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
