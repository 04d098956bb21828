package dev.liveloom.mp4.internal;

import java.math.BigInteger;
import java.math.RoundingMode;

/** {@code a * b / c} rounded to nearest, halves away from zero (ffmpeg's av_rescale). */
public final class Rescale {
    private Rescale() {}

    public static long rescale(long a, long b, long c) {
        if (c <= 0) {
            throw new IllegalArgumentException("divisor " + c);
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            long r = c / 2;
            return lo >= 0 ? (lo + r) / c : -((-lo + r) / c);
        }
        return new java.math.BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
                .divide(new java.math.BigDecimal(c), 0, RoundingMode.HALF_UP)
                .longValue();
    }

    /** Media time in {@code timescale} units to microseconds. */
    public static long toUs(long t, long timescale) {
        return rescale(t, 1_000_000L, timescale);
    }
}
