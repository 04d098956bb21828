package dev.liveloom.testkit;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one direction; written on event loops, read from any thread. */
final class Counters {
    final AtomicLong received = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong bytesForwarded = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong overflowed = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();
    final AtomicLong queued = new AtomicLong();

    LaneStats snapshot() {
        return new LaneStats(
                received.get(),
                bytesReceived.get(),
                forwarded.get(),
                bytesForwarded.get(),
                dropped.get(),
                overflowed.get(),
                duplicated.get(),
                reordered.get(),
                queued.get());
    }
}
