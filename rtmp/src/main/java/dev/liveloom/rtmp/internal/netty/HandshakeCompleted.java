package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.rtmp.handshake.HandshakeMode;

/**
 * User event fired by {@link HandshakeHandler} when the handshake is over.
 *
 * @param peerMode how the peer took part: DIGEST if its digest verified, PLAIN otherwise
 * @param peerVerified whether the peer's second packet (S2 or C2) verified
 */
public record HandshakeCompleted(HandshakeMode peerMode, boolean peerVerified) {}
