package dev.liveloom.rtmp;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.runtime.LiveloomRuntime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load side of the server fan-out benchmark: one publisher of a synthetic H.264 stream at the
 * given bitrate (25 fps, a key frame every 2 s) and N players of it, all in this JVM on two event
 * loops (no thread per connection). Each frame carries the nanoTime at which it was offered, so a
 * player's delivery delay is measured on one clock. The server under test runs in another process
 * ({@code liveloom serve} or nginx-rtmp); {@code benchmarks/scripts/fanout-vs-nginx.sh} measures its
 * CPU.
 *
 * <p>{@code java -cp benchmarks.jar dev.liveloom.rtmp.FanOutLoad rtmp://127.0.0.1:1935/live [players]
 * [seconds] [kbps] [server-pid]}: with the server's pid it also prints the server's CPU over the
 * measured seconds (after a 5 s warm-up), read from {@code /proc/PID/stat}.
 */
public final class FanOutLoad {
    /** The avcC of a 320x180 High profile fixture: the server only forwards it. */
    private static final byte[] AVCC = HexFormat.of()
            .parseHex("0164000cffe1001a6764000cacd941419f9f011000000300100000030320f142996001000568ef821cb0fdf8f800");

    private static final int FPS = 25;
    private static final long BUCKET_US = 100;
    private static final int BUCKETS = 100_000; // 10 s in 0.1 ms steps

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int players = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int kbps = args.length > 3 ? Integer.parseInt(args[3]) : 4000;
        long serverPid = args.length > 4 ? Long.parseLong(args[4]) : -1;
        long ticksAtStart = 0;
        long nanosAtStart = 0;
        String url = base + "/fan";
        TrackFormat format = TrackFormat.builder(Codec.H264)
                .codecConfig(AVCC)
                .size(320, 180)
                .nalLengthSize(4)
                .build();
        AtomicLongArray delays = new AtomicLongArray(BUCKETS + 1);
        AtomicLong received = new AtomicLong();
        AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
        try (LiveloomRuntime rt = LiveloomRuntime.builder().eventLoopThreads(2).build()) {
            RtmpPublisher pub = RtmpPublisher.create(url, RtmpSinkOptions.DEFAULTS, rt.eventLoopGroup());
            pub.open().get(15, TimeUnit.SECONDS);
            List<RtmpPlayer> all = new ArrayList<>();
            for (int i = 0; i < players; i++) {
                RtmpPlayer p = RtmpPlayer.open(url, rt.eventLoopGroup(), null);
                all.add(p);
                drain(p, delays, received, measuring);
                if (i % 50 == 49) {
                    Thread.sleep(50); // do not flood the accept queue
                }
            }
            int frameBytes = kbps * 1000 / 8 / FPS;
            long frameNs = 1_000_000_000L / FPS;
            long start = System.nanoTime();
            long warmupFrames = 5L * FPS;
            long total = (long) (seconds + 5) * FPS;
            long refused = 0;
            for (long n = 0; n < total; n++) {
                long due = start + n * frameNs;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (n == warmupFrames) {
                    measuring.set(System.nanoTime());
                    ticksAtStart = cpuTicks(serverPid);
                    nanosAtStart = System.nanoTime();
                }
                boolean key = n % (2L * FPS) == 0;
                ByteBuffer b = ByteBuffer.allocate(frameBytes);
                b.putInt(frameBytes - 4).put((byte) (key ? 0x65 : 0x41)).putLong(System.nanoTime());
                b.clear();
                long dts = n * 1_000_000L / FPS;
                if (!pub.offer(new MediaPacket(0, format, dts, dts, 1_000_000L / FPS, key, b))) {
                    refused++;
                }
            }
            long ticksAtEnd = cpuTicks(serverPid);
            long nanosAtEnd = System.nanoTime();
            Thread.sleep(1000);
            long measuredFrames = total - warmupFrames;
            int connected = 0;
            for (RtmpPlayer p : all) {
                connected += p.tracks().isEmpty() ? 0 : 1;
            }
            long count = 0;
            for (int i = 0; i <= BUCKETS; i++) {
                count += delays.get(i);
            }
            System.out.printf(
                    Locale.ROOT,
                    "fan-out: %d players (%d received video), %d kbps, %d s: %d of %d frames delivered (%.2f %%),"
                            + " publisher refused %d; delivery delay p50 %.1f ms, p99 %.1f ms, max %s%n",
                    players,
                    connected,
                    kbps,
                    seconds,
                    count,
                    measuredFrames * players,
                    100.0 * count / (measuredFrames * players),
                    refused,
                    pct(delays, count, 0.50),
                    pct(delays, count, 0.99),
                    max(delays));
            if (serverPid > 0) {
                long hz = Long.parseLong(System.getenv().getOrDefault("CLK_TCK", "100"));
                double cpu = (ticksAtEnd - ticksAtStart) / (double) hz / ((nanosAtEnd - nanosAtStart) / 1e9);
                System.out.printf(
                        Locale.ROOT,
                        "server: pid %d, CPU %.1f %% of one core over the measured %d s, %.3f %% per player%n",
                        serverPid,
                        cpu * 100,
                        seconds,
                        cpu * 100 / players);
            }
            pub.close();
            all.forEach(RtmpPlayer::close);
        }
    }

    /** Reads every packet as soon as it arrives, on the player's event loop. */
    private static void drain(RtmpPlayer p, AtomicLongArray delays, AtomicLong received, AtomicLong measuring) {
        try {
            MediaPacket m;
            while ((m = p.read()) != null) {
                if (m.format().type() != MediaType.VIDEO || m.size() < 13) {
                    continue;
                }
                long now = System.nanoTime();
                long sent = m.data().getLong(m.data().position() + 5);
                if (sent >= measuring.get()) {
                    long us = (now - sent) / 1000;
                    delays.incrementAndGet((int) Math.min(BUCKETS, us / BUCKET_US));
                    received.incrementAndGet();
                }
            }
        } catch (Exception e) {
            return;
        }
        if (!p.ended()) {
            p.ready().thenRun(() -> drain(p, delays, received, measuring));
        }
    }

    /** utime + stime of a process in clock ticks, or 0 without one. */
    private static long cpuTicks(long pid) throws java.io.IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, utime 14 and stime 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static double pct(AtomicLongArray h, long count, double q) {
        long target = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += h.get(i);
            if (seen >= target && target > 0) {
                return (i + 0.5) * BUCKET_US / 1000.0;
            }
        }
        return Double.NaN;
    }

    private static String max(AtomicLongArray h) {
        for (int i = BUCKETS; i >= 0; i--) {
            if (h.get(i) > 0) {
                return i == BUCKETS ? ">10 s" : String.format(Locale.ROOT, "%.1f ms", (i + 1) * BUCKET_US / 1000.0);
            }
        }
        return "n/a";
    }

    private FanOutLoad() {}
}
