package dev.liveloom.cli;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTask;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.RelayTaskState;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.relay.StopReason;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.rtmp.RtmpPlayer;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code liveloom demo}: the relay on embedded defaults. Starts the embedded RTMP server, relays the
 * two bundled items (different resolutions) looped twice to it in real time, prints the URL to
 * watch, plays the stream back from the server and prints what it verified.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Relay bundled sample media through the embedded RTMP server and verify the result.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> ITEMS = List.of("item-320x180.mp4", "item-480x270.flv");

    @Option(names = "--port", description = "Port of the embedded RTMP server (default: a free one).")
    int port;

    @Option(names = "--loops", description = "How many times to play the playlist (default 2).")
    int loops = 2;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("liveloom-demo");
        List<String> items = new ArrayList<>();
        for (String name : ITEMS) {
            items.add(extract(name, dir).toString());
        }
        try (LiveloomRuntime rt = LiveloomRuntime.builder().build();
                RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(port), rt.eventLoopGroup())) {
            String url = server.url("live", "demo");
            out.println("liveloom demo: embedded RTMP server on port " + server.port());
            out.println("liveloom demo: relaying " + ITEMS.size() + " items x " + loops
                    + " loops in real time; watch with:");
            out.println("    ffplay " + url);
            RtmpPlayer player = RtmpPlayer.open(url, rt.eventLoopGroup(), null);
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            try (RelayService service = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(PipelineEngine.onRuntime(rt, true))
                    .allowFileSources(true)
                    .callbackRequired(false)
                    .build()) {
                Thread.sleep(300);
                String id = service.create(RelayTaskSpec.builder()
                        .name("demo")
                        .sources(SourceType.VIDEO_URL, items)
                        .playbackTimes(loops)
                        .destinationUrl(url)
                        .build());
                List<MediaPacket> got = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!player.ended() && System.nanoTime() < deadline) {
                    MediaPacket p = player.read();
                    if (p != null) {
                        got.add(p);
                    } else {
                        try {
                            player.ready().get(1, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.TimeoutException e) {
                            RelayTask t = service.get(id);
                            if (t.state() == RelayTaskState.STOPPED && t.stopReason() != StopReason.PLAYLIST_FINISHED) {
                                throw new IllegalStateException(
                                        "relay stopped: " + t.stopReason() + " " + t.invalidReason());
                            }
                        }
                    }
                }
                player.close();
                return verify(got, service.get(id), out) ? 0 : 1;
            }
        }
    }

    /** Prints and checks what came back: frames, duration, continuity, resolutions. */
    static boolean verify(List<MediaPacket> got, RelayTask task, PrintStream out) {
        List<MediaPacket> video =
                got.stream().filter(p -> p.format().type() == MediaType.VIDEO).toList();
        List<MediaPacket> audio =
                got.stream().filter(p -> p.format().type() == MediaType.AUDIO).toList();
        boolean ok = !video.isEmpty() && !audio.isEmpty();
        long maxGapUs = 0;
        boolean increasing = true;
        for (List<MediaPacket> track : List.of(video, audio)) {
            for (int i = 1; i < track.size(); i++) {
                long d = track.get(i).dtsUs() - track.get(i - 1).dtsUs();
                increasing &= d > 0;
                if (track == video) {
                    maxGapUs = Math.max(maxGapUs, d);
                }
            }
        }
        Set<String> sizes = new LinkedHashSet<>();
        video.forEach(p -> sizes.add(p.format().width() + "x" + p.format().height()));
        double seconds = video.isEmpty()
                ? 0
                : (video.get(video.size() - 1).dtsUs() - video.get(0).dtsUs()) / 1e6 + 0.04;
        out.printf(
                Locale.ROOT,
                "liveloom demo: played back %d video and %d audio frames, %.2f s%n",
                video.size(),
                audio.size(),
                seconds);
        out.printf(
                Locale.ROOT,
                "liveloom demo: resolutions %s; DTS strictly increasing: %s; largest video gap %.0f ms%n",
                sizes,
                increasing ? "yes" : "NO",
                maxGapUs / 1000.0);
        out.printf(
                Locale.ROOT,
                "liveloom demo: relay task %s, %d frames sent, %d loops%n",
                task.stopReason(),
                task.stats().framesSent(),
                task.stats().loopsDone());
        ok &= increasing
                && maxGapUs <= 80_000
                && sizes.size() >= 2
                && task.stopReason() == StopReason.PLAYLIST_FINISHED;
        out.println("liveloom demo: " + (ok ? "OK" : "FAILED"));
        return ok;
    }

    private static Path extract(String name, Path dir) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IOException("bundled demo media " + name + " is missing from the jar");
            }
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
        }
        f.toFile().deleteOnExit();
        return f;
    }
}
