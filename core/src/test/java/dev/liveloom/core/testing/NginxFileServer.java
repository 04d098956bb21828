package dev.liveloom.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx serving one directory on a loopback port, for interop tests (nginx answers Range
 * requests with 206). Its configuration, pid, logs and temp files live in a directory of the test's;
 * {@code nginx} must be on the PATH, and a missing one fails the test.
 */
public final class NginxFileServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private NginxFileServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts nginx serving {@code root} at {@code http://127.0.0.1:<port>/}, configured in {@code workDir}. */
    public static NginxFileServer start(Path root, Path workDir) {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path tmp = Files.createDirectories(workDir.resolve("tmp"));
            String conf = String.join(
                    "\n",
                    "worker_processes 1;",
                    "pid " + workDir.resolve("nginx.pid") + ";",
                    "error_log " + workDir.resolve("error.log") + " info;",
                    "events { worker_connections 256; }",
                    "http {",
                    "  access_log " + workDir.resolve("access.log") + ";",
                    "  client_body_temp_path " + tmp.resolve("body") + ";",
                    "  proxy_temp_path " + tmp.resolve("proxy") + ";",
                    "  fastcgi_temp_path " + tmp.resolve("fastcgi") + ";",
                    "  uwsgi_temp_path " + tmp.resolve("uwsgi") + ";",
                    "  scgi_temp_path " + tmp.resolve("scgi") + ";",
                    "  server {",
                    "    listen 127.0.0.1:" + port + ";",
                    "    root " + root.toAbsolutePath() + ";",
                    "  }",
                    "}",
                    "");
            Files.writeString(workDir.resolve("nginx.conf"), conf);
            Process p = new ProcessBuilder(
                            "nginx",
                            "-p",
                            workDir.toString(),
                            "-c",
                            "nginx.conf",
                            "-e",
                            workDir.resolve("error.log").toString(),
                            "-g",
                            "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("nginx.out").toFile())
                    .start();
            NginxFileServer n = new NginxFileServer(workDir, port, p);
            n.awaitListening();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx (is it installed?): " + e.getMessage(), e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for nginx");
                }
            }
        }
        close();
        throw new IOException("nginx did not listen on port " + port + " within 10 s: " + log());
    }

    private String log() throws IOException {
        Path out = dir.resolve("nginx.out");
        Path err = dir.resolve("error.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(err) ? Files.readString(err) : "");
    }

    public int port() {
        return port;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The access log so far. */
    public String accessLog() {
        try {
            Path f = dir.resolve("access.log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
