package dev.liveloom.mpu;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.RelayTaskState;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.mpu.MpuParams.LayoutVolume;
import dev.liveloom.mpu.MpuParams.SeiParams;
import dev.liveloom.mpu.MpuParams.SingleSubParams;
import dev.liveloom.mpu.MpuParams.StartRequest;
import dev.liveloom.mpu.MpuParams.StopRequest;
import dev.liveloom.mpu.MpuTaskPlan.Source;
import dev.liveloom.rtmp.RtmpPlayer;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a bypass task adds to each frame's delivery, end to end on loopback. A relay publishes a file
 * in real time as channel user u1 into the embedded server; a bypass task (with layout SEI on every
 * second) forwards it to a second stream of the same server. Two players read both streams; for each
 * video frame the added delay is its arrival time on the bypass stream minus its arrival time on the
 * user's stream, so both sides share the same publisher, server and player code and only the bypass
 * (its RTMP pull, SEI insertion, RTMP push and one more server hop) is measured.
 *
 * <p>{@code java -cp benchmarks.jar dev.liveloom.mpu.BypassLatency FILE [loops]}
 */
public final class BypassLatency {

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (LiveloomRuntime rt = LiveloomRuntime.builder().build();
                RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), rt.eventLoopGroup())) {
            String userUrl = server.url("app1", "ch1.u1");
            String outUrl = server.url("out", "bypass");
            ChannelRegistry channels = new ChannelRegistry();
            channels.join("app1", "ch1", "u1", Map.of(Source.CAMERA, userUrl));
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            MpuService mpu = MpuService.builder()
                    .scheduler(scheduler)
                    .channels(channels)
                    .engine(new BypassEngine(rt, channels))
                    .build();
            mpu.startLiveMpuTask(new StartRequest(
                    "app1",
                    "ch1",
                    "lat",
                    "0",
                    outUrl,
                    null,
                    null,
                    null,
                    new SingleSubParams("camera", "0", "u1"),
                    null,
                    new SeiParams(new LayoutVolume("1", "1000"), null)));
            Map<Long, Long> direct = new ConcurrentHashMap<>();
            Map<Long, Long> bypassed = new ConcurrentHashMap<>();
            Thread a = reader(RtmpPlayer.open(userUrl, rt.eventLoopGroup(), null), direct);
            Thread b = reader(RtmpPlayer.open(outUrl, rt.eventLoopGroup(), null), bypassed);
            Thread.sleep(500);
            try (RelayService user = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(PipelineEngine.onRuntime(rt, true))
                    .allowFileSources(true)
                    .callbackRequired(false)
                    .build()) {
                String id = user.create(RelayTaskSpec.builder()
                        .name("user")
                        .sources(SourceType.VIDEO_URL, List.of(file))
                        .playbackTimes(loops)
                        .destinationUrl(userUrl)
                        .build());
                while (user.get(id).state() != RelayTaskState.STOPPED) {
                    Thread.sleep(100);
                }
            }
            Thread.sleep(1000);
            mpu.stopLiveMpuTask(new StopRequest("app1", "ch1", "lat"));
            a.join(5000);
            b.join(5000);
            report("all frames", direct, bypassed, Long.MIN_VALUE);
            // the first 2 s hold the start burst, which arrives while the bypass is still connecting
            report("after the first 2 s", direct, bypassed, 2_000_000);
            if (System.getenv("LIVELOOM_DEBUG") != null) {
                direct.entrySet().stream()
                        .filter(e -> bypassed.containsKey(e.getKey()))
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> System.out.println(
                                e.getKey() / 1000 + " " + (bypassed.get(e.getKey()) - e.getValue()) / 1000));
            }
            mpu.close();
        }
    }

    private static void report(String what, Map<Long, Long> direct, Map<Long, Long> bypassed, long fromDtsUs) {
        List<Long> added = new ArrayList<>();
        direct.forEach((dts, t) -> {
            Long t2 = bypassed.get(dts);
            if (t2 != null && dts >= fromDtsUs) {
                added.add(t2 - t);
            }
        });
        long[] us = added.stream().mapToLong(n -> n / 1000).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "bypass added delay, %s: %d video frames (%d on the user's stream): p50 %.2f ms, p90 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms%n",
                what,
                us.length,
                direct.keySet().stream().filter(d -> d >= fromDtsUs).count(),
                pct(us, 50),
                pct(us, 90),
                pct(us, 99),
                us.length == 0 ? Double.NaN : us[us.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1000.0;
    }

    /** Records the arrival time of each video frame by DTS; a thread per player is fine in a benchmark. */
    private static Thread reader(RtmpPlayer player, Map<Long, Long> arrivals) {
        Thread t = new Thread(() -> {
            try (player) {
                long idleSince = System.nanoTime();
                while (!player.ended()) {
                    MediaPacket p = player.read();
                    if (p == null) {
                        if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(30)) {
                            return;
                        }
                        try {
                            player.ready().get(1, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.TimeoutException e) {
                            // keep waiting until the idle limit
                        }
                        continue;
                    }
                    idleSince = System.nanoTime();
                    if (p.format().type() == MediaType.VIDEO) {
                        arrivals.putIfAbsent(p.dtsUs(), System.nanoTime());
                    }
                }
            } catch (Exception e) {
                System.err.println("reader: " + e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private BypassLatency() {}
}
