package dev.liveloom.srt.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.testing.VirtualScheduler;
import dev.liveloom.srt.crypto.KmMessage;
import dev.liveloom.srt.crypto.Passphrase;
import dev.liveloom.srt.crypto.SrtCrypto;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.handshake.HandshakeExtension;
import dev.liveloom.srt.handshake.HandshakeType;
import dev.liveloom.srt.handshake.SrtHsExtension;
import dev.liveloom.srt.packet.Ack;
import dev.liveloom.srt.packet.ControlPacket;
import dev.liveloom.srt.packet.ControlType;
import dev.liveloom.srt.packet.DataPacket;
import dev.liveloom.srt.packet.KmControl;
import dev.liveloom.srt.packet.Nak;
import dev.liveloom.srt.packet.Signal;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener and its sessions driven in virtual time by a scripted sender. */
class SrtSessionTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final ScriptedSender peer = new ScriptedSender(clock);
    private final List<String> delivered = new ArrayList<>();
    private final List<Long> deliveredAtMs = new ArrayList<>();
    private final List<String> streamIds = new ArrayList<>();
    private IOException failure;
    private boolean ended;
    private SrtSession session;

    private final SrtSession.Handler handler = new SrtSession.Handler() {
        @Override
        public void connected(SrtSession s) {
            session = s;
        }

        @Override
        public void payload(byte[] payload) {
            delivered.add(Integer.toString(payload[0]));
            deliveredAtMs.add(clock.nanoTime() / 1_000_000);
        }

        @Override
        public void ended() {
            ended = true;
        }

        @Override
        public void failed(IOException error) {
            failure = error;
        }
    };

    private SrtListener<String> listener(SrtConfig config) {
        return new SrtListener<>(
                "srt://:9000",
                config,
                clock,
                (p, d) -> peer.received.add(d),
                (p, sid) -> {
                    streamIds.add(sid);
                    return handler;
                },
                new SecureRandom());
    }

    private void connect(SrtConfig config) throws Exception {
        Handshake rsp = peer.connect(listener(config), null, 16, 80, "live/1");
        assertThat(rsp.type()).isEqualTo(HandshakeType.CONCLUSION);
        peer.received.clear();
    }

    @Test
    void handshakeNegotiatesTheLargerLatencyAndDeliversAtTimestampPlusLatency() throws Exception {
        SrtListener<String> l = listener(SrtConfig.DEFAULTS);
        Handshake rsp = peer.connect(l, null, 16, 200, "live/1");
        SrtHsExtension hsrsp =
                SrtHsExtension.read(rsp.extension(HandshakeExtension.HSRSP).content());
        assertThat(hsrsp.receiverDelayMs()).isEqualTo(200);
        assertThat(rsp.initialSequence()).isEqualTo(peer.isn);
        assertThat(rsp.version()).isEqualTo(5);
        assertThat(streamIds).containsExactly("live/1");
        assertThat(session.latencyMs()).isEqualTo(200);
        assertThat(session.streamId()).isEqualTo("live/1");
        // the induction answer: version 5, SRT magic, a cookie
        for (int n = 0; n < 3; n++) {
            peer.data(n);
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(delivered).isEmpty();
        clock.advance(Duration.ofMillis(200));
        assertThat(delivered).containsExactly("0", "1", "2");
        // packet n was sent at 10n ms: due at 10n + 200, released on the next 10 ms tick at the latest
        for (int n = 0; n < 3; n++) {
            assertThat(deliveredAtMs.get(n)).isBetween(10L * n + 200, 10L * n + 210);
        }
        assertThat(session.stats().packetsDelivered()).isEqualTo(3);
    }

    @Test
    void listenerAnswersTheHsv4InductionAsLibsrtDoes() throws Exception {
        SrtListener<String> l = listener(SrtConfig.DEFAULTS.withPassphrase(Passphrase.of("0123456789ab"), 32));
        peer.listener = l;
        Handshake induction = new Handshake(
                4, 0, 2, 777, 1500, 8192, HandshakeType.INDUCTION, 4242, 0, ScriptedSender.PEER_IP, List.of());
        peer.send(induction.toPacket(0, 0).write());
        ControlPacket c = ControlPacket.read(peer.last(), 0, peer.last().length);
        assertThat(c.destinationSocketId()).isEqualTo(4242);
        Handshake answer = Handshake.read(c);
        assertThat(answer.version()).isEqualTo(5);
        assertThat(answer.extensionField()).isEqualTo(Handshake.SRT_MAGIC);
        assertThat(answer.encryptionField()).isEqualTo(4);
        assertThat(answer.type()).isEqualTo(HandshakeType.INDUCTION);
        assertThat(answer.initialSequence()).isEqualTo(777);
        assertThat(answer.socketId()).isNotZero();
        assertThat(answer.extensions()).isEmpty();
        // stateless: the same peer in the same minute gets the same cookie
        peer.send(induction.toPacket(0, 0).write());
        assertThat(Handshake.read(ControlPacket.read(peer.last(), 0, peer.last().length))
                        .cookie())
                .isEqualTo(answer.cookie());
        assertThat(l.sessions()).isEmpty();
        // a conclusion with a wrong cookie is ignored
        Handshake forged = new Handshake(
                5,
                0,
                1,
                777,
                1500,
                8192,
                HandshakeType.CONCLUSION,
                4242,
                answer.cookie() + 1,
                ScriptedSender.PEER_IP,
                List.of());
        int before = peer.received.size();
        peer.send(forged.toPacket(0, 0).write());
        assertThat(peer.received).hasSize(before);
        assertThat(l.ignored()).isEqualTo(1);
    }

    @Test
    void repeatedConclusionGetsTheSameAnswer() throws Exception {
        SrtListener<String> l = listener(SrtConfig.DEFAULTS);
        Handshake first = peer.connect(l, null, 16, 120, null);
        Handshake conclusion = new Handshake(
                5,
                0,
                1,
                peer.isn,
                1500,
                8192,
                HandshakeType.CONCLUSION,
                peer.socketId,
                first.cookie(),
                ScriptedSender.PEER_IP,
                List.of(new HandshakeExtension(1, new SrtHsExtension(0x010502, 0x3f, 120, 120).write())));
        peer.send(conclusion.toPacket(0, 0).write());
        assertThat(Handshake.read(ControlPacket.read(peer.last(), 0, peer.last().length)))
                .isEqualTo(first);
        assertThat(l.sessions()).hasSize(1);
    }

    @Test
    void lossIsReportedAtOnceAndFilledByTheRetransmission() throws Exception {
        connect(SrtConfig.DEFAULTS);
        peer.data(0);
        peer.data(1);
        peer.data(3);
        peer.data(4);
        List<ControlPacket> naks = peer.control(ControlType.NAK);
        assertThat(naks).hasSize(1);
        assertThat(Nak.read(naks.get(0)).losses()).containsExactly(new Nak.Range(peer.isn + 2, peer.isn + 2));
        clock.advance(Duration.ofMillis(5));
        peer.data(2, 0, true, DataPacket.KEY_EVEN);
        clock.advance(Duration.ofMillis(300));
        assertThat(delivered).containsExactly("0", "1", "2", "3", "4");
        SrtStats s = session.stats();
        assertThat(s.packetsLost()).isEqualTo(1);
        assertThat(s.packetsRetransmitted()).isEqualTo(1);
        assertThat(s.packetsDropped()).isZero();
        assertThat(s.packetsReceived()).isEqualTo(5);
        // the ACK moved past the filled hole
        List<ControlPacket> acks = peer.control(ControlType.ACK);
        assertThat(Ack.read(acks.get(acks.size() - 1)).lastAckedSequence()).isEqualTo(peer.isn + 5);
    }

    @Test
    void unansweredLossIsReportedAgainPeriodically() throws Exception {
        connect(SrtConfig.DEFAULTS.withLatencyMs(1000));
        peer.data(0);
        peer.data(2);
        assertThat(peer.control(ControlType.NAK)).hasSize(1);
        clock.advance(Duration.ofMillis(100));
        // RTT 100 ms, variance 50 ms before any ACKACK: (100 + 4 * 50) / 2 = 150 ms between reports
        assertThat(peer.control(ControlType.NAK)).hasSize(1);
        clock.advance(Duration.ofMillis(60));
        List<ControlPacket> naks = peer.control(ControlType.NAK);
        assertThat(naks).hasSize(2);
        assertThat(Nak.read(naks.get(1)).losses()).containsExactly(new Nak.Range(peer.isn + 1, peer.isn + 1));
    }

    @Test
    void missingPacketIsDroppedWhenTheNextOneIsDue() throws Exception {
        connect(SrtConfig.DEFAULTS);
        peer.data(0);
        clock.advance(Duration.ofMillis(20));
        peer.data(2);
        clock.advance(Duration.ofMillis(115));
        assertThat(delivered).containsExactly("0");
        clock.advance(Duration.ofMillis(20));
        assertThat(delivered).containsExactly("0", "2");
        assertThat(session.stats().packetsDropped()).isEqualTo(1);
        // the lost packet arriving now is too late
        peer.data(1, 10_000, true, DataPacket.KEY_EVEN);
        assertThat(session.stats().packetsBelated()).isEqualTo(1);
        assertThat(delivered).containsExactly("0", "2");
    }

    @Test
    void senderDropRequestEndsTheWaitForAHole() throws Exception {
        connect(SrtConfig.DEFAULTS.withLatencyMs(1000));
        peer.data(0);
        peer.data(3);
        assertThat(peer.control(ControlType.NAK)).hasSize(1);
        peer.send(new dev.liveloom.srt.packet.DropRequest(2, peer.isn + 1, peer.isn + 2)
                .toPacket(peer.ts(), peer.peerSocketId)
                .write());
        peer.received.clear();
        clock.advance(Duration.ofMillis(1010));
        assertThat(delivered).containsExactly("0", "3");
        assertThat(peer.control(ControlType.NAK)).isEmpty();
        assertThat(session.stats().packetsDropped()).isEqualTo(2);
        assertThatStartTwiceIsRefused();
    }

    private void assertThatStartTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(session::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start srt://:9000 (caller 10.0.0.2:5000): state CONNECTED, allowed INDUCTION (a new"
                        + " caller) or CONCLUSION (a connection the listener accepted)");
    }

    @Test
    void ackAckGivesTheRoundTripTime() throws Exception {
        connect(SrtConfig.DEFAULTS);
        peer.data(0);
        clock.advance(Duration.ofMillis(10));
        List<ControlPacket> acks = peer.control(ControlType.ACK);
        assertThat(acks).hasSize(1);
        Ack ack = Ack.read(acks.get(0));
        assertThat(ack.isFull()).isTrue();
        assertThat(ack.lastAckedSequence()).isEqualTo(peer.isn + 1);
        assertThat(ack.availableBuffer()).isEqualTo(8191);
        clock.advance(Duration.ofMillis(30));
        peer.ackAckAll();
        assertThat(session.stats().rttUs()).isEqualTo(30_000);
        assertThat(session.stats().rttVarianceUs()).isEqualTo(15_000);
        // no new data: no new ACK
        clock.advance(Duration.ofMillis(50));
        assertThat(peer.control(ControlType.ACK)).isEmpty();
    }

    @Test
    void keepaliveAfterASecondOfSilenceAndFailureAfterTheIdleTimeout() throws Exception {
        connect(SrtConfig.DEFAULTS);
        peer.data(0);
        clock.advance(Duration.ofMillis(500));
        peer.received.clear();
        clock.advance(Duration.ofMillis(600));
        assertThat(peer.control(ControlType.KEEPALIVE)).hasSize(1);
        peer.send(Signal.KEEPALIVE.toPacket(peer.ts(), peer.peerSocketId).write());
        clock.advance(Duration.ofMillis(4900));
        assertThat(failure).isNull();
        clock.advance(Duration.ofMillis(200));
        assertThat(failure).hasMessage("srt://:9000 (caller 10.0.0.2:5000): no packet from the peer for 5000 ms");
        assertThat(session.isConnected()).isFalse();
        int sent = peer.received.size();
        clock.advance(Duration.ofSeconds(5));
        assertThat(peer.received).hasSize(sent);
    }

    @Test
    void shutdownDeliversWhatIsHeldThenEnds() throws Exception {
        connect(SrtConfig.DEFAULTS);
        peer.data(0);
        peer.data(1);
        peer.send(Signal.SHUTDOWN.toPacket(peer.ts(), peer.peerSocketId).write());
        assertThat(delivered).containsExactly("0", "1");
        assertThat(ended).isTrue();
        assertThat(failure).isNull();
    }

    @Test
    void closeSendsShutdown() throws Exception {
        SrtListener<String> l = listener(SrtConfig.DEFAULTS);
        peer.connect(l, null, 16, 120, null);
        peer.received.clear();
        l.close();
        assertThat(peer.control(ControlType.SHUTDOWN)).hasSize(1);
        assertThat(l.sessions()).isEmpty();
    }

    @Test
    void encryptedStreamWithKeyRefresh() throws Exception {
        String pass = "a shared secret";
        SrtListener<String> l = listener(SrtConfig.DEFAULTS.withPassphrase(Passphrase.of(pass), 16));
        Handshake rsp = peer.connect(l, pass, 32, 120, null);
        assertThat(rsp.type()).isEqualTo(HandshakeType.CONCLUSION);
        assertThat(rsp.extension(HandshakeExtension.KMRSP).content()).isEqualTo(peer.km.write());
        peer.received.clear();
        peer.data(0, peer.ts(), false, DataPacket.KEY_EVEN);
        // the sender announces both keys, then switches to the odd one
        byte[] even = new byte[32];
        byte[] odd = new byte[32];
        new SecureRandom().nextBytes(even);
        new SecureRandom().nextBytes(odd);
        byte[] both = new byte[64];
        System.arraycopy(even, 0, both, 0, 32);
        System.arraycopy(odd, 0, both, 32, 32);
        byte[] salt = peer.km.salt();
        KmMessage refresh = new KmMessage(
                3, 0, 2, 0, 2, salt, 32, SrtCrypto.wrap(SrtCrypto.kek(pass.toCharArray(), salt, 32), both));
        peer.send(new KmControl(false, refresh.write())
                .toPacket(peer.ts(), peer.peerSocketId)
                .write());
        List<ControlPacket> ext = peer.control(ControlType.EXTENSION);
        assertThat(ext).hasSize(1);
        assertThat(ext.get(0).subtype()).isEqualTo(ControlType.SUBTYPE_KMRSP);
        assertThat(KmControl.read(ext.get(0)).message()).isEqualTo(refresh.write());
        peer.cipher.install(refresh);
        peer.data(1, peer.ts(), false, DataPacket.KEY_ODD);
        peer.data(2, peer.ts(), false, DataPacket.KEY_EVEN);
        clock.advance(Duration.ofMillis(200));
        assertThat(delivered).containsExactly("0", "1", "2");
        assertThat(session.stats().packetsUndecryptable()).isZero();
    }

    @Test
    void wrongPassphraseIsRejectedWithBadSecret() throws Exception {
        SrtListener<String> l = listener(SrtConfig.DEFAULTS.withPassphrase(Passphrase.of("the listener's one"), 16));
        Handshake rsp = peer.connect(l, "the caller's other one", 16, 120, null);
        assertThat(rsp.type()).isEqualTo(HandshakeType.REJ_BADSECRET);
        assertThat(l.sessions()).isEmpty();
        assertThat(l.rejected()).isEqualTo(1);
        assertThat(session).isNull();
    }

    @Test
    void encryptionOnOneSideOnlyIsRejectedAsUnsecure() throws Exception {
        SrtListener<String> l = listener(SrtConfig.DEFAULTS);
        assertThat(peer.connect(l, "a passphrase here", 16, 120, null).type()).isEqualTo(HandshakeType.REJ_UNSECURE);
        SrtListener<String> l2 = listener(SrtConfig.DEFAULTS.withPassphrase(Passphrase.of("a passphrase here"), 16));
        assertThat(peer.connect(l2, null, 16, 120, null).type()).isEqualTo(HandshakeType.REJ_UNSECURE);
    }

    @Test
    void malformedDatagramsAreCountedNotFatal() throws Exception {
        connect(SrtConfig.DEFAULTS);
        peer.send(new byte[5]);
        peer.send(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] bad = new byte[20];
        bad[0] = (byte) 0x80;
        bad[1] = 0x03; // NAK with a range start and no end
        bad[16] = (byte) 0x80;
        System.arraycopy(new byte[] {0, 0, 0x10, (byte) 0x92}, 0, bad, 12, 4);
        peer.send(bad);
        peer.data(0);
        clock.advance(Duration.ofMillis(200));
        assertThat(delivered).containsExactly("0");
        assertThat(session.stats().datagramsMalformed()).isGreaterThanOrEqualTo(2);
        assertThat(failure).isNull();
    }
}
