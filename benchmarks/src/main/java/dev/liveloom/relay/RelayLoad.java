package dev.liveloom.relay;

import com.sun.net.httpserver.HttpServer;
import dev.liveloom.core.media.ForwardingSink;
import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N relay tasks of one file served over local HTTP, looped forever, pushed in real time to an ingest
 * (the embedded server, or {@code --ingest rtmp://host:port/app}). Prints threads, heap per task,
 * CPU per stream and the time from create to the first frame accepted by each ingest. Used by
 * {@code benchmarks/scripts/relay-vs-ffmpeg.sh}, which runs ffmpeg on the same load.
 *
 * <p>{@code java -cp benchmarks.jar dev.liveloom.relay.RelayLoad FILE|URL [tasks] [seconds] [ingest]}: a
 * FILE is served by an HTTP server inside this JVM, whose CPU is then counted with the relays'; an
 * http(s) URL is relayed as it is.
 */
public final class RelayLoad {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    public static void main(String[] args) throws Exception {
        boolean remote = args[0].startsWith("http://") || args[0].startsWith("https://");
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String ingest = args.length > 3 ? args[3] : null;
        // a file is served from this JVM (its CPU then counts too); a URL is taken as it is
        HttpServer http = remote ? null : rangeServer(Files.readAllBytes(Path.of(args[0])));
        String url = remote ? args[0] : "http://127.0.0.1:" + http.getAddress().getPort() + "/a.mp4";
        ConcurrentHashMap<String, Long> firstFrameNanos = new ConcurrentHashMap<>();
        try (LiveloomRuntime rt = LiveloomRuntime.builder().build();
                RtmpServer server = ingest == null
                        ? RtmpServer.start(RtmpServerConfig.defaults().withPort(0), rt.eventLoopGroup())
                        : null) {
            String base = ingest != null ? ingest : "rtmp://127.0.0.1:" + server.port() + "/live";
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            PipelineEngine engine = PipelineEngine.builder()
                    .scheduler(scheduler)
                    .schedulers(() -> new EventLoopScheduler(rt.eventLoopGroup().next()))
                    .pacingTick(java.time.Duration.ofMillis(
                            Long.getLong("liveloom.pacingTickMs", PipelineEngine.DEFAULT_PACING_TICK.toMillis())))
                    .sources(u -> MediaIo.source(u, rt, false))
                    .sinks(u -> new FirstFrame(MediaIo.sink(u, rt), u, firstFrameNanos))
                    .build();
            RelayService service = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(engine)
                    .callbackRequired(false)
                    .maxRunningTasks(Math.max(100, tasks) + 1)
                    .build();
            // one task first, so that class loading and the JIT's first compilations are not
            // counted as the load's start-up time; its own first frame is reported as the cold start
            String warmDest = base + "/warmup";
            long warmCreated = System.nanoTime();
            String warm = service.create(RelayTaskSpec.builder()
                    .name("warmup")
                    .sources(SourceType.VIDEO_URL, List.of(url))
                    .loopForever()
                    .destinationUrl(warmDest)
                    .build());
            Thread.sleep(5000);
            Long warmFirst = firstFrameNanos.get(warmDest);
            service.delete(warm);
            Thread.sleep(500);
            // a single task on the warm JVM: start() to its first frame at the ingest
            String singleDest = base + "/single";
            long singleCreated = System.nanoTime();
            String single = service.create(RelayTaskSpec.builder()
                    .name("single")
                    .sources(SourceType.VIDEO_URL, List.of(url))
                    .loopForever()
                    .destinationUrl(singleDest)
                    .build());
            Thread.sleep(2000);
            Long singleFirst = firstFrameNanos.get(singleDest);
            service.delete(single);
            Thread.sleep(500);
            System.out.printf(
                    Locale.ROOT,
                    "liveloom: first frame of one task: cold JVM %d ms, warm JVM %d ms%n",
                    warmFirst == null ? -1 : (warmFirst - warmCreated) / 1_000_000,
                    singleFirst == null ? -1 : (singleFirst - singleCreated) / 1_000_000);
            System.gc();
            long heapBefore = usedHeap();
            ConcurrentHashMap<String, Long> created = new ConcurrentHashMap<>();
            for (int i = 0; i < tasks; i++) {
                String dest = base + "/t" + i;
                created.put(dest, System.nanoTime());
                service.create(RelayTaskSpec.builder()
                        .name("t" + i)
                        .sources(SourceType.VIDEO_URL, List.of(url))
                        .loopForever()
                        .destinationUrl(dest)
                        .build());
            }
            // past the start burst and the JIT's compilations of per-loop code (a 10 s file loops
            // every 10 s): what a relay that runs for hours costs
            Thread.sleep(Long.getLong("liveloom.warmupSeconds", 30) * 1000);
            long cpu0 = processCpuNanos();
            long jit0 = compilerCpuNanos();
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = processCpuNanos();
            long jit1 = compilerCpuNanos();
            long wall1 = System.nanoTime();
            System.gc();
            long heapAfter = usedHeap();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            List<Long> latencies = new ArrayList<>();
            created.forEach((dest, t0) -> {
                Long t1 = firstFrameNanos.get(dest);
                if (t1 != null) {
                    latencies.add((t1 - t0) / 1_000_000);
                }
            });
            latencies.sort(Long::compare);
            double cpuPerStream = (cpu1 - cpu0) / (double) (wall1 - wall0) / tasks * 100;
            double jitPerStream = (jit1 - jit0) / (double) (wall1 - wall0) / tasks * 100;
            System.out.printf(
                    Locale.ROOT,
                    "liveloom: tasks=%d threads=%d heapPerTaskKiB=%.0f cpuPerStreamPct=%.3f (of which JIT compiler %.3f) firstFrameMs p50=%d p95=%d max=%d started=%d%n",
                    tasks,
                    threads,
                    (heapAfter - heapBefore) / 1024.0 / tasks,
                    cpuPerStream,
                    jitPerStream,
                    pct(latencies, 50),
                    pct(latencies, 95),
                    latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1),
                    latencies.size());
            service.close();
        } finally {
            if (http != null) {
                http.stop(0);
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the JIT compiler threads (Linux: from /proc), 0 where that cannot be read. */
    private static long compilerCpuNanos() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String comm = Files.readString(t.resolve("comm")).trim();
                if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    static HttpServer rangeServer(byte[] file) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/a.mp4", ex -> {
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
                for (long p = start; p <= end; p += 65536) {
                    out.write(file, (int) p, (int) Math.min(65536, end - p + 1));
                }
            } catch (IOException closedEarly) {
                // the relay closes after each loop
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "http-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server;
    }

    /** Notes when the ingest accepts its first frame. */
    static final class FirstFrame extends ForwardingSink {
        private final String url;
        private final ConcurrentHashMap<String, Long> first;

        FirstFrame(MediaSink inner, String url, ConcurrentHashMap<String, Long> first) {
            super(inner);
            this.url = url;
            this.first = first;
        }

        /** Set on the task's own event loop; the map is touched once per run, not per packet. */
        private boolean seen;

        @Override
        public boolean offer(MediaPacket p) {
            boolean ok = inner.offer(p);
            if (ok && !seen) {
                seen = true;
                first.putIfAbsent(url, System.nanoTime());
            }
            return ok;
        }
    }
}
