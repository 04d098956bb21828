package dev.liveloom.core.relay;

/**
 * A snapshot of one relay task.
 *
 * @param id the task ID
 * @param spec its current parameters
 * @param state its state
 * @param stopReason why it last stopped, or null
 * @param invalidReason the error that stopped it or kept it from starting, or null
 * @param stats media counters (of the current or last run)
 */
public record RelayTask(
        String id,
        RelayTaskSpec spec,
        RelayTaskState state,
        StopReason stopReason,
        String invalidReason,
        RelayStats stats) {}
