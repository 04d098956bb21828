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
 * The client side of the RTMP handshake as a pure state machine: {@link #start()} gives C0+C1; each
 * call of {@link #receive} takes server bytes (only those that belong to the handshake) and returns
 * the bytes to send now. It is done once S2 has arrived; any bytes after S2 stay in the buffer for the
 * chunk layer.
 *
 * <p>In {@link HandshakeMode#DIGEST} mode C1 carries a scheme-0 digest. S1 is validated when the
 * server answers with a digest (either scheme): then S2 must carry the signature derived from our
 * digest (or echo C1) and C2 is signed. Servers that answer plainly (version 0 or no valid digest)
 * are accepted with an echo C2, as nginx-rtmp and SRS do in some modes.
 */
public final class ClientHandshake {
    /** The version Flash Player 9.0.124.2 sends; servers only check that it is nonzero. */
    static final int DIGEST_CLIENT_VERSION = 0x09007C02;

    private enum State {
        NEW,
        S0,
        S1,
        S2,
        DONE,
        FAILED
    }

    private final HandshakeMode mode;
    private final RandomGenerator random;
    private final int scheme;
    private State state = State.NEW;
    private byte[] c1;
    private byte[] c1Digest;
    private final byte[] s1 = new byte[PACKET_LENGTH];
    private final byte[] s2 = new byte[PACKET_LENGTH];
    private int have;
    private long offset;
    private HandshakeMode serverMode;
    private boolean s2Verified;

    /** @param random source of the random handshake bytes (a SecureRandom in production) */
    public ClientHandshake(HandshakeMode mode, RandomGenerator random) {
        this(mode, random, 0);
    }

    /** Tests use scheme 1 to check servers that must find the digest in the second half. */
    ClientHandshake(HandshakeMode mode, RandomGenerator random, int scheme) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.random = Objects.requireNonNull(random, "random");
        this.scheme = scheme;
    }

    /** C0 and C1, to send first. */
    public byte[] start() {
        if (state != State.NEW) {
            throw new IllegalStateException("cannot start the client handshake: state " + state + ", allowed NEW");
        }
        if (mode == HandshakeMode.DIGEST) {
            c1 = HandshakePackets.randomPacket(random, DIGEST_CLIENT_VERSION);
            int at = HandshakeDigest.imprint(c1, scheme, HandshakeDigest.CLIENT_KEY);
            c1Digest = Arrays.copyOfRange(c1, at, at + DIGEST_LENGTH);
        } else {
            c1 = HandshakePackets.randomPacket(random, 0);
        }
        state = State.S0;
        byte[] out = new byte[1 + PACKET_LENGTH];
        out[0] = HandshakePackets.RTMP_VERSION;
        System.arraycopy(c1, 0, out, 1, PACKET_LENGTH);
        return out;
    }

    /**
     * Takes handshake bytes from {@code in} (no more than the handshake needs) and returns the bytes
     * to send now, possibly none.
     *
     * @throws MediaParseException if the server's answer is unusable; the handshake is then failed
     */
    public byte[] receive(ByteBuffer in) throws MediaParseException {
        if (state == State.NEW) {
            throw new IllegalStateException("cannot receive before start(): state NEW, allowed S0, S1, S2");
        }
        byte[] send = new byte[0];
        try {
            while (in.hasRemaining() && state != State.DONE) {
                switch (state) {
                    case S0 -> handleS0(in);
                    case S1 -> send = handleS1(in);
                    case S2 -> handleS2(in);
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

    private void handleS0(ByteBuffer in) throws MediaParseException {
        int version = in.get() & 0xFF;
        offset++;
        HandshakePackets.checkVersion(version, "S0");
        state = State.S1;
        have = 0;
    }

    private byte[] handleS1(ByteBuffer in) {
        int before = have;
        have = HandshakePackets.fill(in, s1, have);
        offset += have - before;
        if (have < PACKET_LENGTH) {
            return new byte[0];
        }
        have = 0;
        state = State.S2;
        return c2();
    }

    private byte[] c2() {
        if (mode == HandshakeMode.DIGEST && HandshakePackets.version(s1) != 0) {
            int scheme = HandshakeDigest.findScheme(s1, HandshakeDigest.SERVER_KEY);
            if (scheme >= 0) {
                serverMode = HandshakeMode.DIGEST;
                int at = HandshakeDigest.digestOffset(s1, scheme);
                byte[] s1Digest = Arrays.copyOfRange(s1, at, at + DIGEST_LENGTH);
                byte[] c2 = new byte[PACKET_LENGTH];
                random.nextBytes(c2);
                HandshakeDigest.sign(c2, s1Digest, HandshakeDigest.CLIENT_FULL_KEY);
                return c2;
            }
        }
        serverMode = HandshakeMode.PLAIN;
        return s1.clone();
    }

    private void handleS2(ByteBuffer in) throws MediaParseException {
        int before = have;
        have = HandshakePackets.fill(in, s2, have);
        offset += have - before;
        if (have < PACKET_LENGTH) {
            return;
        }
        boolean echo = Arrays.equals(s2, c1);
        if (serverMode == HandshakeMode.DIGEST) {
            s2Verified = HandshakeDigest.verifySignature(s2, c1Digest, HandshakeDigest.SERVER_FULL_KEY);
            if (!s2Verified && !echo) {
                throw MediaParseException.malformed(
                        LAYER, offset - PACKET_LENGTH, "S2 neither carries the signature of our digest nor echoes C1");
            }
        } else {
            s2Verified = echo;
        }
        state = State.DONE;
    }

    public boolean done() {
        return state == State.DONE;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    /**
     * How the server answered: DIGEST if S1 carried a valid digest, PLAIN otherwise; null before S1.
     */
    public HandshakeMode serverMode() {
        return serverMode;
    }

    /** Whether S2 was signed with our digest (digest mode) or echoed C1 exactly (plain mode). */
    public boolean s2Verified() {
        return s2Verified;
    }
}
