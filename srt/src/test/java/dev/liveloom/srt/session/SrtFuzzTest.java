package dev.liveloom.srt.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.VirtualScheduler;
import dev.liveloom.srt.crypto.KmMessage;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.handshake.HandshakeExtension;
import dev.liveloom.srt.handshake.SrtHsExtension;
import dev.liveloom.srt.handshake.StreamIdExtension;
import dev.liveloom.srt.packet.Ack;
import dev.liveloom.srt.packet.AckAck;
import dev.liveloom.srt.packet.ControlPacket;
import dev.liveloom.srt.packet.ControlType;
import dev.liveloom.srt.packet.DataPacket;
import dev.liveloom.srt.packet.DropRequest;
import dev.liveloom.srt.packet.KmControl;
import dev.liveloom.srt.packet.Nak;
import dev.liveloom.srt.packet.Signal;
import dev.liveloom.srt.packet.SrtPackets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jazzer targets. In plain {@code mvn verify} they run the committed inputs under
 * {@code src/test/resources/dev/liveloom/srt/session/SrtFuzzTestInputs/<method>/}; with JAZZER_FUZZ=1
 * they fuzz. Parsers throw only MediaParseException and what parses writes back to the same value;
 * a connected session fed any datagrams never throws and keeps its counters consistent.
 */
class SrtFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void packet(byte[] input) {
        checkPacket(input);
    }

    @FuzzTest(maxDuration = "30s")
    void handshake(byte[] input) {
        checkHandshake(input);
    }

    @FuzzTest(maxDuration = "30s")
    void keyMaterial(byte[] input) {
        checkKeyMaterial(input);
    }

    @FuzzTest(maxDuration = "30s")
    void session(byte[] input) throws Exception {
        checkSession(input);
    }

    /** Every packet parser on {@code input}; what parses round-trips. */
    static boolean checkPacket(byte[] b) {
        try {
            if (b.length >= SrtPackets.HEADER_SIZE && !SrtPackets.isControl(b, 0)) {
                DataPacket d = DataPacket.read(b, 0, b.length);
                assertThat(d.write()).isEqualTo(b);
                return true;
            }
            ControlPacket c = ControlPacket.read(b, 0, b.length);
            assertThat(c.write()).isEqualTo(b);
            switch (c.type()) {
                case ControlType.ACK -> {
                    Ack a = Ack.read(c);
                    assertThat(Ack.read(a.toPacket(c.timestamp(), c.destinationSocketId())))
                            .isEqualTo(a);
                }
                case ControlType.ACKACK -> AckAck.read(c);
                case ControlType.NAK -> {
                    Nak n = Nak.read(c);
                    assertThat(Nak.read(n.toPacket(0, 0))).isEqualTo(n);
                }
                case ControlType.KEEPALIVE, ControlType.SHUTDOWN -> Signal.read(c);
                case ControlType.DROP_REQUEST -> {
                    DropRequest d = DropRequest.read(c);
                    assertThat(DropRequest.read(d.toPacket(0, 0))).isEqualTo(d);
                }
                case ControlType.EXTENSION -> {
                    KmControl k = KmControl.read(c);
                    checkKeyMaterial(k.message());
                }
                case ControlType.HANDSHAKE -> checkHandshake(c.cif());
                default -> {
                    // other types carry nothing this module reads
                }
            }
            return true;
        } catch (MediaParseException expected) {
            return false;
        }
    }

    static boolean checkHandshake(byte[] cif) {
        Handshake h;
        try {
            h = Handshake.read(cif);
        } catch (MediaParseException expected) {
            return false;
        }
        assertThat(readUnchecked(h.write())).isEqualTo(h);
        for (HandshakeExtension e : h.extensions()) {
            try {
                switch (e.type()) {
                    case HandshakeExtension.HSREQ, HandshakeExtension.HSRSP -> {
                        SrtHsExtension s = SrtHsExtension.read(e.content());
                        assertThat(SrtHsExtension.read(s.write())).isEqualTo(s);
                    }
                    case HandshakeExtension.SID -> {
                        String sid = StreamIdExtension.read(e.content());
                        assertThat(sid.length()).isLessThanOrEqualTo(StreamIdExtension.MAX_BYTES);
                    }
                    case HandshakeExtension.KMREQ, HandshakeExtension.KMRSP -> checkKeyMaterial(e.content());
                    default -> {
                        // congestion, filter, group: not read
                    }
                }
            } catch (MediaParseException expected) {
                // a malformed extension in a well-framed handshake
            }
        }
        return true;
    }

    private static Handshake readUnchecked(byte[] b) {
        try {
            return Handshake.read(b);
        } catch (MediaParseException e) {
            throw new AssertionError(e);
        }
    }

    static boolean checkKeyMaterial(byte[] b) {
        try {
            KmMessage k = KmMessage.read(b);
            assertThat(KmMessage.read(k.write())).isEqualTo(k);
            return true;
        } catch (MediaParseException expected) {
            return false;
        }
    }

    /**
     * Connects a listener to a scripted sender, then feeds it the input as datagrams (each preceded
     * by a 2-byte length; destination socket ids are pointed at the session), a millisecond apart.
     */
    static void checkSession(byte[] input) throws Exception {
        VirtualScheduler clock = new VirtualScheduler();
        ScriptedSender peer = new ScriptedSender(clock);
        AtomicLong delivered = new AtomicLong();
        SrtSession[] session = new SrtSession[1];
        SrtListener<String> l = new SrtListener<>(
                "fuzz",
                SrtConfig.DEFAULTS.withFlowWindow(256),
                clock,
                (p, d) -> peer.received.add(d),
                (p, sid) -> new SrtSession.Handler() {
                    @Override
                    public void connected(SrtSession s) {
                        session[0] = s;
                    }

                    @Override
                    public void payload(byte[] payload) {
                        delivered.incrementAndGet();
                    }
                },
                RANDOM);
        peer.connect(l, null, 16, 120, null);
        int at = 0;
        while (at + 2 <= input.length) {
            int len = ((input[at] & 0xff) << 8) | (input[at + 1] & 0xff);
            at += 2;
            len = Math.min(len, input.length - at);
            byte[] d = java.util.Arrays.copyOfRange(input, at, at + len);
            at += len;
            boolean handshake = d.length >= 2 && (d[0] & 0xff) == 0x80 && d[1] == 0;
            if (d.length >= SrtPackets.HEADER_SIZE && !handshake) {
                SrtPackets.writeInt(d, 12, peer.peerSocketId);
            }
            peer.send(d);
            clock.advance(Duration.ofMillis(1));
            peer.received.clear();
        }
        clock.advance(Duration.ofSeconds(1));
        SrtStats s = session[0].stats();
        assertThat(s.packetsDelivered()).isEqualTo(delivered.get());
        assertThat(s.packetsDelivered()).isLessThanOrEqualTo(s.packetsReceived());
        assertThat(s.packetsLost()).isGreaterThanOrEqualTo(0);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
}
