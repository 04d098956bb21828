package dev.liveloom.core.relay;

/**
 * One thing that happened to a relay task. The same record feeds {@link RelayListener}s and webhook
 * deliveries. URLs in it are redacted.
 *
 * @param type what happened
 * @param taskId the task
 * @param state the task's state after the event
 * @param stopReason why it stopped ({@link Type#TASK_STOPPED} only), else null
 * @param itemIndex the playlist item (0-based) for item and source events, else -1
 * @param itemUrl that item's redacted URL or asset ID, else null
 * @param detail a human-readable reason (errors, skips, reconnects), else null
 * @param eventTimeMillis when it happened, from the service's clock
 */
public record RelayEvent(
        Type type,
        String taskId,
        RelayTaskState state,
        StopReason stopReason,
        int itemIndex,
        String itemUrl,
        String detail,
        long eventTimeMillis) {

    /** Event kinds. */
    public enum Type {
        TASK_STARTED,
        TASK_STOPPED,
        TASK_RESTARTED,
        TASK_DELETED,
        ITEM_STARTED,
        ITEM_FINISHED,
        ITEM_SKIPPED,
        SOURCE_RECONNECTING,
        SOURCE_FAILED,
        INGEST_RECONNECTING,
        INGEST_FAILED,
        /** The ingest fell behind real time past the configured lag: video frames are dropped. */
        INGEST_LAGGING,
        /** The ingest is back within half the configured lag. */
        INGEST_CAUGHT_UP
    }
}
