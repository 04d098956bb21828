package dev.liveloom.rtmp.handshake;

/** Which handshake a side offers or which one the two sides ended up with. */
public enum HandshakeMode {
    /**
     * The handshake of the RTMP 1.0 specification: C1/S1 carry a zero version and random bytes, C2/S2
     * echo them.
     */
    PLAIN,
    /**
     * The Flash-era handshake (used by ffmpeg, Flash Player, FMS): C1/S1 carry a nonzero version and
     * an HMAC-SHA256 digest at a position that depends on the bytes ("scheme 0" or "scheme 1"); S2
     * and C2 are signed with a key derived from the peer's digest.
     */
    DIGEST
}
