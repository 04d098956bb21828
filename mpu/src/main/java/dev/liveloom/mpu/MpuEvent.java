package dev.liveloom.mpu;

/**
 * Something that happened to an MPU task.
 *
 * @param type what happened
 * @param appId the application
 * @param taskId the task
 * @param userId the user for USER_JOINED/USER_LEFT, else null
 * @param reason why it stopped (TASK_STOPPED), else null
 * @param timeMillis when, from the service's clock
 */
public record MpuEvent(Type type, String appId, String taskId, String userId, StopReason reason, long timeMillis) {

    public enum Type {
        TASK_STARTED,
        OUTPUT_STARTED,
        USER_JOINED,
        USER_LEFT,
        TASK_STOPPED
    }

    public enum StopReason {
        /** StopLiveMPUTask. */
        USER,
        /** Idle for MaxIdleTime. */
        IDLE,
        /** The channel closed and MaxIdleTime was not set. */
        CHANNEL_CLOSED,
        /** Every user of the task left and nobody called StopLiveMPUTask for 2 minutes. */
        USERS_LEFT,
        /** The engine failed. */
        ERROR,
        SHUTDOWN
    }

    /** Receives MPU events; called on the service's scheduler thread; must not block. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void onEvent(MpuEvent event) {}
    }
}
