package dev.liveloom.srt.session;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.runtime.Scheduler;
import dev.liveloom.srt.crypto.KmMessage;
import dev.liveloom.srt.crypto.PayloadCipher;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.handshake.HandshakeExtension;
import dev.liveloom.srt.handshake.HandshakeType;
import dev.liveloom.srt.handshake.SrtHsExtension;
import dev.liveloom.srt.handshake.StreamIdExtension;
import dev.liveloom.srt.packet.ControlPacket;
import dev.liveloom.srt.packet.ControlType;
import dev.liveloom.srt.packet.SrtPackets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side of SRT, transport-neutral: datagrams from any peer come in through
 * {@link #receive}, keyed by the peer's address {@code A}. A peer with a session gets its datagrams;
 * an unknown peer may only handshake: an induction is answered with a SYN cookie (HMAC of the
 * peer's address and the current minute, so no state is kept for it), a conclusion with a valid
 * cookie is checked (HSREQ, stream ID, key material against the passphrase) and either refused with
 * a rejection code, as libsrt does, or accepted as a new {@link SrtSession}. Runs on the scheduler's
 * thread.
 */
public final class SrtListener<A> {
    private static final Logger log = LoggerFactory.getLogger(SrtListener.class);

    /** Sends a datagram to a peer. */
    public interface Output<A> {
        void send(A peer, byte[] datagram);
    }

    /** Decides about a caller that completed its handshake; called on the listener's thread. */
    public interface Acceptor<A> {
        /**
         * The handler for a new connection from {@code peer} asking for {@code streamId} (null when it
         * sent none), or null to refuse it.
         */
        SrtSession.Handler accept(A peer, String streamId);
    }

    private final String name;
    private final SrtConfig config;
    private final Scheduler scheduler;
    private final Output<A> output;
    private final Acceptor<A> acceptor;
    private final SecureRandom random;
    private final Map<A, SrtSession> sessions = new HashMap<>();
    private final SecretKeySpec cookieKey;
    private final int socketId;
    private long rejected;
    private long ignored;

    public SrtListener(
            String name,
            SrtConfig config,
            Scheduler scheduler,
            Output<A> output,
            Acceptor<A> acceptor,
            SecureRandom random) {
        this.name = name;
        this.config = config;
        this.scheduler = scheduler;
        this.output = output;
        this.acceptor = acceptor;
        this.random = random;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.cookieKey = new SecretKeySpec(secret, "HmacSHA256");
        this.socketId = SrtSession.newSocketId(random);
    }

    /** A datagram from {@code peer}, whose IP address field (for answers) is {@code peerIpField}. */
    public void receive(A peer, byte[] peerIpField, byte[] b, int off, int len) {
        SrtSession s = sessions.get(peer);
        if (s != null) {
            s.receive(b, off, len);
            return;
        }
        if (len < SrtPackets.HEADER_SIZE
                || !SrtPackets.isControl(b, off)
                || SrtPackets.destinationSocketId(b, off) != 0) {
            ignored++;
            return;
        }
        try {
            ControlPacket c = ControlPacket.read(b, off, len);
            if (c.type() != ControlType.HANDSHAKE) {
                ignored++;
                return;
            }
            Handshake hs = Handshake.read(c);
            if (hs.type() == HandshakeType.INDUCTION) {
                answerInduction(peer, peerIpField, hs);
            } else if (hs.type() == HandshakeType.CONCLUSION) {
                conclude(peer, peerIpField, hs);
            } else {
                ignored++;
            }
        } catch (MediaParseException e) {
            ignored++;
        }
    }

    /** Sessions now connected or handshaking. */
    public Map<A, SrtSession> sessions() {
        return Map.copyOf(sessions);
    }

    /** Conclusions refused so far. */
    public long rejected() {
        return rejected;
    }

    /** Datagrams from unknown peers that were not a handshake, or malformed. */
    public long ignored() {
        return ignored;
    }

    /** Closes every session (each sends SHUTDOWN). */
    public void close() {
        for (SrtSession s : List.copyOf(sessions.values())) {
            s.close();
        }
        sessions.clear();
    }

    private void answerInduction(A peer, byte[] peerIpField, Handshake hs) {
        Handshake answer = new Handshake(
                5,
                config.passphrase() == null ? 0 : config.keyLength() / 8,
                Handshake.SRT_MAGIC,
                hs.initialSequence(),
                hs.mtu(),
                hs.flowWindow(),
                HandshakeType.INDUCTION,
                socketId,
                cookie(peer, minute()),
                peerIpField,
                List.of());
        output.send(peer, answer.toPacket(0, hs.socketId()).write());
    }

    private void conclude(A peer, byte[] peerIpField, Handshake hs) throws MediaParseException {
        long minute = minute();
        if (hs.cookie() != cookie(peer, minute) && hs.cookie() != cookie(peer, minute - 1)) {
            ignored++;
            return;
        }
        if (hs.version() < 5) {
            reject(peer, peerIpField, hs, HandshakeType.REJ_VERSION);
            return;
        }
        HandshakeExtension req = hs.extension(HandshakeExtension.HSREQ);
        if (req == null) {
            reject(peer, peerIpField, hs, HandshakeType.REJ_ROGUE);
            return;
        }
        SrtHsExtension srt;
        String streamId = null;
        try {
            srt = SrtHsExtension.read(req.content());
            HandshakeExtension sid = hs.extension(HandshakeExtension.SID);
            if (sid != null) {
                streamId = StreamIdExtension.read(sid.content());
            }
        } catch (MediaParseException e) {
            reject(peer, peerIpField, hs, HandshakeType.REJ_ROGUE);
            return;
        }
        HandshakeExtension kmreq = hs.extension(HandshakeExtension.KMREQ);
        if ((kmreq == null) != (config.passphrase() == null)) {
            reject(peer, peerIpField, hs, HandshakeType.REJ_UNSECURE);
            return;
        }
        PayloadCipher cipher = null;
        if (kmreq != null) {
            cipher = new PayloadCipher(config.passphrase().chars());
            try {
                cipher.install(KmMessage.read(kmreq.content()));
            } catch (MediaParseException e) {
                reject(peer, peerIpField, hs, HandshakeType.REJ_ROGUE);
                return;
            } catch (PayloadCipher.WrongPassphraseException e) {
                reject(peer, peerIpField, hs, HandshakeType.REJ_BADSECRET);
                return;
            }
        }
        SrtSession.Handler handler = acceptor.accept(peer, streamId);
        if (handler == null) {
            reject(peer, peerIpField, hs, HandshakeType.REJ_BACKLOG);
            return;
        }
        int latency = Math.max(config.latencyMs(), srt.senderDelayMs());
        int reverseLatency = Math.max(config.latencyMs(), srt.receiverDelayMs());
        int id = SrtSession.newSocketId(random);
        List<HandshakeExtension> ext = new java.util.ArrayList<>();
        ext.add(new HandshakeExtension(
                HandshakeExtension.HSRSP,
                new SrtHsExtension(SrtHsExtension.LIVELOOM_VERSION, SrtHsExtension.LIVE_FLAGS, latency, reverseLatency)
                        .write()));
        int flags = Handshake.EXT_HSREQ;
        if (kmreq != null) {
            ext.add(new HandshakeExtension(HandshakeExtension.KMRSP, kmreq.content()));
            flags |= Handshake.EXT_KMREQ;
        }
        Handshake response = new Handshake(
                5,
                0,
                flags,
                hs.initialSequence(),
                Math.min(config.mss(), hs.mtu()),
                config.flowWindow(),
                HandshakeType.CONCLUSION,
                id,
                hs.cookie(),
                peerIpField,
                ext);
        SrtSession session = SrtSession.accepted(
                name + " (caller " + peer + ")",
                config,
                scheduler,
                d -> output.send(peer, d),
                handler,
                random,
                id,
                hs.socketId(),
                hs.initialSequence(),
                latency,
                cipher,
                streamId,
                response.toPacket(0, hs.socketId()).write());
        sessions.put(peer, session);
        session.onTerminated(() -> sessions.remove(peer, session));
        session.start();
    }

    private void reject(A peer, byte[] peerIpField, Handshake hs, int code) {
        rejected++;
        log.info("{}: refused caller {}: {} ({})", name, peer, HandshakeType.rejectionReason(code), code);
        Handshake answer = new Handshake(
                5,
                0,
                0,
                hs.initialSequence(),
                hs.mtu(),
                hs.flowWindow(),
                code,
                socketId,
                hs.cookie(),
                peerIpField,
                List.of());
        output.send(peer, answer.toPacket(0, hs.socketId()).write());
    }

    private long minute() {
        return scheduler.clock().nanoTime() / 60_000_000_000L;
    }

    private int cookie(A peer, long minute) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cookieKey);
            mac.update(String.valueOf(peer).getBytes(StandardCharsets.UTF_8));
            mac.update(Long.toString(minute).getBytes(StandardCharsets.UTF_8));
            byte[] h = mac.doFinal();
            return SrtPackets.readInt(h, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
