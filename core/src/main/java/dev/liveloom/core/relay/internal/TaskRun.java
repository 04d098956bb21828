package dev.liveloom.core.relay.internal;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.pipeline.LagDropper;
import dev.liveloom.core.pipeline.Pacer;
import dev.liveloom.core.pipeline.PlaylistRebaser;
import dev.liveloom.core.relay.PipelineEngine.Config;
import dev.liveloom.core.relay.RelayEngine;
import dev.liveloom.core.relay.RelayStats;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.Scheduler;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a relay task as a chain of callbacks on one scheduler: open the ingest, then pump:
 * read a packet from the current item, rebase it onto the output timeline, wait until the pacer
 * lets it go, offer it to the ingest. Every step that would wait registers a callback and returns,
 * so a run never holds a thread. All state is touched only on the scheduler's thread.
 */
public final class TaskRun implements RelayEngine.Run {
    private static final Logger log = LoggerFactory.getLogger(TaskRun.class);

    /** The seed: "Sampling rate: 16 kHz to 44.1 kHz". */
    static final int MIN_SAMPLE_RATE = 16_000;

    static final int MAX_SAMPLE_RATE = 44_100;

    /**
     * A live source's decode time going back by more than this within one connection is a restarted
     * clock (a publisher that came back on the same session): the timeline is re-anchored. Half a
     * second is far beyond the reordering of interleaved tracks, which is compared per media type.
     */
    static final long CLOCK_JUMP_BACK_US = 500_000;

    /**
     * A live source's decode time moving forward by more than this between two packets of one media
     * type is a jumped clock, re-anchored instead of waited for (the pacer would hold the output for
     * as long as the jump).
     */
    static final long CLOCK_JUMP_FORWARD_US = 3_000_000;

    private final Config config;
    private final Scheduler scheduler;
    private final String taskId;
    private final RelayTaskSpec spec;
    private final RelayEngine.RunListener listener;
    private final List<String> items;
    private final boolean live;

    private final PlaylistRebaser rebaser = new PlaylistRebaser();
    private final Pacer pacer;
    private final LagDropper lag;
    private final ArrayDeque<MediaPacket> out = new ArrayDeque<>();
    private final RateMeter rate = new RateMeter();

    private MediaSink sink;
    private boolean sinkReady;
    private int ingestAttempts;
    private int sourceAttempts;
    /** When the live source was lost (first drop of the current outage). */
    private long sourceLostNanos;
    /** A live source reconnect waits for its back-off timer. */
    private boolean sourceRetryPending;
    /** When the live source last delivered a packet (or was opened). */
    private long sourceActiveNanos;

    private Scheduler.Cancellable watchdog;
    private final long[] lastSourceDtsUs = {Long.MIN_VALUE, Long.MIN_VALUE};
    private volatile long clockJumps;

    private MediaSource source;
    private String sourceUrl;
    /**
     * A one-item playlist's source kept open after the item ended, to be rewound for the next loop
     * instead of opened and parsed again (what ffmpeg's -stream_loop does); null otherwise.
     */
    private MediaSource parked;

    /** The current item was opened before the ingest was ready and not yet announced. */
    private boolean startPending;

    private String parkedUrl;
    private int itemIndex = -1;
    private boolean itemHadPackets;
    private int playedThisLoop;
    private long itemFirstDtsUs = Long.MIN_VALUE;
    private long itemLastDtsUs;

    private volatile boolean stopped;
    private boolean finishing;
    private boolean pumpPending;
    private Scheduler.Cancellable timer;
    /** When the run began waiting on its input (source read, next item, reconnect), or -1. */
    private long inputWaitSinceUs = -1;
    /** Input waiting to report to the pacer with the next packet. */
    private long inputStallUs;

    private volatile long loopsDone;
    private volatile long framesSent;
    private volatile long framesDropped;
    private volatile long reconnects;
    private volatile int currentItem = -1;
    private volatile long positionUs;

