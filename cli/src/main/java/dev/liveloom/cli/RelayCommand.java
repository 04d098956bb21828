package dev.liveloom.cli;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayEvent;
import dev.liveloom.core.relay.RelayListener;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayStats;
import dev.liveloom.core.relay.RelayTask;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.RelayTaskState;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.relay.StopReason;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.webhook.NettyWebhookTransport;
import dev.liveloom.core.webhook.WebhookSender;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liveloom relay [--loop N | --loop-forever] [--start ISO] [--end ISO] [--callback URL]
 * --to rtmp://… SOURCE…}: pushes the playlist (or one live source) in real time on one publish
 * session and exits 0 when it ends.
 */
@Command(
        name = "relay",
        mixinStandardHelpOptions = true,
        description = "Relay VOD files/URLs (looped) or a live source to an RTMP(S) ingest in real time.")
final class RelayCommand implements Callable<Integer> {

    static final class Loops {
        @Option(names = "--loop", paramLabel = "N", description = "Play the playlist N times (default 1).")
        Integer times;

        @Option(names = "--loop-forever", description = "Loop until stopped or the end time.")
        boolean forever;
    }

    @ArgGroup(exclusive = true)
    Loops loops;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The rtmp:// or rtmps:// ingest URL.")
    String to;

    @Option(
            names = "--start",
            paramLabel = "ISO",
            description = "Start at this time (ISO-8601, e.g. 2026-12-01T10:00:00Z).")
    String start;

    @Option(names = "--end", paramLabel = "ISO", description = "Stop at this time (ISO-8601).")
    String end;

    @Option(
            names = "--callback",
            paramLabel = "URL",
            description =
                    "Post task events here (Standard Webhooks; " + "signed with $LIVELOOM_WEBHOOK_SECRET when set).")
    String callback;

    @Option(names = "--live", description = "Treat the single source as live (reconnect on drop, no loops).")
    boolean live;

    @Option(names = "--name", description = "Task name (default: relay).")
    String name = "relay";

    @Option(names = "--verbose", description = "Print stack traces on failure.")
    void verbose(boolean v) {
        Failures.verbose = v;
    }

    @Parameters(
            paramLabel = "SOURCE",
            arity = "1..*",
            description = "Local files or http(s) URLs (.mp4/.flv), or one live URL.")
    List<String> sources;

    @Override
    public Integer call() throws Exception {
        for (String s : sources) {
            if (!s.contains("://") && !Files.isRegularFile(Path.of(s))) {
                throw new IllegalArgumentException(s + ": no such file");
            }
        }
        boolean liveSource = live || sources.size() == 1 && isLiveScheme(sources.get(0));
        RelayTaskSpec.Builder spec = RelayTaskSpec.builder()
                .name(name)
                .startTime(time("--start", start))
                .endTime(time("--end", end))
                .callbackUrl(callback)
                .sources(liveSource ? SourceType.LIVE : SourceType.VIDEO_URL, sources)
                .destinationUrl(to);
        if (!liveSource) {
            spec.playbackTimes(loops == null ? 1 : loops.forever ? RelayTaskSpec.INFINITE : loops.times);
        } else if (loops != null) {
            throw new IllegalArgumentException("--loop and --loop-forever are for VOD sources, not live ones");
        }
        PrintStream out = System.out;
        try (LiveloomRuntime rt = LiveloomRuntime.builder().build()) {
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            RelayService.Builder b = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(PipelineEngine.onRuntime(rt, true))
                    .allowFileSources(true)
                    .callbackRequired(false)
                    .listener(new RelayListener() {
                        @Override
                        public void onEvent(RelayEvent e) {
                            switch (e.type()) {
                                case ITEM_SKIPPED,
                                        SOURCE_RECONNECTING,
                                        INGEST_RECONNECTING,
                                        SOURCE_FAILED,
                                        INGEST_FAILED,
                                        INGEST_LAGGING,
                                        INGEST_CAUGHT_UP -> System.err.println("liveloom relay: " + describe(e));
                                default -> {}
                            }
                        }
                    });
            if (callback != null) {
                b.webhooks(WebhookSender.builder()
                        .transport(new NettyWebhookTransport(rt.eventLoopGroup(), Duration.ofSeconds(5)))
                        .scheduler(scheduler)
                        .secret(System.getenv("LIVELOOM_WEBHOOK_SECRET"))
                        .build());
            }
            try (RelayService service = b.build()) {
                String id = service.create(spec.build());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        service.stop(id);
                    } catch (RuntimeException ignored) {
                        // already stopped
                    }
                }));
                RelayTask t = waitUntilDone(service, id, out);
                if (t.stopReason() == StopReason.PLAYLIST_FINISHED || t.stopReason() == StopReason.END_TIME) {
                    RelayStats s = t.stats();
                    out.printf(
                            Locale.ROOT,
                            "relayed %d frames in %d loop(s) to %s%n",
                            s.framesSent(),
                            s.loopsDone(),
                            Redaction.url(to));
                    return 0;
                }
                throw new IllegalStateException("stopped: " + t.stopReason()
                        + (t.invalidReason() == null ? "" : " (" + t.invalidReason() + ")"));
            }
        }
    }

    private static RelayTask waitUntilDone(RelayService service, String id, PrintStream out)
            throws InterruptedException {
        boolean terminal = System.console() != null;
        RelayTask t = service.get(id);
        long lastPos = 0;
        long lastNanos = System.nanoTime();
        while (t.state() != RelayTaskState.STOPPED) {
            Thread.sleep(500);
            t = service.get(id);
            if (terminal && t.state() == RelayTaskState.RUNNING) {
                RelayStats s = t.stats();
                long now = System.nanoTime();
                double speed =
                        s.positionUs() >= lastPos ? (s.positionUs() - lastPos) / ((now - lastNanos) / 1000.0) : 1.0;
                lastPos = s.positionUs();
                lastNanos = now;
                out.printf(
                        Locale.ROOT,
                        "\ritem %d  position %6.1f s  %7.0f kbps  %4.1f fps  speed %4.2fx  loops %d   ",
                        s.currentItem() + 1,
                        s.positionUs() / 1e6,
                        s.bitrateKbps(),
                        s.fps(),
                        speed,
                        s.loopsDone());
                out.flush();
            }
        }
        if (terminal) {
            out.println();
        }
        return t;
    }

    static String describe(RelayEvent e) {
        StringBuilder sb =
                new StringBuilder(e.type().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (e.itemIndex() >= 0) {
            sb.append(" item ").append(e.itemIndex() + 1);
        }
        if (e.itemUrl() != null) {
            sb.append(" (").append(e.itemUrl()).append(')');
        }
        if (e.detail() != null) {
            sb.append(": ").append(e.detail());
        }
        return sb.toString();
    }

    private static boolean isLiveScheme(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("rtmp://") || l.startsWith("rtmps://") || l.startsWith("srt://");
    }

    private static Instant time(String option, String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": not an ISO-8601 instant: " + iso);
        }
    }
}
