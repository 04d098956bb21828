package dev.liveloom.mpu.internal;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.pipeline.PlaylistRebaser;
import dev.liveloom.core.runtime.Clock;
import dev.liveloom.core.runtime.Scheduler;
import dev.liveloom.mpu.ChannelRegistry;
import dev.liveloom.mpu.MpuEngine;
import dev.liveloom.mpu.MpuTaskPlan;
import dev.liveloom.mpu.MpuTaskPlan.StreamKind;
import dev.liveloom.sei.LayoutSei;
import dev.liveloom.sei.SeiInserter;
import dev.liveloom.sei.SeiSchedule;
import dev.liveloom.sei.SeiSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bypass task: the subscribed user's stream, filtered to the requested kind, SEI inserted,
 * timestamps rebased (a user who stops and starts ingesting continues the same timeline), fanned
 * out to every output. An output that is full drops packets until the next key frame, and an output
 * that fails reconnects on its own: neither ever stalls the others. All state lives on one
 * scheduler thread.
 */
public final class BypassRun implements MpuEngine.Run {
    private static final Logger log = LoggerFactory.getLogger(BypassRun.class);

    /** Opens a source or sink by URL. */
    public interface Opener<T> {
        T open(String url) throws IOException;
    }

    private static final long MAX_RETRY_MS = 30_000;
    private static final int PACKETS_PER_TURN = 64;

    private final MpuEngine.RunListener listener;
    private final ChannelRegistry channels;
    private final Scheduler scheduler;
    private final Opener<MediaSource> sources;
    private final Opener<MediaSink> sinks;
    private final long retryBaseMs;
    private final SeiInserter sei;
    private final PlaylistRebaser rebaser = new PlaylistRebaser();
    private final Map<String, Output> outputs = new LinkedHashMap<>();

    private volatile MpuTaskPlan plan;
    private volatile boolean stopped;
    private MediaSource source;
    private String sourceUrl;
    private int sourceAttempts;
    private boolean outputStarted;
    private boolean userInOutput;
    private int canvasW;
    private int canvasH;

    public BypassRun(
            MpuTaskPlan plan,
            MpuEngine.RunListener listener,
            ChannelRegistry channels,
            Scheduler scheduler,
            Clock clock,
            Opener<MediaSource> sources,
            Opener<MediaSink> sinks,
            Duration retryBase) {
        this.plan = plan;
        this.listener = listener;
        this.channels = channels;
        this.scheduler = scheduler;
        this.sources = sources;
        this.sinks = sinks;
        this.retryBaseMs = retryBase.toMillis();
        this.sei = new SeiInserter(seiSettings(plan, 0, 0), clock);
    }

    public void begin() {
        scheduler.execute(() -> {
            for (String url : plan.outputs()) {
                Output o = new Output(url);
                outputs.put(url, o);
                o.connect();
            }
            openSource();
        });
    }

    @Override
    public void update(MpuTaskPlan newPlan) {
        scheduler.execute(() -> {
            MpuTaskPlan old = plan;
            plan = newPlan;
            for (String url : new ArrayList<>(outputs.keySet())) {
                if (!newPlan.outputs().contains(url)) {
                    outputs.remove(url).close();
                }
            }
            for (String url : newPlan.outputs()) {
                if (!outputs.containsKey(url)) {
                    Output o = new Output(url);
                    outputs.put(url, o);
                    o.connect();
                }
            }
            sei.update(seiSettings(newPlan, canvasW, canvasH));
            if (!old.single().equals(newPlan.single())) {
                closeSource();
                if (userInOutput) {
                    listener.userLeftOutput(old.single().userId());
                    userInOutput = false;
                }
                openSource();
            }
        });
    }

    @Override
    public void stop() {
        stopped = true;
        scheduler.execute(() -> {
            closeSource();
            outputs.values().forEach(Output::close);
            outputs.clear();
        });
    }

    // --- source ---

    private void openSource() {
        if (stopped) {
            return;
        }
        MpuTaskPlan p = plan;
        ChannelRegistry.User user =
                channels.user(p.appId(), p.channelId(), p.single().userId());
        String url = user == null ? null : user.streams().get(p.single().source());
        if (url == null) {
            // the user has not joined (or has no such stream) yet: look again shortly
            later(this::openSource, retryBaseMs);
            return;
        }
        try {
            source = sources.open(url);
            sourceUrl = url;
        } catch (IOException | RuntimeException e) {
            sourceDropped(e.getMessage());
            return;
        }
        rebaser.startItem(this::deliver);
        pump();
    }

