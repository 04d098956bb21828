package dev.liveloom.core.relay.internal;

/** Frames and bytes per second over the last few whole seconds, from an injected clock. */
final class RateMeter {
    /** Seconds averaged over. */
    private static final int WINDOW = 5;

    private final long[] frames = new long[WINDOW];
    private final long[] bytes = new long[WINDOW];
    private long currentSecond = Long.MIN_VALUE;
    private long firstSecond = Long.MIN_VALUE;

    void add(long nowNanos, int size) {
        roll(nowNanos);
        int i = (int) Math.floorMod(currentSecond, (long) WINDOW);
        frames[i]++;
        bytes[i] += size;
    }

    /** Frames per second over the window's completed seconds. */
    double fps(long nowNanos) {
        roll(nowNanos);
        return sum(frames) / seconds();
    }

    double kbps(long nowNanos) {
        roll(nowNanos);
        return sum(bytes) * 8 / 1000.0 / seconds();
    }

    private double seconds() {
        if (firstSecond == Long.MIN_VALUE) {
            return 1;
        }
        return Math.max(1, Math.min(WINDOW - 1, currentSecond - firstSecond));
    }

    private long sum(long[] a) {
        long s = 0;
        for (int k = 1; k < WINDOW; k++) {
            s += a[(int) Math.floorMod(currentSecond - k, (long) WINDOW)];
        }
        return s;
    }

    private void roll(long nowNanos) {
        long sec = Math.floorDiv(nowNanos, 1_000_000_000L);
        if (currentSecond == Long.MIN_VALUE) {
            currentSecond = sec;
            firstSecond = sec;
            return;
        }
        while (currentSecond < sec) {
            currentSecond++;
            int i = (int) Math.floorMod(currentSecond, (long) WINDOW);
            frames[i] = 0;
            bytes[i] = 0;
            if (sec - currentSecond > WINDOW) {
                currentSecond = sec - WINDOW;
            }
        }
    }
}
