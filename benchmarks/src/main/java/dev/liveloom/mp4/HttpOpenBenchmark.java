package dev.liveloom.mp4;

import com.sun.net.httpserver.HttpServer;
import dev.liveloom.core.io.BlockingReads;
import dev.liveloom.core.io.HttpByteInput;
import dev.liveloom.core.io.HttpInputOptions;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.runtime.LiveloomRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time from opening a 2-hour moov-at-end MP4 over local HTTP to its first packet (target <= 100 ms,
 * warm JVM). The file is made once by {@code benchmarks/scripts/make-long-mp4.sh} (ffmpeg
 * {@code -stream_loop} of a 10 s clip with {@code -c copy}, so moov is at the end with ~500k samples)
 * and served from memory by the JDK's HTTP server with Range support, an independent peer.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HttpOpenBenchmark {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private HttpServer server;
    private byte[] file;
    private URI uri;
    private LiveloomRuntime runtime;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path p = Path.of(System.getProperty("liveloom.longMp4", "/tmp/liveloom-bench/2h.mp4"));
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run benchmarks/scripts/make-long-mp4.sh first");
        }
        file = Files.readAllBytes(p);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/2h.mp4", ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            long start = 0;
            long end = file.length - 1;
            int status = 200;
            if (range != null) {
                Matcher m = RANGE.matcher(range);
                if (m.matches()) {
                    start = Long.parseLong(m.group(1));
                    if (!m.group(2).isEmpty()) {
                        end = Math.min(end, Long.parseLong(m.group(2)));
                    }
                    status = 206;
                    ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + file.length);
                }
            }
            ex.sendResponseHeaders(status, end - start + 1);
            try (OutputStream out = ex.getResponseBody()) {
                for (long p0 = start; p0 <= end; p0 += 65536) {
                    out.write(file, (int) p0, (int) Math.min(65536, end - p0 + 1));
                }
            } catch (IOException closedEarly) {
                // the client closes after the first packet
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/2h.mp4");
        runtime = LiveloomRuntime.builder().eventLoopThreads(1).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop(0);
        runtime.close();
    }

    @Benchmark
    public MediaPacket openToFirstPacket() throws IOException {
        HttpByteInput in = HttpByteInput.open(uri, HttpInputOptions.defaults(), runtime);
        try (Demuxer d = Demuxers.open(in, Duration.ofSeconds(10))) {
            return BlockingReads.next(d, in, Duration.ofSeconds(10));
        }
    }
}
