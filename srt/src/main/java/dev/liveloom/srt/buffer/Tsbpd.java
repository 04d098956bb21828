package dev.liveloom.srt.buffer;

/**
 * Timestamp-based packet delivery: a packet is released at the local time that corresponds to the
 * sender's timestamp, plus the negotiated latency. The base (local time of the peer's timestamp 0)
 * is set from the first data packet's arrival; the 32-bit microsecond timestamps, which wrap every
 * ~71.6 minutes, are unwrapped against the highest one seen.
 *
 * <p>Clock drift: the peers' clocks run at slightly different rates (tens of ppm), which over hours
 * would eat the latency or grow the buffer. Every {@value #DRIFT_WINDOW} packets the smallest
 * transit offset seen (arrival minus timestamp; the smallest, so retransmissions and jitter do not
 * count) is compared with the base, and a difference beyond {@value #DRIFT_TOLERANCE_US} µs moves
 * the base to it, as libsrt's drift tracer does from its own samples. Pure: every time is passed
 * in, in microseconds of the caller's monotonic clock.
 */
public final class Tsbpd {
    private static final long WRAP = 1L << 32;
    /** Packets per drift measurement. */
    static final int DRIFT_WINDOW = 1000;
    /** Drift below which the base stays. */
    static final long DRIFT_TOLERANCE_US = 5000;

    private final long latencyUs;
    private long baseUs;
    private boolean based;
    private long highest = -1;
    private long wrapOffset;
    private long windowMin = Long.MAX_VALUE;
    private int windowCount;
    private long driftCorrections;

    public Tsbpd(long latencyUs) {
        if (latencyUs < 0) {
            throw new IllegalArgumentException("latency " + latencyUs + " us is negative");
        }
        this.latencyUs = latencyUs;
    }

    public long latencyUs() {
        return latencyUs;
    }

    /** The timestamp extended to 64 bits. */
    public long unwrap(int timestamp) {
        long u = timestamp & 0xFFFF_FFFFL;
        if (highest < 0) {
            highest = u;
            return u;
        }
        long current = highest;
        if (u < current && current - u > WRAP / 2) {
            // wrapped forward
            wrapOffset += WRAP;
            highest = u;
            return u + wrapOffset;
        }
        if (u > current && u - current > WRAP / 2) {
            // a late packet from before the last wrap
            return u + wrapOffset - WRAP;
        }
        if (u > current) {
            highest = u;
        }
        return u + wrapOffset;
    }

    /** The local time at which the packet with {@code timestamp}, arriving at {@code arrivalUs}, is due. */
    public long deliveryTime(int timestamp, long arrivalUs) {
        long ts = unwrap(timestamp);
        long offset = arrivalUs - ts;
        if (!based) {
            baseUs = offset;
            based = true;
        }
        windowMin = Math.min(windowMin, offset);
        if (++windowCount == DRIFT_WINDOW) {
            long drift = windowMin - baseUs;
            if (Math.abs(drift) > DRIFT_TOLERANCE_US) {
                baseUs = windowMin;
                driftCorrections++;
            }
            windowMin = Long.MAX_VALUE;
            windowCount = 0;
        }
        return baseUs + ts + latencyUs;
    }

    /** Times the base moved to follow the peer's clock. */
    public long driftCorrections() {
        return driftCorrections;
    }
}
