package dev.liveloom.rtmp.handshake;

import static dev.liveloom.rtmp.handshake.HandshakeDigest.PACKET_LENGTH;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/** Helpers shared by both sides: the version byte and collecting fixed-size packets. */
final class HandshakePackets {
    private HandshakePackets() {}

    static final String LAYER = "rtmp handshake";

    /** The only plain RTMP version. 6 would ask for the encrypted RTMPE handshake. */
    static final int RTMP_VERSION = 3;

    private static final int RTMPE_VERSION = 6;

    static void checkVersion(int version, String packet) throws MediaParseException {
        if (version == RTMPE_VERSION) {
            throw MediaParseException.unsupported(
                    LAYER, 0, packet + " asks for the encrypted RTMPE handshake (version 6), which is not supported");
        }
        if (version != RTMP_VERSION) {
            throw MediaParseException.malformed(LAYER, 0, packet + " has version " + version + ", expected 3");
        }
    }

    /** A C1/S1 with time 0, the given 4-byte version and random bytes. */
    static byte[] randomPacket(RandomGenerator random, int version) {
        byte[] p = new byte[PACKET_LENGTH];
        random.nextBytes(p);
        ByteBuffer.wrap(p).putInt(0, 0).putInt(4, version);
        return p;
    }

    static int version(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(4);
    }

    /** Fills {@code packet} from {@code in}; returns the new fill level. */
    static int fill(ByteBuffer in, byte[] packet, int have) {
        int n = Math.min(in.remaining(), packet.length - have);
        in.get(packet, have, n);
        return have + n;
    }
}
