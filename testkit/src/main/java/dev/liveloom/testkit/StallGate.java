package dev.liveloom.testkit;

import java.time.Duration;

/** Until when one direction is paused; shared by every lane of that direction. */
final class StallGate {
    private volatile long untilNanos = Long.MIN_VALUE;

    /** Pauses from now for {@code length}; an overlapping stall extends the pause. */
    synchronized void stall(long nowNanos, Duration length) {
        long until = nowNanos + length.toNanos();
        if (untilNanos == Long.MIN_VALUE || until - untilNanos > 0) {
            untilNanos = until;
        }
    }

    /** True when paused at {@code nowNanos}. */
    boolean stalled(long nowNanos) {
        long u = untilNanos;
        return u != Long.MIN_VALUE && nowNanos - u < 0;
    }

    long untilNanos() {
        return untilNanos;
    }
}