    private void closeSource() {
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private void sourceDropped(String reason) {
        closeSource();
        if (stopped) {
            return;
        }
        sourceAttempts++;
        long delay = Math.min(MAX_RETRY_MS, retryBaseMs << Math.min(10, sourceAttempts - 1));
        log.info(
                "MPU task {}: source {} dropped ({}), retry in {} ms",
                plan.taskId(),
                Redaction.url(String.valueOf(sourceUrl)),
                Redaction.text(reason),
                delay);
        later(this::openSource, delay);
    }

    private void pump() {
        if (stopped || source == null) {
            return;
        }
        MediaSource s = source;
        for (int n = 0; n < PACKETS_PER_TURN; n++) {
            MediaPacket p;
            try {
                p = s.read();
            } catch (IOException | RuntimeException e) {
                sourceDropped(e.getMessage());
                return;
            }
            if (p == null) {
                if (s.ended()) {
                    sourceDropped("the user stopped ingesting");
                    return;
                }
                s.ready()
                        .whenComplete((v, e) -> scheduler.execute(() -> {
                            if (source == s) {
                                pump();
                            }
                        }));
                return;
            }
            sourceAttempts = 0;
            forward(p);
        }
        scheduler.execute(this::pump);
    }

    private void forward(MediaPacket p) {
        StreamKind kind = plan.single().kind();
        boolean video = p.format().type() == MediaType.VIDEO;
        if (video && kind == StreamKind.AUDIO_ONLY || !video && kind == StreamKind.VIDEO_ONLY) {
            return;
        }
        MediaPacket q = p;
        if (video) {
            if (p.format().width() > 0
                    && (p.format().width() != canvasW || p.format().height() != canvasH)) {
                canvasW = p.format().width();
                canvasH = p.format().height();
                sei.update(seiSettings(plan, canvasW, canvasH));
            }
            try {
                q = sei.apply(p);
            } catch (IOException e) {
                log.info("MPU task {}: SEI not inserted: {}", plan.taskId(), e.getMessage());
            }
        }
        rebaser.accept(q, this::deliver);
    }

    private void deliver(MediaPacket p) {
        boolean any = false;
        for (Output o : outputs.values()) {
            any |= o.offer(p);
        }
        if (any && !outputStarted) {
            outputStarted = true;
            listener.outputStarted();
        }
        if (any && !userInOutput) {
            userInOutput = true;
            listener.userJoinedOutput(plan.single().userId());
        }
    }

    private void later(Runnable r, long ms) {
        scheduler.schedule(r, ms, TimeUnit.MILLISECONDS);
    }

    /** The SEI channels the plan asks for, naming the one user as the seed's single-streamer example. */
    static SeiSettings seiSettings(MpuTaskPlan p, int w, int h) {
        SeiSettings.Builder b = SeiSettings.builder();
        LayoutSei layout = LayoutSei.singleStreamer(p.single().userId(), w, h);
        if (p.layoutVolume() != null) {
            b.layoutVolume(SeiSettings.Channel.layoutVolume(schedule(p.layoutVolume()), layout));
        }
        if (p.passThrough() != null) {
            MpuTaskPlan.PassThroughSei pt = p.passThrough();
            b.passThrough(SeiSettings.Channel.passThrough(
                    schedule(pt.schedule()),
                    pt.payloadType(),
                    layout.toBuilder().passThrough(pt.key(), pt.content()).build()));
        }
        return b.build();
    }

    private static SeiSchedule schedule(MpuTaskPlan.SeiSchedule s) {
        return new SeiSchedule(s.intervalMs(), s.followIdr());
    }

    /** One output URL: its own sink, reconnects and key-frame gate. */
    private final class Output {
        final String url;
        MediaSink sink;
        boolean ready;
        boolean needKey = true;
        int attempts;
        long dropped;
        boolean closed;

        Output(String url) {
            this.url = url;
        }

        void connect() {
            if (closed || stopped) {
                return;
            }
            MediaSink s;
            try {
                s = sinks.open(url);
            } catch (IOException | RuntimeException e) {
                retry(e.getMessage());
                return;
            }
            sink = s;
            s.open()
                    .whenComplete((v, err) -> scheduler.execute(() -> {
                        if (sink != s || closed) {
                            return;
                        }
                        if (err != null) {
                            retry(err.getMessage());
                            return;
                        }
                        attempts = 0;
                        ready = true;
                        needKey = true;
                        s.closed().whenComplete((c, cerr) -> {
                            if (cerr != null) {
                                scheduler.execute(() -> {
                                    if (sink == s && !closed) {
                                        retry(cerr.getMessage());
                                    }
                                });
                            }
                        });
                    }));
        }

        void retry(String reason) {
            ready = false;
            if (sink != null) {
                sink.close();
                sink = null;
            }
            if (closed || stopped) {
                return;
            }
            attempts++;
            long delay = Math.min(MAX_RETRY_MS, retryBaseMs << Math.min(10, attempts - 1));
            log.info(
                    "MPU task {}: output {} failed ({}), reconnect in {} ms",
                    plan.taskId(),
                    Redaction.url(url),
                    Redaction.text(String.valueOf(reason)),
                    delay);
            later(this::connect, delay);
        }

        /** Offers a packet; after a drop, video waits for the next key frame. */
        boolean offer(MediaPacket p) {
            if (!ready) {
                return false;
            }
            boolean video = p.format().type() == MediaType.VIDEO;
            if (needKey && video && !p.key()) {
                dropped++;
                return false;
            }
            if (!sink.offer(p)) {
                dropped++;
                needKey = true;
                return false;
            }
            if (video) {
                needKey = false;
            }
            return true;
        }

        void close() {
            closed = true;
            ready = false;
            if (sink != null) {
                sink.close();
                sink = null;
            }
        }
    }
}
