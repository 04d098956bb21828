package dev.liveloom.core.relay;

/** Why a relay task stopped. */
public enum StopReason {
    USER,
    END_TIME,
    PLAYLIST_FINISHED,
    ERROR,
    DELETED,
    /** Stopped because the service closed. */
    SHUTDOWN
}
