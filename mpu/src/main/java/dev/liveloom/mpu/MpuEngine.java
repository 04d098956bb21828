package dev.liveloom.mpu;

/**
 * Runs the media of an MPU task: bypass forwarding or mixing. The service owns the lifecycle and
 * calls this.
 */
public interface MpuEngine {

    /**
     * Starts a task. Must not block.
     *
     * @throws MpuException when this engine cannot run such a task (mixing in a build without the
     *     mixing engine)
     */
    Run start(MpuTaskPlan plan, RunListener listener);

    /** One running task. */
    interface Run {
        /** Applies new parameters (outputs, subscribed user, SEI) without restarting the output. */
        void update(MpuTaskPlan plan);

        /** Stops and closes every output; no listener calls after it returns. */
        void stop();
    }

    /** What a running task reports; calls may come from any liveloom thread. */
    interface RunListener {
        void outputStarted();

        void userJoinedOutput(String userId);

        void userLeftOutput(String userId);

        /** The task cannot go on (every output failed past its retries). */
        void failed(String reason);
    }
}
