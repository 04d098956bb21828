package dev.liveloom.testkit;

import dev.liveloom.testkit.internal.ImpairmentModel;
import dev.liveloom.testkit.internal.ImpairmentModel.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * One direction of traffic on one event loop: asks the {@link ImpairmentModel} what to do with each
 * packet, keeps the forwarded ones in release order and hands them to the output when their time
 * comes and the direction is not stalled. Every method runs on {@link #loop}.
 */
final class Lane {

    /** Where released packets go. */
    interface Output {
        /** Sends (takes ownership of) {@code data}. */
        void write(ByteBuf data);

        void flush();

        /** Called once every packet was released after {@link #closeWhenDrained()}. */
        default void drained() {}
    }

    private record Pending(long atNanos, long seq, ByteBuf data) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(atNanos - o.atNanos, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final EventLoop loop;
    private final ImpairmentModel model;
    private final Counters counters;
    private final StallGate gate;
    private final Output output;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final Runnable onRelease;

    private long seq;
    private long queuedBytes;
    private ScheduledFuture<?> timer;
    private long timerAtNanos;
    private boolean closeWhenDrained;
    private boolean closed;

    /**
     * @param onRelease called after packets left (a TCP connection re-checks whether to read again)
     */
    Lane(EventLoop loop, ImpairmentModel model, Counters counters, StallGate gate, Output output, Runnable onRelease) {
        this.loop = loop;
        this.model = model;
        this.counters = counters;
        this.gate = gate;
        this.output = output;
        this.onRelease = onRelease;
    }

    static long now() {
        return System.nanoTime();
    }

    /** A packet arrived; the lane owns {@code data} from here. */
    void offer(ByteBuf data) {
        int size = data.readableBytes();
        counters.received.incrementAndGet();
        counters.bytesReceived.addAndGet(size);
        if (closed) {
            data.release();
            return;
        }
        long now = now();
        Verdict v = model.decide(now, size);
        switch (v.fate()) {
            case DROP -> {
                counters.dropped.incrementAndGet();
                data.release();
                return;
            }
            case OVERFLOW -> {
                counters.overflowed.incrementAndGet();
                data.release();
                return;
            }
            case FORWARD -> {}
        }
        if (v.reordered()) {
            counters.reordered.incrementAndGet();
        }
        if (v.duplicate()) {
            counters.duplicated.incrementAndGet();
            enqueue(v.releaseNanos(), data.retainedDuplicate());
        }
        enqueue(v.releaseNanos(), data);
        release();
    }

    private void enqueue(long at, ByteBuf data) {
        queue.add(new Pending(at, seq++, data));
        queuedBytes += data.readableBytes();
        counters.queued.incrementAndGet();
    }

    /** Bytes waiting in this lane (held by delay, bandwidth or a stall). */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Sends everything whose time has come, then waits for the next one. */
    void release() {
        if (closed) {
            return;
        }
        long now = now();
        if (gate.stalled(now)) {
            arm(gate.untilNanos());
            return;
        }
        boolean wrote = false;
        Pending p;
        while ((p = queue.peek()) != null && p.atNanos - now <= 0) {
            queue.poll();
            int size = p.data.readableBytes();
            queuedBytes -= size;
            counters.queued.decrementAndGet();
            counters.forwarded.incrementAndGet();
            counters.bytesForwarded.addAndGet(size);
            output.write(p.data);
            wrote = true;
        }
        if (wrote) {
            output.flush();
            onRelease.run();
        }
        if (p != null) {
            arm(p.atNanos);
        } else if (closeWhenDrained) {
            closed = true;
            output.drained();
        }
    }

    private void onTimer() {
        timer = null;
        release();
    }

    /** Re-checks after a stall started or ended elsewhere. */
    void wake() {
        release();
    }

    private void arm(long atNanos) {
        if (timer != null && timerAtNanos - atNanos <= 0) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAtNanos = atNanos;
        timer = loop.schedule(this::onTimer, Math.max(0, atNanos - now()), TimeUnit.NANOSECONDS);
    }

    /** The input ended: release what is queued, then tell the output ({@link Output#drained()}). */
    void closeWhenDrained() {
        closeWhenDrained = true;
        release();
    }

    /** Drops everything queued (the output is gone or the proxy closes). */
    void discard() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            counters.queued.decrementAndGet();
            p.data.release();
        }
        queuedBytes = 0;
    }

    EventLoop loop() {
        return loop;
    }
}
