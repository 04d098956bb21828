package dev.liveloom.srt.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.testing.VirtualScheduler;
import dev.liveloom.srt.crypto.KmMessage;
import dev.liveloom.srt.crypto.Passphrase;
import dev.liveloom.srt.crypto.PayloadCipher;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.handshake.HandshakeExtension;
import dev.liveloom.srt.handshake.HandshakeType;
import dev.liveloom.srt.handshake.SrtHsExtension;
import dev.liveloom.srt.handshake.StreamIdExtension;
import dev.liveloom.srt.packet.ControlPacket;
import dev.liveloom.srt.packet.DataPacket;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caller's side of the handshake against a scripted listener, in virtual time. */
class CallerSessionTest {
    private static final String NAME = "srt://example.net:9000?passphrase=***";
    private static final String PASS = "caller secret phrase";
    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<byte[]> out = new ArrayList<>();
    private final List<String> payloads = new ArrayList<>();
    private IOException failure;
    private boolean connected;
    private SrtSession session;

    private final SrtSession.Handler handler = new SrtSession.Handler() {
        @Override
        public void connected(SrtSession s) {
            connected = true;
        }

        @Override
        public void payload(byte[] payload) {
            payloads.add(new String(payload, java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void failed(IOException error) {
            failure = error;
        }
    };

    private void start(SrtConfig config) {
        session = SrtSession.caller(NAME, config, clock, out::add, handler, new SecureRandom(), new byte[16]);
        session.start();
    }

    private Handshake sent(int i) throws Exception {
        byte[] d = out.get(i);
        return Handshake.read(ControlPacket.read(d, 0, d.length));
    }

    private Handshake last() throws Exception {
        return sent(out.size() - 1);
    }

    private void answer(Handshake hs) {
        byte[] d = hs.toPacket(0, session.socketId()).write();
        session.receive(d, 0, d.length);
    }

    private Handshake inductionAnswer(int version) {
        return new Handshake(
                version,
                0,
                Handshake.SRT_MAGIC,
                0,
                1500,
                8192,
                HandshakeType.INDUCTION,
                99,
                0x1234,
                new byte[16],
                List.of());
    }

    private Handshake conclusionAnswer(int type, List<HandshakeExtension> ext) throws Exception {
        return new Handshake(5, 0, 3, last().initialSequence(), 1500, 8192, type, 77, 0x1234, new byte[16], ext);
    }

    @Test
    void fullHandshakeWithEncryptionAndStreamId() throws Exception {
        SrtConfig config = SrtConfig.DEFAULTS
                .withLatencyMs(100)
                .withPassphrase(Passphrase.of(PASS), 24)
                .withStreamId("abc");
        start(config);
        Handshake induction = sent(0);
        assertThat(induction.version()).isEqualTo(4);
        assertThat(induction.extensionField()).isEqualTo(Handshake.UDT_DGRAM);
        assertThat(induction.type()).isEqualTo(HandshakeType.INDUCTION);
        assertThat(induction.cookie()).isZero();
        clock.advance(Duration.ofMillis(260));
        assertThat(out).hasSize(2);
        answer(inductionAnswer(5));
        Handshake conclusion = last();
        assertThat(conclusion.version()).isEqualTo(5);
        assertThat(conclusion.type()).isEqualTo(HandshakeType.CONCLUSION);
        assertThat(conclusion.cookie()).isEqualTo(0x1234);
        assertThat(conclusion.encryptionField()).isEqualTo(3);
        assertThat(conclusion.extensionField())
                .isEqualTo(Handshake.EXT_HSREQ | Handshake.EXT_KMREQ | Handshake.EXT_CONFIG);
        SrtHsExtension hsreq = SrtHsExtension.read(
                conclusion.extension(HandshakeExtension.HSREQ).content());
        assertThat(hsreq.receiverDelayMs()).isEqualTo(100);
        assertThat(hsreq.has(SrtHsExtension.TSBPDRCV | SrtHsExtension.TLPKTDROP | SrtHsExtension.PERIODICNAK))
                .isTrue();
        assertThat(StreamIdExtension.read(
                        conclusion.extension(HandshakeExtension.SID).content()))
                .isEqualTo("abc");
        byte[] km = conclusion.extension(HandshakeExtension.KMREQ).content();
        KmMessage msg = KmMessage.read(km);
        assertThat(msg.keyLength()).isEqualTo(24);
        PayloadCipher listenerSide = new PayloadCipher(PASS.toCharArray());
        listenerSide.install(msg);
        answer(conclusionAnswer(
                HandshakeType.CONCLUSION,
                List.of(
                        new HandshakeExtension(
                                HandshakeExtension.HSRSP, new SrtHsExtension(0x010502, 0x3f, 120, 300).write()),
                        new HandshakeExtension(HandshakeExtension.KMRSP, km))));
        assertThat(failure).isNull();
        assertThat(connected).isTrue();
        assertThat(session.latencyMs()).isEqualTo(300);
        // the listener encrypts with our key
        int seq = conclusion.initialSequence();
        byte[] enc = listenerSide.transform(DataPacket.KEY_EVEN, seq, "hello".getBytes());
        byte[] d = new DataPacket(seq, 3, false, DataPacket.KEY_EVEN, false, 1, 0, session.socketId(), enc).write();
        session.receive(d, 0, d.length);
        clock.advance(Duration.ofMillis(310));
        assertThat(payloads).containsExactly("hello");
    }

    @Test
    void rejectionFailsWithTheReason() throws Exception {
        start(SrtConfig.DEFAULTS.withPassphrase(Passphrase.of(PASS), 16));
        answer(inductionAnswer(5));
        answer(conclusionAnswer(HandshakeType.REJ_BADSECRET, List.of()));
        assertThat(failure)
                .hasMessage("srt://example.net:9000?passphrase=***: connection rejected: wrong password (1010)");
        assertThat(connected).isFalse();
    }

    @Test
    void kmErrorStateFailsClearly() throws Exception {
        start(SrtConfig.DEFAULTS.withPassphrase(Passphrase.of(PASS), 16));
        answer(inductionAnswer(5));
        answer(conclusionAnswer(
                HandshakeType.CONCLUSION,
                List.of(
                        new HandshakeExtension(
                                HandshakeExtension.HSRSP, new SrtHsExtension(0x010502, 0x3f, 120, 120).write()),
                        new HandshakeExtension(HandshakeExtension.KMRSP, new byte[] {0, 0, 0, 4}))));
        assertThat(failure).hasMessage(NAME + ": the listener refused the key material: wrong passphrase");
    }

    @Test
    void noAnswerTimesOut() {
        start(SrtConfig.DEFAULTS);
        clock.advance(Duration.ofMillis(2990));
        assertThat(failure).isNull();
        assertThat(out).hasSize(12);
        clock.advance(Duration.ofMillis(20));
        assertThat(failure).hasMessage(NAME + ": no handshake answer within 3000 ms (induction)");
    }

    @Test
    void hsv4ListenerIsRefused() throws Exception {
        start(SrtConfig.DEFAULTS);
        answer(new Handshake(4, 0, 2, 0, 1500, 8192, HandshakeType.INDUCTION, 99, 0x1234, new byte[16], List.of()));
        assertThat(failure)
                .hasMessage(
                        NAME
                                + ": the listener speaks handshake version 4 only; liveloom needs version 5 (SRT 1.3 or later)");
    }
}
