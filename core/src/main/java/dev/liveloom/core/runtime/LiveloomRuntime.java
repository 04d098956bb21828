package dev.liveloom.core.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads and the clock shared by everything liveloom runs: one Netty event-loop group for
 * every socket and timer (a relay is a chain of callbacks on one event loop, not a thread), a
 * bounded worker pool for CPU work (decode, compose, encode), and the injected {@link Clock}.
 *
 * <p>A host creates one with {@link #builder()} and closes it when done, or uses the lazily created
 * process-wide {@link #shared()} instance (daemon threads; closing it is a no-op).
 */
public final class LiveloomRuntime implements AutoCloseable {
    /** Tasks waiting for a worker beyond which {@link #workers()} rejects new work. */
    public static final int DEFAULT_WORKER_QUEUE = 1024;

    private static final Object SHARED_LOCK = new Object();
    private static LiveloomRuntime shared;

    private final EventLoopGroup eventLoops;
    private final ThreadPoolExecutor workers;
    private final Clock clock;
    private final boolean closeable;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LiveloomRuntime(Builder b, boolean closeable) {
        int cores = Runtime.getRuntime().availableProcessors();
        int loops = b.eventLoopThreads > 0 ? b.eventLoopThreads : cores;
        int workerThreads = b.workerThreads > 0 ? b.workerThreads : cores;
        this.eventLoops = new NioEventLoopGroup(loops, new DefaultThreadFactory("liveloom-io", b.daemon));
        ThreadFactory wf = new DefaultThreadFactory("liveloom-worker", b.daemon);
        this.workers = new ThreadPoolExecutor(
                workerThreads,
                workerThreads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(b.workerQueue),
                wf,
                new ThreadPoolExecutor.AbortPolicy());
        this.workers.allowCoreThreadTimeOut(true);
        this.clock = b.clock;
        this.closeable = closeable;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The process-wide default runtime, created on first use with daemon threads sized to the cores.
     * Its {@link #close()} does nothing, since other users may share it.
     */
    public static LiveloomRuntime shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = new LiveloomRuntime(new Builder().daemon(true), false);
            }
            return shared;
        }
    }

    /** The event loops owning every socket and timer. */
    public EventLoopGroup eventLoopGroup() {
        return eventLoops;
    }

    /**
     * The bounded pool for CPU work. Submitting while all threads are busy and the queue is full
     * throws {@link java.util.concurrent.RejectedExecutionException}: the caller sheds load.
     */
    public ExecutorService workers() {
        return workers;
    }

    public Clock clock() {
        return clock;
    }

    /** Number of threads in the event-loop group. */
    public int eventLoopThreads() {
        return ((NioEventLoopGroup) eventLoops).executorCount();
    }

    public int workerThreads() {
        return workers.getMaximumPoolSize();
    }

    /** Stops the event loops (closing their channels) and the workers. Safe to call twice. */
    @Override
    public void close() {
        if (!closeable || !closed.compareAndSet(false, true)) {
            return;
        }
        workers.shutdownNow();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Thread counts (0 = one per available processor), queue bound, clock and thread kind. */
    public static final class Builder {
        private int eventLoopThreads;
        private int workerThreads;
        private int workerQueue = DEFAULT_WORKER_QUEUE;
        private Clock clock = Clock.SYSTEM;
        private boolean daemon;

        private Builder() {}

        public Builder eventLoopThreads(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("eventLoopThreads " + n + ", allowed >= 0 (0 = cores)");
            }
            this.eventLoopThreads = n;
            return this;
        }

        public Builder workerThreads(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("workerThreads " + n + ", allowed >= 0 (0 = cores)");
            }
            this.workerThreads = n;
            return this;
        }

        public Builder workerQueue(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workerQueue " + n + ", allowed >= 1");
            }
            this.workerQueue = n;
            return this;
        }

        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock is null");
            }
            this.clock = clock;
            return this;
        }

        /** Daemon threads do not keep the JVM alive; default false. */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        public LiveloomRuntime build() {
            return new LiveloomRuntime(this, true);
        }
    }
}
