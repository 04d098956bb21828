package dev.liveloom.srt.session;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.runtime.Scheduler;
import dev.liveloom.srt.buffer.ReceiveBuffer;
import dev.liveloom.srt.buffer.SeqNumbers;
import dev.liveloom.srt.buffer.Tsbpd;
import dev.liveloom.srt.crypto.KmMessage;
import dev.liveloom.srt.crypto.PayloadCipher;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.handshake.HandshakeType;
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
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SRT live-mode receiving connection, transport-neutral: datagrams come in through
 * {@link #receive}, go out through a {@link Transport}, and every timer runs on the injected
 * {@link Scheduler} (whose clock is the only time read). A caller session runs the HSv5 handshake
 * itself ({@link #caller}); a listener's sessions are created by {@link SrtListener} once it has
 * accepted a conclusion.
 *
 * <p>Connected, it acknowledges every 10 ms (full ACKs, RTT from the ACKACKs), reports gaps at once
 * and periodically (NAK), releases payloads in order at their TSBPD time, gives up packets whose
 * time passed (too-late drop), answers key refreshes (KMREQ), sends a keepalive after a second of
 * silence, fails after {@code idleTimeoutMs} without a packet from the peer and ends on SHUTDOWN.
 * Not thread-safe: every method runs on the scheduler's thread, and the {@link Handler} is called
 * there.
 */
public final class SrtSession {
    /** Sends one datagram to the peer. */
    public interface Transport {
        void send(byte[] datagram);
    }

    /** What the session tells its owner; called on the session's thread, must not block. */
    public interface Handler {
        /** The handshake completed. */
        default void connected(SrtSession session) {}

        /** The next payload in sequence order, at its delivery time. */
        void payload(byte[] payload);

        /** The peer shut the connection down; every payload held was delivered first. */
        default void ended() {}

        /** The connection failed (handshake refused or timed out, peer silent, bad key). */
        default void failed(IOException error) {}
    }

    private enum State {
        INDUCTION,
        CONCLUSION,
        CONNECTED,
        CLOSED,
        FAILED
    }

    /** The ACK and timer period (SRT's SYN interval). */
    static final long TICK_MS = 10;

    static final long HANDSHAKE_RESEND_NS = 250_000_000L;
    static final long KEEPALIVE_NS = 1_000_000_000L;
    static final long MIN_NAK_INTERVAL_US = 20_000;

    private final String name;
    private final SrtConfig config;
    private final Scheduler scheduler;
    private final Transport transport;
    private final Handler handler;
    private final SecureRandom random;
    private final long startNs;
    private final int socketId;
    private State state;
    private int peerSocketId;
    private Runnable onTerminated = () -> {};
    private String streamId;
    private Scheduler.Cancellable tick;

    // caller handshake
    private byte[] peerIp;
    private int initialSequence;
    private byte[] handshakeDatagram;
    private long handshakeSentNs;
    private long connectDeadlineNs;
    private KmMessage sentKm;
    // a listener's answer to the conclusion, sent again when the caller repeats it
    private byte[] conclusionResponse;

    private ReceiveBuffer buffer;
    private Tsbpd tsbpd;
    private PayloadCipher cipher;
    private int latencyMs;
    private long lastReceiveNs;
    private long lastSendNs;
    private int lastAckSequence = -1;
    private AckClock acks;
    private long lastNakNs;

    private long packetsReceived;
    private long bytesReceived;
    private long packetsLost;
    private long packetsRetransmitted;
    private long packetsDropped;
    private long packetsDuplicate;
    private long packetsBelated;
    private long packetsUndecryptable;
    private long datagramsMalformed;
    private long packetsDelivered;

    private final ReceiveBuffer.Sink sink = new ReceiveBuffer.Sink() {
        @Override
        public void deliver(int sequence, byte[] payload) {
            packetsDelivered++;
            handler.payload(payload);
        }

        @Override
        public void dropped(int firstSequence, int count) {
            packetsDropped += count;
        }
    };

    private SrtSession(
            String name,
            SrtConfig config,
            Scheduler scheduler,
            Transport transport,
            Handler handler,
            SecureRandom random,
            int socketId,
            State state) {
        this.name = name;
        this.config = config;
        this.scheduler = scheduler;
        this.transport = transport;
        this.handler = handler;
        this.random = random;
        this.socketId = socketId;
        this.state = state;
        this.startNs = scheduler.clock().nanoTime();
    }

    /**
     * A caller: call {@link #start} to send the induction.
     *
     * @param name the peer's name for messages, secrets redacted
     * @param peerIpField the peer's address as {@link Handshake#peerIpField} writes it
     */
    public static SrtSession caller(
            String name,
            SrtConfig config,
            Scheduler scheduler,
            Transport transport,
            Handler handler,
            SecureRandom random,
            byte[] peerIpField) {
        SrtSession s = new SrtSession(
                name, config, scheduler, transport, handler, random, newSocketId(random), State.INDUCTION);
        s.peerIp = peerIpField.clone();
        s.streamId = config.streamId();
        s.initialSequence = random.nextInt() & SeqNumbers.MAX;
        return s;
    }

    /** A connection a listener accepted; {@link #start} sends {@code response} and starts receiving. */
    static SrtSession accepted(
            String name,
            SrtConfig config,
            Scheduler scheduler,
            Transport transport,
            Handler handler,
            SecureRandom random,
            int socketId,
            int peerSocketId,
            int initialSequence,
            int latencyMs,
            PayloadCipher cipher,
            String streamId,
            byte[] response) {
        SrtSession s = new SrtSession(name, config, scheduler, transport, handler, random, socketId, State.CONCLUSION);
        s.streamId = streamId;
        s.peerSocketId = peerSocketId;
        s.initialSequence = initialSequence;
        s.latencyMs = latencyMs;
        s.cipher = cipher;
        s.conclusionResponse = response;
        return s;
    }

    static int newSocketId(SecureRandom random) {
        // libsrt's socket ids are positive 31-bit numbers; 0 addresses a listener
        return 1 + random.nextInt(0x3FFF_FFFF);
    }

    /** Runs once the session is closed or failed (the listener forgets it). */
    void onTerminated(Runnable r) {
        this.onTerminated = r;
    }

    /** Starts the handshake (caller) or the connection (accepted). */
    public void start() {
        if (state == State.INDUCTION) {
            connectDeadlineNs = now() + TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMs());
            Handshake induction = CallerHandshake.induction(config, initialSequence, socketId, peerIp);
            sendHandshake(induction, 0);
            schedule();
        } else if (state == State.CONCLUSION && conclusionResponse != null) {
            send(conclusionResponse);
            connect(latencyMs);
        } else {
            throw new IllegalStateException("cannot start " + name + ": state " + state
                    + ", allowed INDUCTION (a new caller) or CONCLUSION (a connection the listener accepted)");
        }
    }

    /** A datagram from the peer; malformed ones are counted and dropped. */
    public void receive(byte[] b, int off, int len) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        try {
            if (len < SrtPackets.HEADER_SIZE || SrtPackets.destinationSocketId(b, off) != expectedDestination(b, off)) {
                datagramsMalformed++;
                return;
            }
            lastReceiveNs = now();
            if (SrtPackets.isControl(b, off)) {
                onControl(ControlPacket.read(b, off, len));
            } else if (state == State.CONNECTED) {
                onData(DataPacket.read(b, off, len));
            }
        } catch (MediaParseException e) {
            datagramsMalformed++;
        }
    }

    private int expectedDestination(byte[] b, int off) {
        // a listener's sessions also see the caller's repeated conclusion, addressed to socket 0
        if (SrtPackets.isControl(b, off) && SrtPackets.destinationSocketId(b, off) == 0 && conclusionResponse != null) {
            return 0;
        }
        return socketId;
    }

    /** Sends SHUTDOWN when connected and stops. Safe to call twice. */
    public void close() {
        if (state == State.CONNECTED) {
            send(Signal.SHUTDOWN.toPacket(timestamp(), peerSocketId).write());
        }
        if (state != State.FAILED && state != State.CLOSED) {
            state = State.CLOSED;
            terminate();
        }
    }

    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** How long the peer has sent nothing (on the session's event loop). */
    public long silentNanos() {
        return now() - lastReceiveNs;
    }

    public int socketId() {
        return socketId;
    }

    /** The stream ID the caller sent (listener side), or the one this caller sent; null when none. */
    public String streamId() {
        return streamId;
    }

    public int latencyMs() {
        return latencyMs;
    }

    public SrtStats stats() {
        return new SrtStats(
                acks == null ? SrtStats.NONE.rttUs() : acks.rttUs(),
                acks == null ? SrtStats.NONE.rttVarianceUs() : acks.rttVarianceUs(),
                packetsReceived,
                bytesReceived,
                packetsLost,
                packetsRetransmitted,
                packetsDropped,
                packetsDuplicate,
                packetsBelated,
                packetsUndecryptable,
                datagramsMalformed,
                packetsDelivered,
                latencyMs);
    }

    private void onData(DataPacket p) {
        byte[] payload = p.payload();
        if (p.keyFlag() != DataPacket.KEY_NONE) {
            if (cipher == null) {
                packetsUndecryptable++;
                return;
            }
            try {
                payload = cipher.transform(p.keyFlag(), p.sequence(), payload);
            } catch (GeneralSecurityException e) {
                packetsUndecryptable++;
                return;
            }
        }
        packetsReceived++;
        bytesReceived += payload.length;
        acks.received(payload.length);
        int expected = buffer.expectedSequence();
        long nowUs = now() / 1000;
        long at = tsbpd.deliveryTime(p.timestamp(), nowUs);
        switch (buffer.insert(p.sequence(), at, payload)) {
            case ADDED -> {
                int gap = SeqNumbers.offset(expected, p.sequence());
                if (gap > 0) {
                    packetsLost += gap;
                    sendNak(List.of(new Nak.Range(expected, SeqNumbers.add(p.sequence(), -1))));
                }
            }
            case FILLED -> packetsRetransmitted++;
            case DUPLICATE -> packetsDuplicate++;
            case BELATED -> packetsBelated++;
            case OUT_OF_WINDOW -> datagramsMalformed++;
        }
        buffer.release(nowUs, sink);
    }

    private void onControl(ControlPacket c) throws MediaParseException {
        switch (c.type()) {
            case ControlType.HANDSHAKE -> onHandshake(Handshake.read(c));
            case ControlType.ACKACK -> {
                if (state == State.CONNECTED) {
                    onAckAck(AckAck.read(c));
                }
            }
            case ControlType.SHUTDOWN -> {
                if (state == State.CONNECTED) {
                    buffer.flush(sink);
                    state = State.CLOSED;
                    terminate();
                    handler.ended();
                }
            }
            case ControlType.DROP_REQUEST -> {
                if (state == State.CONNECTED) {
                    DropRequest d = DropRequest.read(c);
                    buffer.abandon(d.firstSequence(), d.lastSequence());
                }
            }
            case ControlType.EXTENSION -> {
                if (state == State.CONNECTED && c.subtype() == ControlType.SUBTYPE_KMREQ) {
                    onKeyRefresh(KmControl.read(c));
                }
            }
            case ControlType.PEER_ERROR -> fail(new IOException(name + ": the peer reported error " + c.typeInfo()));
            default -> {
                // keepalive refreshed lastReceiveNs; ACK/NAK/congestion concern a sender
            }
        }
    }

    private void onHandshake(Handshake hs) throws MediaParseException {
        if (HandshakeType.isRejection(hs.type()) && (state == State.INDUCTION || state == State.CONCLUSION)) {
            fail(new IOException(name + ": connection rejected: " + HandshakeType.rejectionReason(hs.type()) + " ("
                    + hs.type() + ")"));
            return;
        }
        if (state == State.INDUCTION && hs.type() == HandshakeType.INDUCTION) {
            if (hs.version() < 5 || hs.extensionField() != Handshake.SRT_MAGIC) {
                fail(new IOException(name + ": the listener speaks handshake version " + hs.version()
                        + " only; liveloom needs version 5 (SRT 1.3 or later)"));
                return;
            }
            state = State.CONCLUSION;
            sendHandshake(conclusion(hs.cookie()), 0);
        } else if (state == State.CONCLUSION && conclusionResponse == null && hs.type() == HandshakeType.CONCLUSION) {
            onConclusionResponse(hs);
        } else if (conclusionResponse != null && hs.type() == HandshakeType.CONCLUSION) {
            // the caller did not get our answer: send it again
            send(conclusionResponse);
        }
    }

    private Handshake conclusion(int cookie) {
        if (config.passphrase() != null) {
            cipher = new PayloadCipher(config.passphrase().chars());
            sentKm = cipher.generate(config.keyLength(), random);
        }
        return CallerHandshake.conclusion(config, initialSequence, socketId, cookie, peerIp, sentKm);
    }

    private void onConclusionResponse(Handshake hs) throws MediaParseException {
        int latency;
        try {
            latency = CallerHandshake.accept(name, config, hs, sentKm != null);
        } catch (IOException e) {
            fail(e);
            return;
        }
        peerSocketId = hs.socketId();
        handshakeDatagram = null;
        connect(latency);
    }

    private void connect(int latency) {
        latencyMs = latency;
        buffer = new ReceiveBuffer(config.flowWindow(), initialSequence);
        tsbpd = new Tsbpd(latency * 1000L);
        state = State.CONNECTED;
        long now = now();
        lastReceiveNs = now;
        acks = new AckClock(now);
        lastNakNs = now;
        if (tick == null) {
            schedule();
        }
        handler.connected(this);
    }

    private void onAckAck(AckAck a) {
        acks.ackAck(a.ackNumber(), now());
    }

    private void onKeyRefresh(KmControl km) throws MediaParseException {
        if (cipher == null) {
            send(new KmControl(true, state(KmMessage.STATE_NOSECRET))
                    .toPacket(timestamp(), peerSocketId)
                    .write());
            return;
        }
        KmMessage msg = KmMessage.read(km.message());
        try {
            cipher.install(msg);
        } catch (PayloadCipher.WrongPassphraseException e) {
            send(new KmControl(true, state(KmMessage.STATE_BADSECRET))
                    .toPacket(timestamp(), peerSocketId)
                    .write());
            fail(new IOException(name + ": key refresh failed: " + e.getMessage()));
            return;
        }
        send(new KmControl(true, km.message())
                .toPacket(timestamp(), peerSocketId)
                .write());
    }

    private static byte[] state(int s) {
        byte[] b = new byte[4];
        SrtPackets.writeInt(b, 0, s);
        return b;
    }

    private void schedule() {
        tick = scheduler.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        long now = now();
        if (state == State.INDUCTION || state == State.CONCLUSION) {
            if (now - connectDeadlineNs >= 0) {
                fail(new IOException(name + ": no handshake answer within " + config.connectTimeoutMs() + " ms ("
                        + (state == State.INDUCTION ? "induction" : "conclusion") + ")"));
                return;
            }
            if (handshakeDatagram != null && now - handshakeSentNs >= HANDSHAKE_RESEND_NS) {
                handshakeSentNs = now;
                send(handshakeDatagram);
            }
            schedule();
            return;
        }
        if (now - lastReceiveNs > TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMs())) {
            fail(new IOException(name + ": no packet from the peer for " + config.idleTimeoutMs() + " ms"));
            return;
        }
        buffer.release(now / 1000, sink);
        sendAck(now);
        long nakIntervalUs = Math.max(MIN_NAK_INTERVAL_US, (acks.rttUs() + 4 * acks.rttVarianceUs()) / 2);
        if ((now - lastNakNs) / 1000 >= nakIntervalUs) {
            List<Nak.Range> losses = buffer.losses(Nak.MAX_WORDS);
            if (!losses.isEmpty()) {
                sendNak(losses);
            }
        }
        if (now - lastSendNs >= KEEPALIVE_NS) {
            send(Signal.KEEPALIVE.toPacket(timestamp(), peerSocketId).write());
        }
        if (state == State.CONNECTED) {
            schedule();
        }
    }

    private void sendAck(long now) {
        int ack = buffer.ackSequence();
        if (ack == lastAckSequence) {
            return;
        }
        int number = acks.nextAck(now);
        lastAckSequence = ack;
        // no packet-pair probing: the link capacity field repeats the receive rate
        Ack a = Ack.full(
                number,
                ack,
                (int) acks.rttUs(),
                (int) acks.rttVarianceUs(),
                buffer.available(),
                acks.packetRate(),
                acks.packetRate(),
                acks.byteRate());
        send(a.toPacket(timestamp(), peerSocketId).write());
    }

    private void sendNak(List<Nak.Range> losses) {
        lastNakNs = now();
        send(new Nak(losses).toPacket(timestamp(), peerSocketId).write());
    }

    private void sendHandshake(Handshake hs, int destination) {
        handshakeDatagram = hs.toPacket(timestamp(), destination).write();
        handshakeSentNs = now();
        send(handshakeDatagram);
    }

    private void send(byte[] datagram) {
        lastSendNs = now();
        transport.send(datagram);
    }

    private void fail(IOException e) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        terminate();
        handler.failed(e);
    }

    private void terminate() {
        if (tick != null) {
            tick.cancel();
        }
        onTerminated.run();
    }

    private int timestamp() {
        return (int) ((now() - startNs) / 1000);
    }

    private long now() {
        return scheduler.clock().nanoTime();
    }

    @Override
    public String toString() {
        return "SrtSession[" + name + ", " + state + ", socket " + socketId + "]";
    }
}
