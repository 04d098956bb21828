package dev.liveloom.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A scheduled pause in forwarding: from {@code at} after the proxy started, for {@code length},
 * nothing leaves the proxy in that direction; what arrives is held and released when the stall
 * ends.
 */
public record Stall(Duration at, Duration length) {
    public Stall {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(length, "length");
        if (at.isNegative() || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("stall needs at >= 0 and length > 0: at " + at + ", length " + length);
        }
    }
}
