package dev.liveloom.core.runtime;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on one Netty event executor and the system clock. */
public final class EventLoopScheduler implements Scheduler {
    private final EventExecutor executor;

    public EventLoopScheduler(EventExecutor executor) {
        this.executor = executor;
    }

    @Override
    public Clock clock() {
        return Clock.SYSTEM;
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay), unit);
        return () -> f.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }
}
