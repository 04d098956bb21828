package dev.liveloom.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the proxy does to one direction of traffic; immutable, built with {@link #builder()}.
 *
 * <p>Per packet (UDP datagram, or TCP chunk as read from the socket) the proxy, in this order:
 *
 * <ol>
 *   <li>drops it with the {@link GilbertElliott burst-loss} chain, then with the uniform {@link
 *       #dropProbability()} (UDP only);
 *   <li>queues it behind a link of {@link #bandwidthBytesPerSecond()}: it leaves when the link has
 *       sent everything before it and itself; a UDP packet that would find more than {@link
 *       #queueLimitBytes()} ahead of it is dropped (counted as overflowed), a TCP connection stops
 *       reading instead;
 *   <li>delays it by {@link #delay()} plus a uniform jitter in {@code [-jitter, +jitter]} (never
 *       below zero); jitter alone never reorders: a packet never leaves before the one ahead of it;
 *   <li>with {@link #reorderProbability()} holds it back a further {@link #reorderHold()} so the
 *       packets behind it overtake it (UDP only);
 *   <li>with {@link #duplicateProbability()} sends it twice (UDP only).
 * </ol>
 *
 * <p>{@link #stalls()} pause the direction at fixed times after the proxy started; the proxy's
 * {@code stall} method does the same on demand. A stall holds everything and releases it, in order,
 * when it ends.
 */
public final class Impairments {
    /** Forwards everything at once. */
    public static final Impairments NONE = builder().build();

    /** Default queue of the bandwidth cap: 1 MiB, about 700 full-size datagrams. */
    public static final long DEFAULT_QUEUE_LIMIT_BYTES = 1 << 20;

    private final double dropProbability;
    private final GilbertElliott burstLoss;
    private final Duration delay;
    private final Duration jitter;
    private final double reorderProbability;
    private final Duration reorderHold;
    private final double duplicateProbability;
    private final long bandwidthBytesPerSecond;
    private final long queueLimitBytes;
    private final List<Stall> stalls;

    private Impairments(Builder b) {
        this.dropProbability = b.dropProbability;
        this.burstLoss = b.burstLoss;
        this.delay = b.delay;
        this.jitter = b.jitter;
        this.reorderProbability = b.reorderProbability;
        this.reorderHold = b.reorderHold;
        this.duplicateProbability = b.duplicateProbability;
        this.bandwidthBytesPerSecond = b.bandwidthBytesPerSecond;
        this.queueLimitBytes = b.queueLimitBytes;
        this.stalls = List.copyOf(b.stalls);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.dropProbability = dropProbability;
        b.burstLoss = burstLoss;
        b.delay = delay;
        b.jitter = jitter;
        b.reorderProbability = reorderProbability;
        b.reorderHold = reorderHold;
        b.duplicateProbability = duplicateProbability;
        b.bandwidthBytesPerSecond = bandwidthBytesPerSecond;
        b.queueLimitBytes = queueLimitBytes;
        b.stalls.addAll(stalls);
        return b;
    }

    public double dropProbability() {
        return dropProbability;
    }

    /** The burst-loss chain, or null for none. */
    public GilbertElliott burstLoss() {
        return burstLoss;
    }

    public Duration delay() {
        return delay;
    }

    public Duration jitter() {
        return jitter;
    }

    public double reorderProbability() {
        return reorderProbability;
    }

    public Duration reorderHold() {
        return reorderHold;
    }

    public double duplicateProbability() {
        return duplicateProbability;
    }

    /** 0 for no cap. */
    public long bandwidthBytesPerSecond() {
        return bandwidthBytesPerSecond;
    }

    public long queueLimitBytes() {
        return queueLimitBytes;
    }

    public List<Stall> stalls() {
        return stalls;
    }

    /** True when something would drop, duplicate or reorder: impossible on a TCP byte stream. */
    public boolean changesPacketSet() {
        return dropProbability > 0 || burstLoss != null || reorderProbability > 0 || duplicateProbability > 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Impairments[");
        if (dropProbability > 0) {
            s.append("drop=").append(dropProbability).append(' ');
        }
        if (burstLoss != null) {
            s.append(burstLoss).append(' ');
        }
        if (!delay.isZero() || !jitter.isZero()) {
            s.append("delay=")
                    .append(delay.toMillis())
                    .append("ms±")
                    .append(jitter.toMillis())
                    .append("ms ");
        }
        if (reorderProbability > 0) {
            s.append("reorder=")
                    .append(reorderProbability)
                    .append(" hold=")
                    .append(reorderHold.toMillis())
                    .append("ms ");
        }
        if (duplicateProbability > 0) {
            s.append("duplicate=").append(duplicateProbability).append(' ');
        }
        if (bandwidthBytesPerSecond > 0) {
            s.append("rate=")
                    .append(bandwidthBytesPerSecond)
                    .append("B/s queue=")
                    .append(queueLimitBytes)
                    .append("B ");
        }
        if (!stalls.isEmpty()) {
            s.append("stalls=").append(stalls).append(' ');
        }
        return s.toString().trim() + "]";
    }

    static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
        }
    }

    private static void checkNonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    /** Builds {@link Impairments}; every setting starts as "none". */
    public static final class Builder {
        private double dropProbability;
        private GilbertElliott burstLoss;
        private Duration delay = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double reorderProbability;
        private Duration reorderHold = Duration.ofMillis(10);
        private double duplicateProbability;
        private long bandwidthBytesPerSecond;
        private long queueLimitBytes = DEFAULT_QUEUE_LIMIT_BYTES;
        private final List<Stall> stalls = new ArrayList<>();

        private Builder() {}

        /** Uniform loss: each packet is dropped with probability {@code p}. */
        public Builder drop(double p) {
            checkProbability("drop", p);
            this.dropProbability = p;
            return this;
        }

        /** Burst loss with a Gilbert–Elliott chain (null for none). */
        public Builder burstLoss(GilbertElliott chain) {
            this.burstLoss = chain;
            return this;
        }

        public Builder delay(Duration delay) {
            return delay(delay, Duration.ZERO);
        }

        /** A fixed delay plus a uniform jitter in {@code [-jitter, +jitter]}. */
        public Builder delay(Duration delay, Duration jitter) {
            checkNonNegative("delay", delay);
            checkNonNegative("jitter", jitter);
            this.delay = delay;
            this.jitter = jitter;
            return this;
        }

        /** With probability {@code p} a packet is held {@code hold} longer so later ones overtake it. */
        public Builder reorder(double p, Duration hold) {
            checkProbability("reorder", p);
            checkNonNegative("reorder hold", hold);
            if (p > 0 && hold.isZero()) {
                throw new IllegalArgumentException("reorder hold must be > 0 when reordering");
            }
            this.reorderProbability = p;
            this.reorderHold = hold;
            return this;
        }

        public Builder duplicate(double p) {
            checkProbability("duplicate", p);
            this.duplicateProbability = p;
            return this;
        }

        /** Caps the rate at {@code bytesPerSecond} (0 for no cap), queueing what exceeds it. */
        public Builder bandwidth(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("bandwidth must be >= 0: " + bytesPerSecond);
            }
            this.bandwidthBytesPerSecond = bytesPerSecond;
            return this;
        }

        /** How many bytes may wait for the bandwidth cap (UDP drops beyond it, TCP stops reading). */
        public Builder queueLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("queue limit must be > 0: " + bytes);
            }
            this.queueLimitBytes = bytes;
            return this;
        }

        /** Adds a pause of {@code length} starting {@code at} after the proxy started. */
        public Builder stall(Duration at, Duration length) {
            stalls.add(new Stall(at, length));
            return this;
        }

        public Impairments build() {
            return new Impairments(this);
        }
    }
}
