package dev.liveloom.rtmp.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.testing.Hex;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeTest {
    /** Runs both sides against each other, moving bytes in slices of {@code slice}. */
    static void run(ClientHandshake client, ServerHandshake server, int slice) throws MediaParseException {
        byte[] toServer = client.start();
        byte[] toClient = new byte[0];
        for (int round = 0; round < 10_000 && !(client.done() && server.done()); round++) {
            if (toServer.length > 0) {
                int n = Math.min(slice, toServer.length);
                ByteBuffer b = ByteBuffer.wrap(toServer, 0, n);
                toClient = concat(toClient, server.receive(b));
                assertThat(b.remaining()).isZero();
                toServer = Arrays.copyOfRange(toServer, n, toServer.length);
            }
            if (toClient.length > 0) {
                int n = Math.min(slice, toClient.length);
                ByteBuffer b = ByteBuffer.wrap(toClient, 0, n);
                toServer = concat(toServer, client.receive(b));
                assertThat(b.remaining()).isZero();
                toClient = Arrays.copyOfRange(toClient, n, toClient.length);
            }
        }
        assertThat(client.done()).isTrue();
        assertThat(server.done()).isTrue();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1537, 4000})
    void digestClientAndServerVerifyEachOther(int slice) throws MediaParseException {
        ClientHandshake c = new ClientHandshake(HandshakeMode.DIGEST, new Random(1));
        ServerHandshake s = new ServerHandshake(new Random(2));
        run(c, s, slice);
        assertThat(s.clientMode()).isEqualTo(HandshakeMode.DIGEST);
        assertThat(s.clientScheme()).isZero();
        assertThat(c.serverMode()).isEqualTo(HandshakeMode.DIGEST);
        assertThat(c.s2Verified()).isTrue();
        assertThat(s.c2Verified()).isTrue();
    }

    @Test
    void serverFindsScheme1Digest() throws MediaParseException {
        ClientHandshake c = new ClientHandshake(HandshakeMode.DIGEST, new Random(3), 1);
        ServerHandshake s = new ServerHandshake(new Random(4));
        run(c, s, 1536);
        assertThat(s.clientScheme()).isEqualTo(1);
        assertThat(c.serverMode()).isEqualTo(HandshakeMode.DIGEST);
        assertThat(c.s2Verified()).isTrue();
        assertThat(s.c2Verified()).isTrue();
    }

    @Test
    void plainClientGetsPlainAnswer() throws MediaParseException {
        ClientHandshake c = new ClientHandshake(HandshakeMode.PLAIN, new Random(5));
        ServerHandshake s = new ServerHandshake(new Random(6));
        run(c, s, 100);
        assertThat(s.clientMode()).isEqualTo(HandshakeMode.PLAIN);
        assertThat(c.serverMode()).isEqualTo(HandshakeMode.PLAIN);
        assertThat(c.s2Verified()).isTrue(); // S2 echoes C1
        assertThat(s.c2Verified()).isTrue(); // C2 echoes S1
    }

    @Test
    void plainC1LayoutIsTimeZeroVersionZeroRandom() {
        byte[] c0c1 = new ClientHandshake(HandshakeMode.PLAIN, new Random(7)).start();
        assertThat(c0c1).hasSize(1537);
        assertThat(Hex.of(Arrays.copyOf(c0c1, 9))).isEqualTo("030000000000000000");
    }

    @Test
    void digestC1CarriesFlashPlayerVersionAndScheme0Digest() {
        byte[] c0c1 = new ClientHandshake(HandshakeMode.DIGEST, new Random(8)).start();
        byte[] c1 = Arrays.copyOfRange(c0c1, 1, 1537);
        assertThat(Hex.of(Arrays.copyOfRange(c1, 4, 8))).isEqualTo("09007c02");
        assertThat(HandshakeDigest.findScheme(c1, HandshakeDigest.CLIENT_KEY)).isZero();
        // a single flipped byte outside the digest breaks it
        c1[1000] ^= 1;
        assertThat(HandshakeDigest.findScheme(c1, HandshakeDigest.CLIENT_KEY)).isEqualTo(-1);
    }

    @Test
    void digestOffsetsFollowTheSchemeFormulas() {
        byte[] p = new byte[1536];
        p[8] = (byte) 200;
        p[9] = (byte) 200;
        p[10] = (byte) 200;
        p[11] = (byte) 200; // 800 % 728 = 72
        p[772] = 1;
        p[775] = (byte) 255; // 256 % 728 = 256
        assertThat(HandshakeDigest.digestOffset(p, 0)).isEqualTo(12 + 72);
        assertThat(HandshakeDigest.digestOffset(p, 1)).isEqualTo(776 + 256);
    }

    @Test
    void keysAreThePublicConstants() {
        assertThat(HandshakeDigest.CLIENT_KEY).hasSize(30);
        assertThat(HandshakeDigest.SERVER_KEY).hasSize(36);
        assertThat(HandshakeDigest.CLIENT_FULL_KEY).hasSize(62);
        assertThat(Hex.of(HandshakeDigest.SERVER_FULL_KEY))
                .isEqualTo("47656e75696e652041646f626520466c617368204d6564696120536572766572203030"
                        + "31f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");
    }

    @Test
    void digestClientAcceptsPlainServer() throws MediaParseException {
        ClientHandshake c = new ClientHandshake(HandshakeMode.DIGEST, new Random(9));
        byte[] c0c1 = c.start();
        byte[] s1 = new byte[1536];
        new Random(10).nextBytes(s1);
        Arrays.fill(s1, 0, 8, (byte) 0);
        byte[] answer = concat(concat(new byte[] {3}, s1), Arrays.copyOfRange(c0c1, 1, 1537));
        byte[] c2 = c.receive(ByteBuffer.wrap(answer));
        assertThat(c.done()).isTrue();
        assertThat(c.serverMode()).isEqualTo(HandshakeMode.PLAIN);
        assertThat(c2).isEqualTo(s1);
    }

    @Test
    void digestClientAcceptsNonzeroVersionWithoutDigestAsPlain() throws MediaParseException {
        ClientHandshake c = new ClientHandshake(HandshakeMode.DIGEST, new Random(11));
        c.start();
        byte[] s1 = new byte[1536];
        new Random(12).nextBytes(s1);
        byte[] s2 = new byte[1536];
        byte[] c2 = c.receive(ByteBuffer.wrap(concat(concat(new byte[] {3}, s1), s2)));
        assertThat(c.done()).isTrue();
        assertThat(c.serverMode()).isEqualTo(HandshakeMode.PLAIN);
        assertThat(c.s2Verified()).isFalse();
        assertThat(c2).isEqualTo(s1);
    }

    @Test
    void digestS1WithBadS2Fails() throws MediaParseException {
        ClientHandshake c = new ClientHandshake(HandshakeMode.DIGEST, new Random(13));
        c.start();
        byte[] s1 = HandshakePackets.randomPacket(new Random(14), ServerHandshake.DIGEST_SERVER_VERSION);
        HandshakeDigest.imprint(s1, 1, HandshakeDigest.SERVER_KEY);
        c.receive(ByteBuffer.wrap(concat(new byte[] {3}, s1)));
        assertThat(c.serverMode()).isEqualTo(HandshakeMode.DIGEST);
        assertThatThrownBy(() -> c.receive(ByteBuffer.wrap(new byte[1536])))
                .isInstanceOf(MediaParseException.class)
                .hasMessage(
                        "rtmp handshake at byte 1537: S2 neither carries the signature of our digest nor echoes C1");
        assertThat(c.failed()).isTrue();
    }

    @Test
    void leavesBytesAfterTheHandshakeInTheBuffer() throws MediaParseException {
        ServerHandshake s = new ServerHandshake(new Random(15));
        ClientHandshake c = new ClientHandshake(HandshakeMode.PLAIN, new Random(16));
        byte[] c0c1 = c.start();
        byte[] s0s1s2 = s.receive(ByteBuffer.wrap(c0c1));
        ByteBuffer toClient = ByteBuffer.wrap(concat(s0s1s2, new byte[] {0x02, 0x00}));
        byte[] c2 = c.receive(toClient);
        assertThat(c.done()).isTrue();
        assertThat(toClient.remaining()).isEqualTo(2);
        ByteBuffer toServer = ByteBuffer.wrap(concat(c2, new byte[] {0x03}));
        assertThat(s.receive(toServer)).isEmpty();
        assertThat(s.done()).isTrue();
        assertThat(toServer.remaining()).isEqualTo(1);
    }

    @Test
    void wrongVersionFails() {
        ServerHandshake s = new ServerHandshake(new Random(17));
        assertThatThrownBy(() -> s.receive(ByteBuffer.wrap(new byte[] {0x47, 0x45})))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("rtmp handshake at byte 0: C0 has version 71, expected 3");
        assertThat(s.failed()).isTrue();
        assertThatThrownBy(() -> s.receive(ByteBuffer.wrap(new byte[] {3})))
                .hasMessage("rtmp handshake at byte 1: handshake failed earlier");
    }

    @Test
    void rtmpeIsUnsupported() {
        ClientHandshake c = new ClientHandshake(HandshakeMode.PLAIN, new Random(18));
        c.start();
        assertThatThrownBy(() -> c.receive(ByteBuffer.wrap(new byte[] {6})))
                .satisfies(e ->
                        assertThat(((MediaParseException) e).kind()).isEqualTo(MediaParseException.Kind.UNSUPPORTED))
                .hasMessage("rtmp handshake at byte 0: S0 asks for the encrypted RTMPE handshake (version 6), which is"
                        + " not supported");
    }

    @Test
    void misuseIsReported() {
        ClientHandshake c = new ClientHandshake(HandshakeMode.PLAIN, new Random(19));
        assertThatThrownBy(() -> c.receive(ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot receive before start(): state NEW, allowed S0, S1, S2");
        c.start();
        assertThatThrownBy(c::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start the client handshake: state S0, allowed NEW");
    }
}
