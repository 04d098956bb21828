package dev.liveloom.core.testing;

import dev.liveloom.core.runtime.Clock;
import dev.liveloom.core.runtime.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler in virtual time: nothing runs until the test calls {@link #advance} or
 * {@link #runPending}; tasks then run in due order on the calling thread, and the clock jumps to
 * each task's due time. Schedules, timeouts and back-offs are tested without sleeping.
 */
public final class VirtualScheduler implements Scheduler, Clock {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long nowNanos;
    private final long epochMillisAtZero;
    private long seq;

    public VirtualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public VirtualScheduler(Instant start) {
        this.epochMillisAtZero = start.toEpochMilli();
    }

    @Override
    public Clock clock() {
        return this;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public long currentTimeMillis() {
        return epochMillisAtZero + nowNanos / 1_000_000;
    }

    public Instant now() {
        return Instant.ofEpochMilli(currentTimeMillis());
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Entry e = new Entry(nowNanos + Math.max(0, unit.toNanos(delay)), seq++, task);
        queue.add(e);
        return () -> {
            synchronized (VirtualScheduler.this) {
                return queue.remove(e);
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    /** Runs every task due now, including tasks they submit for now. */
    public void runPending() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code d}, running each task when its due time is reached. */
    public void advance(Duration d) {
        long target = nowNanos + d.toNanos();
        while (true) {
            Entry e;
            synchronized (this) {
                e = queue.peek();
                if (e == null || e.due > target) {
                    nowNanos = target;
                    return;
                }
                queue.poll();
                nowNanos = Math.max(nowNanos, e.due);
            }
            e.task.run();
        }
    }

    /** Tasks waiting to run. */
    public synchronized int pending() {
        return queue.size();
    }

    private record Entry(long due, long seq, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
