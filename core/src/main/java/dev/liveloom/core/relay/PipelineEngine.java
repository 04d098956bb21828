package dev.liveloom.core.relay;

import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.pipeline.Pacer;
import dev.liveloom.core.relay.internal.TaskRun;
import dev.liveloom.core.runtime.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The default {@link RelayEngine}: for each run, one chain of callbacks on one scheduler (an event
 * loop), no thread of its own: items are opened, demuxed, rebased onto one timeline
 * ({@link dev.liveloom.core.pipeline.PlaylistRebaser}), paced to real time ({@link Pacer}) and
 * offered to one ingest {@link MediaSink} for the whole run. A lost ingest is reconnected with
 * exponential back-off and the timeline continues; a bad item is skipped with an event. A live
 * source that drops, ends or goes silent is reconnected every second at most (so it resumes within
 * about a second of its return) until it has been away for {@link Builder#maxSourceOutage}.
 */
public final class PipelineEngine implements RelayEngine {

    /** Opens a source by URL (or local path, where the host allows it). */
    @FunctionalInterface
    public interface SourceOpener {
        MediaSource open(String url) throws IOException;
    }

    /** Opens the ingest sink for a destination URL. */
    @FunctionalInterface
    public interface SinkOpener {
        MediaSink open(String url) throws IOException;
    }

    /** Longest back-off between reconnects of a live source: it is picked up within ~1 s of its return. */
    public static final Duration DEFAULT_LIVE_RETRY_MAX = Duration.ofSeconds(1);

    /** A live source silent this long is treated as dropped. */
    public static final Duration DEFAULT_LIVE_IDLE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long a live source may stay away before the run fails: about what the former 10 attempts
     * doubling from 1 s to 30 s waited in all.
     */
    public static final Duration DEFAULT_MAX_SOURCE_OUTAGE = Duration.ofMinutes(3);

    /** Least wait between batches of paced packets: 20 timer wake-ups a second per run. */
    public static final Duration DEFAULT_PACING_TICK = Duration.ofMillis(50);

    private final Config config;
    private final java.util.function.Supplier<Scheduler> schedulers;

    private PipelineEngine(Builder b) {
        this.schedulers = b.schedulers;
        this.config = new Config(
                Objects.requireNonNull(b.scheduler, "scheduler"),
                Objects.requireNonNull(b.sources, "sources"),
                Objects.requireNonNull(b.sinks, "sinks"),
                b.assetResolver,
                b.maxIngestRetries,
                b.maxSourceRetries,
                b.retryBase,
                b.retryMax,
                b.liveRetryMax,
                b.liveIdleTimeout,
                b.maxSourceOutage,
                b.maxLeadUs,
                b.maxIngestLagUs,
                b.packetsPerTurn,
                b.pacingTickUs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An engine on the runtime's event loops, opening sources and sinks by URL ({@link
     * dev.liveloom.core.media.MediaIo}); local files only when {@code allowFiles}. Each run gets
     * its own event loop of the group, so runs spread over the loops.
     */
    public static PipelineEngine onRuntime(dev.liveloom.core.runtime.LiveloomRuntime runtime, boolean allowFiles) {
        return builder()
                .scheduler(new dev.liveloom.core.runtime.EventLoopScheduler(
                        runtime.eventLoopGroup().next()))
                .schedulers(() -> new dev.liveloom.core.runtime.EventLoopScheduler(
                        runtime.eventLoopGroup().next()))
                .sources(url -> dev.liveloom.core.media.MediaIo.source(url, runtime, allowFiles))
                .sinks(url -> dev.liveloom.core.media.MediaIo.sink(url, runtime))
                .build();
    }

    @Override
    public Run start(String taskId, RelayTaskSpec spec, RunListener listener) {
        Config c = schedulers == null ? config : config.withScheduler(schedulers.get());
        TaskRun run = new TaskRun(c, taskId, spec, listener);
        run.begin();
        return run;
    }

    /**
     * Settings shared by every run.
     *
     * @param maxIngestRetries reconnect attempts after the ingest drops before the run fails
     * @param maxSourceRetries reconnect attempts of a live source in one outage before the run fails
     *     (unlimited by default: {@code maxSourceOutage} bounds an outage instead)
     * @param retryBase first back-off delay of the ingest; doubled each attempt up to {@code retryMax}
     * @param retryMax longest back-off delay of the ingest
     * @param liveRetryMax longest back-off delay of a live source: its first retry comes after a
     *     quarter of this, doubling up to it, so a source that returns is picked up within about this
     *     long; the attempt count starts again once the source delivers a packet
     * @param liveIdleTimeout a live source that delivers nothing for this long is dropped and
     *     reconnected (a silent peer that keeps the connection open)
     * @param maxSourceOutage how long a live source may stay away (from the drop to its next packet)
     *     before the run fails
     * @param maxLeadUs how far ahead of real time packets may be sent (start burst)
     * @param maxIngestLagUs how far behind real time a slow ingest may fall before video frames are
     *     dropped ({@link dev.liveloom.core.pipeline.LagDropper})
     * @param packetsPerTurn packets handled per event-loop turn before yielding to other tasks
     * @param pacingTickUs a run that must wait for its next packet's send time waits at least this
     *     long (but at most half of {@code maxLeadUs}), then sends everything due: packets leave in
     *     batches, a timer and a socket write per batch rather than per packet, still ahead of real
     *     time
     */
    public record Config(
            Scheduler scheduler,
            SourceOpener sources,
            SinkOpener sinks,
            MediaAssetResolver assetResolver,
            int maxIngestRetries,
            int maxSourceRetries,
            Duration retryBase,
            Duration retryMax,
            Duration liveRetryMax,
            Duration liveIdleTimeout,
            Duration maxSourceOutage,
            long maxLeadUs,
            long maxIngestLagUs,
            int packetsPerTurn,
            long pacingTickUs) {

        /** The wait between batches: {@code pacingTickUs}, at most half the lead. */
        public long effectivePacingTickUs() {
            return Math.min(pacingTickUs, maxLeadUs / 2);
        }

        Config withScheduler(Scheduler s) {
            return new Config(
                    s,
                    sources,
                    sinks,
                    assetResolver,
                    maxIngestRetries,
                    maxSourceRetries,
                    retryBase,
                    retryMax,
                    liveRetryMax,
                    liveIdleTimeout,
                    maxSourceOutage,
                    maxLeadUs,
                    maxIngestLagUs,
                    packetsPerTurn,
                    pacingTickUs);
        }
    }

    /** Builds a {@link PipelineEngine}. */
    public static final class Builder {
        private Scheduler scheduler;
        private java.util.function.Supplier<Scheduler> schedulers;
        private SourceOpener sources;
        private SinkOpener sinks;
        private MediaAssetResolver assetResolver;
        private int maxIngestRetries = 10;
        private int maxSourceRetries = Integer.MAX_VALUE;
        private Duration retryBase = Duration.ofSeconds(1);
        private Duration retryMax = Duration.ofSeconds(30);
        private Duration liveRetryMax = DEFAULT_LIVE_RETRY_MAX;
        private Duration liveIdleTimeout = DEFAULT_LIVE_IDLE_TIMEOUT;
        private Duration maxSourceOutage = DEFAULT_MAX_SOURCE_OUTAGE;
        private long maxLeadUs = Pacer.DEFAULT_MAX_LEAD_US;
        private long maxIngestLagUs = dev.liveloom.core.pipeline.LagDropper.DEFAULT_MAX_LAG_US;
        private int packetsPerTurn = 64;
        private long pacingTickUs = DEFAULT_PACING_TICK.toNanos() / 1000;

        private Builder() {}

        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** A scheduler per run (one event loop each), instead of one shared {@link #scheduler}. */
        public Builder schedulers(java.util.function.Supplier<Scheduler> schedulers) {
            this.schedulers = schedulers;
            return this;
        }

        public Builder sources(SourceOpener sources) {
            this.sources = sources;
            return this;
        }

        public Builder sinks(SinkOpener sinks) {
            this.sinks = sinks;
            return this;
        }

        public Builder assetResolver(MediaAssetResolver resolver) {
            this.assetResolver = resolver;
            return this;
        }

        public Builder maxIngestRetries(int n) {
            this.maxIngestRetries = n;
            return this;
        }

        public Builder maxSourceRetries(int n) {
            this.maxSourceRetries = n;
            return this;
        }

        /** Back-off of the ingest reconnects: {@code base} doubling up to {@code max}. */
        public Builder retryBackoff(Duration base, Duration max) {
            this.retryBase = base;
            this.retryMax = max;
            return this;
        }

        /**
         * Longest wait between reconnects of a live source (default 1 s); the first comes after a
         * quarter of it.
         */
        public Builder liveRetryMax(Duration max) {
            if (max.toMillis() < 4) {
                throw new IllegalArgumentException("live retry max must be at least 4 ms: " + max);
            }
            this.liveRetryMax = max;
            return this;
        }

        /** A live source silent this long is reconnected (default 10 s). */
        public Builder liveIdleTimeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("live idle timeout must be positive: " + timeout);
            }
            this.liveIdleTimeout = timeout;
            return this;
        }

        /** A live source away this long fails the run (default 3 min). */
        public Builder maxSourceOutage(Duration outage) {
            if (outage.isNegative()) {
                throw new IllegalArgumentException("max source outage must not be negative: " + outage);
            }
            this.maxSourceOutage = outage;
            return this;
        }

        /** How far ahead of real time the run may send; at most 1 s by the relay's rules. */
        public Builder maxLead(Duration lead) {
            if (lead.isNegative() || lead.toMillis() > 1000) {
                throw new IllegalArgumentException("lead must be 0..1 s: " + lead);
            }
            this.maxLeadUs = lead.toNanos() / 1000;
            return this;
        }

        /**
         * How far behind real time a slow ingest may fall before the run drops video frames
         * (non-reference ones first, then everything up to the next key frame); default 2 s.
         */
        public Builder maxIngestLag(Duration lag) {
            if (lag.isNegative() || lag.isZero()) {
                throw new IllegalArgumentException("ingest lag must be > 0: " + lag);
            }
            this.maxIngestLagUs = lag.toNanos() / 1000;
            return this;
        }

        /**
         * Least wait between batches of paced packets (default 50 ms; capped at half the lead, so
         * packets still leave ahead of real time). Zero sends each packet at its own time.
         */
        public Builder pacingTick(Duration tick) {
            if (tick.isNegative() || tick.toMillis() > 1000) {
                throw new IllegalArgumentException("pacing tick must be 0..1 s: " + tick);
            }
            this.pacingTickUs = tick.toNanos() / 1000;
            return this;
        }

        public Builder packetsPerTurn(int n) {
            this.packetsPerTurn = n;
            return this;
        }

        public PipelineEngine build() {
            return new PipelineEngine(this);
        }
    }
}