    public TaskRun(Config config, String taskId, RelayTaskSpec spec, RelayEngine.RunListener listener) {
        this.config = config;
        this.scheduler = config.scheduler();
        this.taskId = taskId;
        this.spec = spec;
        this.listener = listener;
        this.items = spec.sources();
        this.live = spec.sourceType() == SourceType.LIVE;
        this.pacer = new Pacer(config.maxLeadUs(), Pacer.DEFAULT_MAX_LAG_US);
        this.lag = new LagDropper(config.maxIngestLagUs());
    }

    public void begin() {
        scheduler.execute(this::openSink);
        scheduler.execute(this::pump);
    }

    @Override
    public void stop() {
        stopped = true;
        scheduler.execute(this::cleanUp);
    }

    @Override
    public RelayStats stats() {
        long now = scheduler.clock().nanoTime();
        double kbps;
        double fps;
        synchronized (rate) {
            kbps = rate.kbps(now);
            fps = rate.fps(now);
        }
        return new RelayStats(
                currentItem,
                positionUs,
                loopsDone,
                kbps,
                fps,
                framesSent,
                framesDropped + lag.dropped() + rebaser.droppedAudio(),
                reconnects);
    }

    // --- ingest ---

    private void openSink() {
        if (stopped) {
            return;
        }
        MediaSink s;
        try {
            s = config.sinks().open(spec.destinationUrl());
        } catch (IOException | RuntimeException e) {
            ingestFailed(message(e));
            return;
        }
        sink = s;
        s.open()
                .whenComplete((v, err) -> scheduler.execute(() -> {
                    if (stopped || sink != s) {
                        return;
                    }
                    if (err != null) {
                        ingestFailed(message(err));
                        return;
                    }
                    ingestAttempts = 0;
                    sinkReady = true;
                    announcePendingStart();
                    inputWaitEnded();
                    s.closed().whenComplete((c, cerr) -> {
                        if (cerr != null) {
                            scheduler.execute(() -> {
                                if (sink == s && !stopped) {
                                    ingestFailed(message(cerr));
                                }
                            });
                        }
                    });
                    pump();
                }));
    }

    private void ingestFailed(String reason) {
        sinkReady = false;
        if (sink != null) {
            sink.close();
            sink = null;
        }
        if (stopped) {
            return;
        }
        ingestAttempts++;
        if (ingestAttempts > config.maxIngestRetries()) {
            fail(true, "ingest failed after " + config.maxIngestRetries() + " reconnect attempts: " + reason);
            return;
        }
        reconnects++;
        inputWaitBegins();
        log.info("relay {}: ingest lost ({}), reconnect attempt {}", taskId, reason, ingestAttempts);
        listener.reconnecting(true, ingestAttempts, reason);
        later(this::openSink, backoffMillis(ingestAttempts));
    }

    // --- the pump ---

    private void pump() {
        pumpPending = false;
        if (stopped) {
            return;
        }
        if (!sinkReady) {
            prefill();
            return;
        }
        for (int n = 0; n < config.packetsPerTurn(); n++) {
            MediaPacket p = out.peek();
            if (p != null) {
                long now = nowUs();
                if (inputStallUs > 0) {
                    pacer.inputStalled(inputStallUs, p.dtsUs(), now);
                    inputStallUs = 0;
                }
                if (!admit(p, now)) {
                    out.poll();
                    continue;
                }
                long delayUs = pacer.delayUs(p.dtsUs(), now);
                if (delayUs > 0) {
                    later(this::pump, Math.max(1, Math.max(delayUs, config.effectivePacingTickUs()) / 1000));
                    return;
                }
                if (!sink.offer(p)) {
                    MediaSink s = sink;
                    s.writable().whenComplete((v, e) -> scheduler.execute(this::pump));
                    return;
                }
                out.poll();
                sent(p);
                continue;
            }
            if (finishing) {
                finish();
                return;
            }
            if (!pullOne()) {
                return;
            }
        }
        if (!pumpPending) {
            pumpPending = true;
            scheduler.execute(this::pump);
        }
    }

