package dev.liveloom.sei;

/**
 * When a channel's SEI goes out: every {@link #intervalMs()} of presentation time, on every key frame
 * ({@link #followIdr()}), both, or, with neither, once on the next access unit. Immutable.
 */
public record SeiSchedule(int intervalMs, boolean followIdr) {
    /** The seed's range for Interval, in milliseconds. */
    public static final int MIN_INTERVAL_MS = 1000;

    public static final int MAX_INTERVAL_MS = 5000;

    /** Sent once, on the next access unit after the settings are applied. */
    public static final SeiSchedule ONCE = new SeiSchedule(0, false);

    /**
     * @param intervalMs 0 for no interval, else {@value #MIN_INTERVAL_MS} to {@value #MAX_INTERVAL_MS}
     * @param followIdr also send on every key frame (H.264 IDR, H.265 IRAP)
     */
    public SeiSchedule {
        if (intervalMs != 0 && (intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS)) {
            throw new IllegalArgumentException("SEI interval " + intervalMs + " ms (allowed 0 for none, or "
                    + MIN_INTERVAL_MS + " to " + MAX_INTERVAL_MS + ")");
        }
    }

    public static SeiSchedule every(int intervalMs) {
        return new SeiSchedule(intervalMs, false);
    }

    public static SeiSchedule onKeyFrames() {
        return new SeiSchedule(0, true);
    }

    /** True for the send-once schedule (no interval, no key frames). */
    public boolean once() {
        return intervalMs == 0 && !followIdr;
    }
}
