package dev.liveloom.core.relay;

/**
 * Runs the media of a relay task: sources, timestamp rebasing, pacing, the ingest. The service owns
 * the lifecycle and calls this; hosts and tests may supply their own.
 */
public interface RelayEngine {

    /**
     * Starts pushing. Must not block: the work runs on liveloom's event loops and pool.
     *
     * @param taskId the task
     * @param spec what to relay
     * @param listener where the run reports what happens
     */
    Run start(String taskId, RelayTaskSpec spec, RunListener listener);

    /** One run of a task. */
    interface Run {
        /** Stops the run and releases its connections; no listener calls after this returns. */
        void stop();

        RelayStats stats();
    }

    /** What a run reports. Calls may come from any liveloom thread. */
    interface RunListener {
        void itemStarted(int index, String url);

        void itemFinished(int index, String url);

        void itemSkipped(int index, String url, String reason);

        /** A source or the ingest dropped and is being reconnected (attempt counts from 1). */
        void reconnecting(boolean ingest, int attempt, String reason);

        /**
         * The ingest fell more than the configured lag behind real time and video frames are being
         * dropped ({@code lagging}), or it caught up again; {@code dropped} counts every frame the
         * run dropped for lag so far.
         */
        default void ingestLagging(boolean lagging, long lagMs, long dropped) {}

        /** The playlist played as many times as asked. */
        void finished();

        /** The run gave up: retries exhausted or nothing playable. */
        void failed(boolean ingest, String reason);
    }
}
