package dev.liveloom.core.relay;

/**
 * Receives relay task events. Called on a liveloom scheduler thread, one event at a time, in order;
 * it must not block (hand slow work to your own executor).
 */
public interface RelayListener {
    /** A listener that ignores everything. */
    RelayListener NONE = new RelayListener() {};

    default void onEvent(RelayEvent event) {}
}
