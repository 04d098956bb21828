package dev.liveloom.core.runtime;

/**
 * The time source every liveloom component reads instead of {@link System}: production code uses
 * {@link #SYSTEM}, tests inject a clock they advance themselves.
 */
public interface Clock {
    /** The JVM's clocks. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return "Clock.SYSTEM";
        }
    };

    /** Monotonic nanoseconds for measuring intervals, like {@link System#nanoTime()}. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch, like {@link System#currentTimeMillis()}. */
    long currentTimeMillis();
}
