package dev.liveloom.srt.buffer;

/**
 * Timestamp-based packet delivery: a packet is released at the local time that corresponds to the
 * sender's timestamp, plus the negotiated latency. The base (local time of the peer's timestamp 0)
 * is set from the first data packet's arrival; the 32-bit microsecond timestamps, which wrap every
 * ~71.6 minutes, are unwrapped against the highest one seen. Clock drift between the peers is not
 * corrected. Pure: every time is passed in, in microseconds of the caller's monotonic clock.
 */
public final class Tsbpd {
    private static final long WRAP = 1L << 32;

    private final long latencyUs;
    private long baseUs;
    private boolean based;
    private long highest = -1;
    private long wrapOffset;

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
        if (!based) {
            baseUs = arrivalUs - ts;
            based = true;
        }
        return baseUs + ts + latencyUs;
    }
}
