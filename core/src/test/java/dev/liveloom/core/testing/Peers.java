package dev.liveloom.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding external tools, free loopback ports and waiting for listeners, for interop tests. */
public final class Peers {
    private Peers() {}

    /** The path of {@code name} on PATH; fails loudly (interop tests never skip) when missing. */
    public static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not installed; interop tests need it (see .ci/run)");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits up to 10 s for a TCP listener on the port, failing with the log if the process died. */
    public static void awaitListening(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("process exited with " + process.exitValue() + ": " + read(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on port " + port + " after 10 s: " + read(log));
    }

    public static String read(Path p) {
        try {
            return p != null && Files.exists(p) ? Files.readString(p) : "(no log)";
        } catch (IOException e) {
            return "(cannot read " + p + ": " + e + ")";
        }
    }
}
