package dev.liveloom.rtmp;

import java.net.SocketAddress;

/**
 * The host's decision on each publish and play: allow, or deny with a reason the peer receives in
 * its onStatus. Called on a Netty event loop: it must answer quickly and never block.
 */
public interface RtmpAuthorizer {
    RtmpAuthorizer ALLOW_ALL = new RtmpAuthorizer() {};

    /**
     * @param app the app of connect
     * @param stream the stream name without its query
     * @param query the query string of the stream name (may hold auth_key), or null
     * @return null to allow, else the reason for refusing
     */
    default String publish(String app, String stream, String query, SocketAddress remote) {
        return null;
    }

    /** Same for play. */
    default String play(String app, String stream, String query, SocketAddress remote) {
        return null;
    }
}
