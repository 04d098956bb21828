package dev.liveloom.rtmp.handshake;

import static dev.liveloom.rtmp.handshake.HandshakeDigest.DIGEST_LENGTH;
import static dev.liveloom.rtmp.handshake.HandshakeDigest.PACKET_LENGTH;
import static dev.liveloom.rtmp.handshake.HandshakePackets.LAYER;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The server side of the RTMP handshake as a pure state machine: {@link #receive} takes client bytes
 * (only those that belong to the handshake) and returns S0+S1+S2 once C1 is complete; it is done
 * once C2 has arrived.
 *
 * <p>A C1 with a zero version gets the plain answer (S2 echoes C1). A C1 with a nonzero version is
 * checked for a client digest at both scheme offsets; if one verifies, S1 carries a server digest
 * at the same scheme and S2 the signature derived from the client digest, which is what ffmpeg and
 * Flash-era clients check. A nonzero version without a valid digest falls back to the plain answer.
 * C2 is not required to verify (clients differ); {@link #c2Verified()} tells whether it did.
 */
public final class ServerHandshake {
    /** The version FMS 4.5 announces; clients only check that it is nonzero (ffmpeg: >= 3). */
    static final int DIGEST_SERVER_VERSION = 0x04050001;

    private enum State {
        C0,
        C1,
        C2,
        DONE,
        FAILED
    }

    private final RandomGenerator random;
    private State state = State.C0;
    private final byte[] c1 = new byte[PACKET_LENGTH];
    private final byte[] c2 = new byte[PACKET_LENGTH];
    private byte[] s1;
    private byte[] s1Digest;
    private int have;
    private long offset;
    private HandshakeMode clientMode;
    private int clientScheme = -1;
    private boolean c2Verified;

    public ServerHandshake(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Takes handshake bytes from {@code in} (no more than the handshake needs) and returns the bytes
     * to send now, possibly none.
     *
     * @throws MediaParseException if the client's bytes are unusable; the handshake is then failed
     */
    public byte[] receive(ByteBuffer in) throws MediaParseException {
        byte[] send = new byte[0];
        try {
            while (in.hasRemaining() && state != State.DONE) {
                switch (state) {
                    case C0 -> handleC0(in);
                    case C1 -> send = handleC1(in);
                    case C2 -> handleC2(in);
                    case FAILED -> {
                        in.position(in.limit());
                        throw MediaParseException.malformed(LAYER, offset, "handshake failed earlier");
                    }
                    default -> throw new IllegalStateException("state " + state);
                }
            }
        } catch (MediaParseException e) {
            state = State.FAILED;
            throw e;
        }
        return send;
    }

    private void handleC0(ByteBuffer in) throws MediaParseException {
        int version = in.get() & 0xFF;
        offset++;
        HandshakePackets.checkVersion(version, "C0");
        state = State.C1;
    }

    private byte[] handleC1(ByteBuffer in) {
        int before = have;
        have = HandshakePackets.fill(in, c1, have);
        offset += have - before;
        if (have < PACKET_LENGTH) {
            return new byte[0];
        }
        have = 0;
        state = State.C2;
        byte[] s2;
        if (HandshakePackets.version(c1) != 0) {
            clientScheme = HandshakeDigest.findScheme(c1, HandshakeDigest.CLIENT_KEY);
        }
        if (clientScheme >= 0) {
            clientMode = HandshakeMode.DIGEST;
            int at = HandshakeDigest.digestOffset(c1, clientScheme);
            byte[] c1Digest = Arrays.copyOfRange(c1, at, at + DIGEST_LENGTH);
            s1 = HandshakePackets.randomPacket(random, DIGEST_SERVER_VERSION);
            int s1At = HandshakeDigest.imprint(s1, clientScheme, HandshakeDigest.SERVER_KEY);
            s1Digest = Arrays.copyOfRange(s1, s1At, s1At + DIGEST_LENGTH);
            s2 = new byte[PACKET_LENGTH];
            random.nextBytes(s2);
            HandshakeDigest.sign(s2, c1Digest, HandshakeDigest.SERVER_FULL_KEY);
        } else {
            clientMode = HandshakeMode.PLAIN;
            s1 = HandshakePackets.randomPacket(random, 0);
            s2 = c1.clone();
        }
        byte[] out = new byte[1 + 2 * PACKET_LENGTH];
        out[0] = HandshakePackets.RTMP_VERSION;
        System.arraycopy(s1, 0, out, 1, PACKET_LENGTH);
        System.arraycopy(s2, 0, out, 1 + PACKET_LENGTH, PACKET_LENGTH);
        return out;
    }

    private void handleC2(ByteBuffer in) {
        int before = have;
        have = HandshakePackets.fill(in, c2, have);
        offset += have - before;
        if (have < PACKET_LENGTH) {
            return;
        }
        c2Verified = clientMode == HandshakeMode.DIGEST
                ? HandshakeDigest.verifySignature(c2, s1Digest, HandshakeDigest.CLIENT_FULL_KEY)
                        || Arrays.equals(c2, s1)
                : Arrays.equals(c2, s1);
        state = State.DONE;
    }

    public boolean done() {
        return state == State.DONE;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    /** DIGEST if C1 carried a valid client digest, PLAIN otherwise; null before C1 is complete. */
    public HandshakeMode clientMode() {
        return clientMode;
    }

    /** The scheme (0 or 1) of the client's digest, or -1. */
    public int clientScheme() {
        return clientScheme;
    }

    /** Whether C2 was signed with our S1 digest or echoed S1. */
    public boolean c2Verified() {
        return c2Verified;
    }
}