    /**
     * While the ingest connects, opens the first item and demuxes up to its first packet, so that
     * the HTTP fetch and the RTMP handshake overlap and the first frame leaves as soon as the ingest
     * is ready. Live sources wait for the ingest: they would pile up what they receive meanwhile.
     */
    private void prefill() {
        if (live) {
            return;
        }
        while (out.isEmpty() && !finishing && pullOne()) {
            // pullOne moves at most one packet; an item that ends or breaks moves on to the next
        }
    }

    /** The slow-ingest policy: false when {@code p} is dropped to catch up with real time. */
    private boolean admit(MediaPacket p, long now) {
        boolean wasLagging = lag.lagging();
        long lagUs = -pacer.leadUs(p.dtsUs(), now);
        boolean send = lag.admit(p, lagUs) == LagDropper.Decision.SEND;
        if (lag.lagging() != wasLagging) {
            long lagMs = lagUs / 1000;
            if (lag.lagging()) {
                log.warn("relay {}: ingest {} ms behind real time, dropping video frames", taskId, lagMs);
            } else {
                log.info("relay {}: ingest caught up ({} frames dropped)", taskId, lag.episodeDropped());
            }
            listener.ingestLagging(lag.lagging(), lagMs, lag.dropped());
        }
        return send;
    }

    private void sent(MediaPacket p) {
        framesSent++;
        synchronized (rate) {
            rate.add(scheduler.clock().nanoTime(), p.size());
        }
    }

    /** Moves one packet from the current item towards the output; false when waiting for input. */
    private boolean pullOne() {
        if (stopped) {
            return false;
        }
        if (source == null) {
            if (sourceRetryPending) {
                return false;
            }
            return openNextItem();
        }
        MediaPacket p;
        try {
            p = source.read();
        } catch (IOException | RuntimeException e) {
            itemBroken(message(e), true);
            return true;
        }
        if (p == null) {
            if (source.ended()) {
                itemEnded();
                return true;
            }
            inputWaitBegins();
            MediaSource s = source;
            s.ready()
                    .whenComplete((v, e) -> scheduler.execute(() -> {
                        if (source == s) {
                            pump();
                        }
                    }));
            return false;
        }
        String refusal = refusal(p.format());
        if (refusal == null && !itemHadPackets) {
            for (TrackFormat f : source.tracks()) {
                refusal = refusal == null ? refusal(f) : refusal;
            }
        }
        if (refusal != null) {
            itemBroken(refusal, false);
            return true;
        }
        if (!itemHadPackets) {
            itemHadPackets = true;
            sourceAttempts = 0;
        }
        inputWaitEnded();
        if (live) {
            sourceActiveNanos = scheduler.clock().nanoTime();
            if (clockJumped(p)) {
                clockJumps++;
                log.info(
                        "relay {}: the live source's clock jumped from {} to {} us; re-anchoring",
                        taskId,
                        lastSourceDtsUs[p.format().type() == MediaType.VIDEO ? 0 : 1],
                        p.dtsUs());
                rebaser.startItem(out::add);
                itemFirstDtsUs = p.dtsUs() - positionUs;
                lastSourceDtsUs[0] = Long.MIN_VALUE;
                lastSourceDtsUs[1] = Long.MIN_VALUE;
            }
            lastSourceDtsUs[p.format().type() == MediaType.VIDEO ? 0 : 1] = p.dtsUs();
        }
        if (itemFirstDtsUs == Long.MIN_VALUE) {
            itemFirstDtsUs = p.dtsUs();
        }
        itemLastDtsUs = p.dtsUs();
        positionUs = itemLastDtsUs - itemFirstDtsUs;
        rebaser.accept(p, out::add);
        return true;
    }

    /** True when {@code p} is far before or after the last packet of its media type: a restarted clock. */
    private boolean clockJumped(MediaPacket p) {
        long last = lastSourceDtsUs[p.format().type() == MediaType.VIDEO ? 0 : 1];
        return last != Long.MIN_VALUE
                && (p.dtsUs() < last - CLOCK_JUMP_BACK_US || p.dtsUs() > last + CLOCK_JUMP_FORWARD_US);
    }

