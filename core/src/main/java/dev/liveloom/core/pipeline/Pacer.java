package dev.liveloom.core.pipeline;

/**
 * Decides when each packet of a timeline may leave so that the output runs in real time: a packet
 * at decode time {@code dts} is due {@code dts - firstDts} after the first packet left, less a lead
 * of at most {@code maxLeadUs} (the start burst that fills a player's buffer, and the slack that
 * absorbs jitter). When a stalled input ({@link #inputStalled}) leaves the output more than {@code
 * maxLagUs} behind, the pacer forgives the stall (re-anchors) instead of bursting to catch up, so the
 * output never runs faster than real time plus the lead. Lateness that the caller does not report as
 * an input stall (a slow ingest) is kept: {@link #leadUs} shows it and the caller may drop frames to
 * catch up ({@link LagDropper}).
 *
 * <p>Pure: the caller passes its clock reading in microseconds (monotonic) and schedules the send
 * after the returned delay. Not thread-safe.
 */
public final class Pacer {
    /** The most a relay sends ahead of real time: the bound on the start burst. */
    public static final long DEFAULT_MAX_LEAD_US = 1_000_000;

    /** How late the input may fall before the timeline is re-anchored to now. */
    public static final long DEFAULT_MAX_LAG_US = 1_000_000;

    private final long maxLeadUs;
    private final long maxLagUs;
    private boolean started;
    private long anchorNowUs;
    private long anchorDtsUs;
    private long reanchors;

    public Pacer() {
        this(DEFAULT_MAX_LEAD_US, DEFAULT_MAX_LAG_US);
    }

    public Pacer(long maxLeadUs, long maxLagUs) {
        if (maxLeadUs < 0 || maxLagUs < 0) {
            throw new IllegalArgumentException("lead and lag must be >= 0: " + maxLeadUs + ", " + maxLagUs);
        }
        this.maxLeadUs = maxLeadUs;
        this.maxLagUs = maxLagUs;
    }

    /**
     * Microseconds to wait before sending a packet with decode time {@code dtsUs}, given the clock
     * reads {@code nowUs}; 0 means send now.
     */
    public long delayUs(long dtsUs, long nowUs) {
        if (!started) {
            started = true;
            anchorNowUs = nowUs;
            anchorDtsUs = dtsUs;
            return 0;
        }
        long dueUs = anchorNowUs + (dtsUs - anchorDtsUs) - maxLeadUs;
        return Math.max(0, dueUs - nowUs);
    }

    /**
     * The input kept the packet at {@code dtsUs} waiting for {@code stallUs} (a source that stalled,
     * reconnected or opened its next item; an ingest that reconnected). When that leaves the packet
     * more than {@code maxLagUs} behind real time, up to {@code stallUs} of its lateness is forgiven:
     * the timeline continues from here rather than flood the output.
     */
    public void inputStalled(long stallUs, long dtsUs, long nowUs) {
        if (!started || stallUs <= 0) {
            return;
        }
        long lateUs = -leadUs(dtsUs, nowUs);
        if (lateUs > maxLagUs) {
            anchorNowUs += Math.min(stallUs, lateUs);
            reanchors++;
        }
    }

    /** How many times a stalled input was forgiven. */
    public long reanchors() {
        return reanchors;
    }

    /** How far ahead of real time {@code dtsUs} is at {@code nowUs} (negative when behind). */
    public long leadUs(long dtsUs, long nowUs) {
        return started ? (dtsUs - anchorDtsUs) - (nowUs - anchorNowUs) : 0;
    }
}
