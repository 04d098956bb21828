package dev.liveloom.ts.pes;

/**
 * Turns 33-bit 90 kHz timestamps, which wrap every 26.5 hours, into one continuous timeline: each
 * value is placed at the extension nearest to the previous result, so a step across 2^33 in either
 * direction moves by the short distance. One unwrapper serves all streams of a program, so audio
 * and video stay on the same timeline.
 */
public final class TimestampUnwrapper {
    public static final long WRAP = 1L << 33;

    private boolean started;
    private long last;

    /** The continuous value for {@code raw} (0 to 2^33-1); the first value is kept as it is. */
    public long unwrap(long raw) {
        raw &= PesHeader.TIMESTAMP_MASK;
        if (!started) {
            started = true;
            last = raw;
            return raw;
        }
        long delta = (raw - last) & PesHeader.TIMESTAMP_MASK;
        if (delta >= WRAP / 2) {
            delta -= WRAP;
        }
        last += delta;
        return last;
    }

    /** 90 kHz ticks to microseconds, rounded down. */
    public static long ticksToUs(long ticks) {
        return Math.floorDiv(ticks * 100, 9);
    }

    /** Microseconds to 90 kHz ticks, rounded to nearest: exact inverse of {@link #ticksToUs}. */
    public static long usToTicks(long us) {
        return Math.floorDiv(us * 9 + 50, 100);
    }
}