    /** Why an item cannot be relayed (the seed's codec rules), or null. */
    static String refusal(TrackFormat f) {
        if (f.type() == MediaType.AUDIO) {
            if (f.codec() != Codec.AAC) {
                return "unsupported audio codec " + f.codec().id();
            }
            int rate = f.sampleRate();
            if (rate != 0 && (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE)) {
                return "audio sample rate " + rate + " Hz is outside 16-44.1 kHz";
            }
        }
        return null;
    }

    private boolean openNextItem() {
        if (live) {
            return openLive();
        }
        itemIndex++;
        if (itemIndex >= items.size()) {
            loopsDone++;
            if (playedThisLoop == 0) {
                fail(false, "no playable item in the playlist");
                return false;
            }
            int times = spec.playbackTimes();
            if (times != RelayTaskSpec.INFINITE && loopsDone >= times) {
                finishing = true;
                if (parked != null) {
                    parked.close();
                    parked = null;
                }
                return true;
            }
            itemIndex = 0;
            playedThisLoop = 0;
        }
        String item = items.get(itemIndex);
        String url = item;
        try {
            if (spec.sourceType() == SourceType.VOD) {
                if (config.assetResolver() == null) {
                    throw new IllegalStateException("no MediaAssetResolver configured");
                }
                url = config.assetResolver().resolve(item);
            }
            source = reuseParked(url);
            if (source == null) {
                source = config.sources().open(url);
            }
        } catch (IOException | RuntimeException e) {
            listener.itemSkipped(itemIndex, item, message(e));
            return true;
        }
        sourceUrl = url;
        startItem();
        if (sinkReady) {
            listener.itemStarted(itemIndex, url);
        } else {
            // opened ahead while the ingest connects: announced once the ingest is ready
            startPending = true;
        }
        return true;
    }

    private boolean openLive() {
        itemIndex = 0;
        String url = items.get(0);
        try {
            source = config.sources().open(url);
        } catch (IOException | RuntimeException e) {
            return liveDropped(message(e));
        }
        sourceUrl = url;
        startItem();
        sourceActiveNanos = scheduler.clock().nanoTime();
        lastSourceDtsUs[0] = Long.MIN_VALUE;
        lastSourceDtsUs[1] = Long.MIN_VALUE;
        watch(source);
        listener.itemStarted(0, url);
        return true;
    }

    /** Drops the live source {@code s} once it has been silent for the idle timeout. */
    private void watch(MediaSource s) {
        long idleNanos = config.liveIdleTimeout().toNanos();
        long silent = scheduler.clock().nanoTime() - sourceActiveNanos;
        watchdog = scheduler.schedule(
                () -> {
                    if (stopped || source != s) {
                        return;
                    }
                    long quiet = scheduler.clock().nanoTime() - sourceActiveNanos;
                    if (quiet >= idleNanos) {
                        itemBroken("no media from the source for " + quiet / 1_000_000 + " ms", true);
                    } else {
                        watch(s);
                    }
                },
                Math.max(1, idleNanos - silent),
                TimeUnit.NANOSECONDS);
    }

    private void startItem() {
        currentItem = itemIndex;
        itemHadPackets = false;
        itemFirstDtsUs = Long.MIN_VALUE;
        positionUs = 0;
        rebaser.startItem(out::add);
    }

    private void itemEnded() {
        announcePendingStart();
        if (!live && items.size() == 1 && source != null) {
            parked = source;
            parkedUrl = sourceUrl;
            source = null;
        }
        closeSource();
        if (live) {
            liveDropped("source ended");
            return;
        }
        if (itemHadPackets) {
            playedThisLoop++;
        }
        listener.itemFinished(itemIndex, sourceUrl);
    }

    /** The item failed or was refused; what it already sent counts as played unless refused. */
    private void itemBroken(String reason, boolean countIfPlayed) {
        announcePendingStart();
        boolean played = itemHadPackets && countIfPlayed;
        closeSource();
        if (live) {
            liveDropped(reason);
            return;
        }
        if (played) {
            playedThisLoop++;
        }
        log.info("relay {}: item {} skipped: {}", taskId, itemIndex, Redaction.text(reason));
        listener.itemSkipped(itemIndex, sourceUrl, reason);
    }

