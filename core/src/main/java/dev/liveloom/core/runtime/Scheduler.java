package dev.liveloom.core.runtime;

import java.util.concurrent.TimeUnit;

/**
 * Timers and a serial executor with an injected notion of time: production code runs on a Netty
 * event loop ({@link EventLoopScheduler}); tests use a virtual scheduler they advance by hand, so
 * schedules, timeouts and retry back-offs are tested without sleeping.
 */
public interface Scheduler {

    /** The clock this scheduler's delays are measured against. */
    Clock clock();

    /** Runs {@code task} after {@code delay}; the handle cancels it if it has not run. */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** Runs {@code task} soon, on the scheduler's thread, after tasks already submitted. */
    void execute(Runnable task);

    /** A scheduled task that may be cancelled. */
    interface Cancellable {
        /** Cancels the task; false if it already ran or was cancelled. */
        boolean cancel();
    }
}
