package dev.liveloom.cli;

import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.mpu.BypassEngine;
import dev.liveloom.mpu.ChannelRegistry;
import dev.liveloom.mpu.MpuEvent;
import dev.liveloom.mpu.MpuException;
import dev.liveloom.mpu.MpuJson;
import dev.liveloom.mpu.MpuParams;
import dev.liveloom.mpu.MpuService;
import dev.liveloom.mpu.MpuTaskPlan.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code liveloom mpu --request start.json --user CHANNEL/USER=SOURCE … [--update update.json
 * --update-after SECONDS]}: runs a StartLiveMPUTask request with the seed's JSON names, prints the
 * JSON response (or the error with code, HTTP status and message, exiting 1), runs until the task
 * stops, and stops it on Ctrl-C.
 */
@Command(
        name = "mpu",
        mixinStandardHelpOptions = true,
        description = "Run an MPU task from a StartLiveMPUTask JSON request.")
final class MpuCommand implements Callable<Integer> {
    @Option(names = "--request", required = true, paramLabel = "FILE", description = "StartLiveMPUTask request (JSON).")
    Path request;

    @Option(
            names = "--user",
            paramLabel = "CHANNEL/USER=SOURCE",
            description = "Join a user to a channel with its "
                    + "camera stream (any liveloom source URL); append '#shareScreen' to SOURCE for a screen stream.")
    List<String> users = List.of();

    @Option(names = "--update", paramLabel = "FILE", description = "UpdateLiveMPUTask request (JSON) to apply later.")
    Path update;

    @Option(names = "--update-after", paramLabel = "SECONDS", description = "When to apply --update (default 10).")
    int updateAfter = 10;

    @Override
    public Integer call() throws Exception {
        MpuParams.StartRequest start = MpuJson.startRequest(Files.readString(request, StandardCharsets.UTF_8));
        ChannelRegistry channels = new ChannelRegistry();
        for (String u : users) {
            join(channels, start.appId(), u);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (LiveloomRuntime rt = LiveloomRuntime.builder().build();
                MpuService mpu = MpuService.builder()
                        .scheduler(new EventLoopScheduler(rt.eventLoopGroup().next()))
                        .channels(channels)
                        .engine(new BypassEngine(rt, channels))
                        .build()) {
            mpu.addListener(new MpuEvent.Listener() {
                @Override
                public void onEvent(MpuEvent e) {
                    System.err.println("liveloom mpu: " + e.type().name().toLowerCase()
                            + (e.userId() == null ? "" : " " + e.userId())
                            + (e.reason() == null ? "" : " (" + e.reason() + ")"));
                    if (e.type() == MpuEvent.Type.TASK_STOPPED) {
                        stopped.countDown();
                    }
                }
            });
            try {
                System.out.println(MpuJson.response(mpu.startLiveMpuTask(start)));
            } catch (MpuException e) {
                System.out.println(MpuJson.error(e));
                System.err.println(
                        "liveloom mpu: " + e.code().id() + " (HTTP " + e.code().httpStatus() + "): " + e.getMessage());
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    mpu.stopLiveMpuTask(new MpuParams.StopRequest(start.appId(), start.channelId(), start.taskId()));
                } catch (MpuException ignored) {
                    // already stopped
                }
            }));
            if (update != null) {
                if (!stopped.await(updateAfter, TimeUnit.SECONDS)) {
                    try {
                        System.out.println(MpuJson.response(mpu.updateLiveMpuTask(
                                MpuJson.updateRequest(Files.readString(update, StandardCharsets.UTF_8)))));
                    } catch (MpuException e) {
                        System.out.println(MpuJson.error(e));
                        System.err.println(
                                "liveloom mpu: update refused: " + e.code().id() + ": " + e.getMessage());
                    }
                }
            }
            stopped.await();
        }
        return 0;
    }

    static void join(ChannelRegistry channels, String appId, String spec) {
        int slash = spec.indexOf('/');
        int eq = spec.indexOf('=');
        if (slash <= 0 || eq < slash) {
            throw new IllegalArgumentException("--user must be CHANNEL/USER=SOURCE, was " + spec);
        }
        String channel = spec.substring(0, slash);
        String user = spec.substring(slash + 1, eq);
        String source = spec.substring(eq + 1);
        Source kind = Source.CAMERA;
        if (source.endsWith("#shareScreen")) {
            kind = Source.SHARE_SCREEN;
            source = source.substring(0, source.length() - "#shareScreen".length());
        }
        channels.join(appId, channel, user, Map.of(kind, source));
        // the host's word that the user ingests: the bypass engine pulls the source itself
        channels.ingesting(appId, channel, user, kind, true);
    }
}