    /**
     * The live source dropped: reconnect after a short back-off (at most {@link
     * Config#liveRetryMax()}), keeping the ingest and the timeline, until the outage lasts longer
     * than {@link Config#maxSourceOutage()}. The packets already taken from the source keep flowing
     * to the ingest meanwhile.
     */
    private boolean liveDropped(String reason) {
        long now = scheduler.clock().nanoTime();
        if (sourceAttempts == 0) {
            sourceLostNanos = now;
        }
        sourceAttempts++;
        long awayMillis = (now - sourceLostNanos) / 1_000_000;
        if (sourceAttempts > config.maxSourceRetries()) {
            fail(false, "source failed after " + config.maxSourceRetries() + " reconnect attempts: " + reason);
            return false;
        }
        if (awayMillis > config.maxSourceOutage().toMillis()) {
            fail(
                    false,
                    "the live source was away for " + awayMillis / 1000 + " s (limit "
                            + config.maxSourceOutage().toSeconds() + " s, " + (sourceAttempts - 1)
                            + " reconnect attempts): " + reason);
            return false;
        }
        reconnects++;
        inputWaitBegins();
        listener.reconnecting(false, sourceAttempts, reason);
        sourceRetryPending = true;
        scheduler.schedule(
                () -> {
                    sourceRetryPending = false;
                    pump();
                },
                liveBackoffMillis(sourceAttempts),
                TimeUnit.MILLISECONDS);
        return false;
    }

    private void announcePendingStart() {
        if (startPending) {
            startPending = false;
            listener.itemStarted(itemIndex, sourceUrl);
        }
    }

    /** The parked source rewound, when it plays {@code url} and can rewind; else null (and closed). */
    private MediaSource reuseParked(String url) {
        MediaSource p = parked;
        parked = null;
        if (p == null) {
            return null;
        }
        if (url.equals(parkedUrl) && p.rewind()) {
            return p;
        }
        p.close();
        return null;
    }

    private void closeSource() {
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
        rebaser.endItem(out::add);
        if (source != null) {
            source.close();
            source = null;
        }
    }

    private void finish() {
        if (stopped) {
            return;
        }
        stopped = true;
        currentItem = -1;
        cleanUp();
        listener.finished();
    }

    private void fail(boolean ingest, String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        cleanUp();
        listener.failed(ingest, reason);
    }

    private void cleanUp() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
        if (source != null) {
            source.close();
            source = null;
        }
        if (parked != null) {
            parked.close();
            parked = null;
        }
        if (sink != null) {
            sink.close();
            sink = null;
        }
        out.clear();
    }

    // --- helpers ---

    private void later(Runnable r, long millis) {
        timer = scheduler.schedule(r, millis, TimeUnit.MILLISECONDS);
    }

    private long backoffMillis(int attempt) {
        long base = config.retryBase().toMillis();
        long max = config.retryMax().toMillis();
        long d = base << Math.min(20, attempt - 1);
        return Math.min(max, d);
    }

    private void inputWaitBegins() {
        if (inputWaitSinceUs < 0) {
            inputWaitSinceUs = nowUs();
        }
    }

    private void inputWaitEnded() {
        if (inputWaitSinceUs >= 0) {
            inputStallUs += nowUs() - inputWaitSinceUs;
            inputWaitSinceUs = -1;
        }
    }

    /** A quarter of the live maximum, doubling up to it: 250 ms, 500 ms, 1 s, 1 s, ... by default. */
    private long liveBackoffMillis(int attempt) {
        long max = config.liveRetryMax().toMillis();
        return Math.min(max, (max / 4) << Math.min(20, attempt - 1));
    }

    /** Times a live source's clock jumped within one connection and the timeline was re-anchored. */
    public long clockJumps() {
        return clockJumps;
    }

    private long nowUs() {
        return scheduler.clock().nanoTime() / 1000;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null
                && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return Redaction.text(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
}
