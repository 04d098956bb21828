package dev.liveloom.testkit.internal;

import dev.liveloom.testkit.GilbertElliott;
import dev.liveloom.testkit.Impairments;
import java.util.Random;

/**
 * The decisions of one direction of a proxy, free of sockets and clocks: given the time a packet
 * arrived and its size, says whether it is dropped and when its copies leave. Every random choice
 * comes from the one {@link Random}, drawn in the same order for every packet, so the same seed and
 * the same sequence of packets give the same decisions. Not thread-safe: one caller (an event loop).
 */
public final class ImpairmentModel {

    /** What happens to one packet. */
    public enum Fate {
        FORWARD,
        /** Lost on purpose (uniform or burst loss). */
        DROP,
        /** The bandwidth queue was full. */
        OVERFLOW
    }

    /**
     * One packet's fate.
     *
     * @param fate forwarded or why not
     * @param releaseNanos when it leaves the proxy (on the caller's nanosecond clock)
     * @param duplicate whether a second copy leaves at the same time
     * @param reordered whether it was held back so that later packets overtake it
     */
    public record Verdict(Fate fate, long releaseNanos, boolean duplicate, boolean reordered) {
        static final Verdict DROPPED = new Verdict(Fate.DROP, 0, false, false);
        static final Verdict OVERFLOWED = new Verdict(Fate.OVERFLOW, 0, false, false);
    }

    private final Impairments imp;
    private final Random random;
    private final boolean dropOnOverflow;
    private final long delayNanos;
    private final long jitterNanos;
    private final long reorderHoldNanos;
    private final long rate;

    private boolean bad;
    private long linkFreeNanos = Long.MIN_VALUE;
    private long fifoFloorNanos = Long.MIN_VALUE;

    /**
     * @param imp what to do
     * @param random the seeded source of every choice
     * @param dropOnOverflow true for datagrams (a full queue drops), false for a byte stream (the
     *     caller stops reading instead; {@link #backlogBytes} tells how full the link is)
     */
    public ImpairmentModel(Impairments imp, Random random, boolean dropOnOverflow) {
        this.imp = imp;
        this.random = random;
        this.dropOnOverflow = dropOnOverflow;
        this.delayNanos = imp.delay().toNanos();
        this.jitterNanos = imp.jitter().toNanos();
        this.reorderHoldNanos = imp.reorderHold().toNanos();
        this.rate = imp.bandwidthBytesPerSecond();
    }

    /** Decides the fate of a packet of {@code bytes} that arrived at {@code nowNanos}. */
    public Verdict decide(long nowNanos, int bytes) {
        GilbertElliott ge = imp.burstLoss();
        if (ge != null) {
            double move = random.nextDouble();
            bad = bad ? move >= ge.badToGood() : move < ge.goodToBad();
            double lossDraw = random.nextDouble();
            if (lossDraw < (bad ? ge.lossInBad() : ge.lossInGood())) {
                return Verdict.DROPPED;
            }
        }
        if (imp.dropProbability() > 0 && random.nextDouble() < imp.dropProbability()) {
            return Verdict.DROPPED;
        }
        long depart = nowNanos;
        if (rate > 0) {
            long start = Math.max(nowNanos, linkFreeNanos);
            if (dropOnOverflow && backlogBytes(nowNanos) + bytes > imp.queueLimitBytes()) {
                return Verdict.OVERFLOWED;
            }
            depart = start + bytes * 1_000_000_000L / rate;
            linkFreeNanos = depart;
        }
        long d = delayNanos;
        if (jitterNanos > 0) {
            d += (long) ((random.nextDouble() * 2 - 1) * jitterNanos);
        }
        long at = depart + Math.max(0, d);
        boolean reordered = imp.reorderProbability() > 0 && random.nextDouble() < imp.reorderProbability();
        if (reordered) {
            at = Math.max(at, fifoFloorNanos) + reorderHoldNanos;
        } else {
            at = Math.max(at, fifoFloorNanos);
            fifoFloorNanos = at;
        }
        boolean duplicate = imp.duplicateProbability() > 0 && random.nextDouble() < imp.duplicateProbability();
        return new Verdict(Fate.FORWARD, at, duplicate, reordered);
    }

    /** Bytes the bandwidth cap still has to send at {@code nowNanos} (0 without a cap). */
    public long backlogBytes(long nowNanos) {
        if (rate == 0 || linkFreeNanos <= nowNanos) {
            return 0;
        }
        return (linkFreeNanos - nowNanos) * rate / 1_000_000_000L;
    }

    /** Whether the burst-loss chain is in its BAD state now. */
    public boolean inBadState() {
        return bad;
    }
}
