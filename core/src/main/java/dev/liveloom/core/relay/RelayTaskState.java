package dev.liveloom.core.relay;

/**
 * The states of a relay task. See README's table for the transitions.
 *
 * <ul>
 *   <li>{@code NOT_STARTED}: created; waits for its start time.
 *   <li>{@code RUNNING}: pulling and pushing.
 *   <li>{@code STOPPED}: stopped by the user, by its end time, by the end of its playlist, or by
 *       an error ({@link RelayTask#stopReason()} says which); may be enabled again.
 * </ul>
 */
public enum RelayTaskState {
    NOT_STARTED("NotStarted"),
    RUNNING("Running"),
    STOPPED("Stopped");

    private final String label;

    RelayTaskState(String label) {
        this.label = label;
    }

    /** The name used in events and webhooks ("Running"). */
    public String label() {
        return label;
    }
}
