package dev.liveloom.rtmp;

/**
 * What an {@link RtmpServer} reports. Called on Netty event loops; must not block. {@code key} is
 * "app/stream" without the query.
 */
public interface RtmpServerListener {
    RtmpServerListener NONE = new RtmpServerListener() {};

    default void publishStarted(String key) {}

    default void publishStopped(String key) {}

    default void playStarted(String key) {}

    /** A player left or was disconnected ({@code reason} says why, e.g. too slow). */
    default void playStopped(String key, String reason) {}
}
