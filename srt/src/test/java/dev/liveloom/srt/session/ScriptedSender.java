package dev.liveloom.srt.session;

import dev.liveloom.core.testing.VirtualScheduler;
import dev.liveloom.srt.crypto.KmMessage;
import dev.liveloom.srt.crypto.PayloadCipher;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.handshake.HandshakeExtension;
import dev.liveloom.srt.handshake.HandshakeType;
import dev.liveloom.srt.handshake.SrtHsExtension;
import dev.liveloom.srt.handshake.StreamIdExtension;
import dev.liveloom.srt.packet.AckAck;
import dev.liveloom.srt.packet.ControlPacket;
import dev.liveloom.srt.packet.DataPacket;
import dev.liveloom.srt.packet.SrtPackets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal SRT live sender speaking to an {@link SrtListener} in virtual time: the HSv5 caller
 * handshake (HSv4-style induction, conclusion with HSREQ, KMREQ and SID), data packets with the
 * timestamps of the virtual clock, encryption, retransmissions and ACKACKs on demand. What the
 * listener sends back is kept in {@link #received}.
 */
final class ScriptedSender {
    static final String PEER = "10.0.0.2:5000";
    static final byte[] PEER_IP = new byte[16];

    final VirtualScheduler clock;
    final List<byte[]> received = new ArrayList<>();
    final int socketId = 4242;
    final int isn = 1000;
    final long startNs;
    SrtListener<String> listener;
    int peerSocketId;
    PayloadCipher cipher;
    KmMessage km;
    Handshake response;

    ScriptedSender(VirtualScheduler clock) {
        this.clock = clock;
        this.startNs = clock.nanoTime();
    }

    /** Handshakes with {@code listener}; returns the conclusion answer. */
    Handshake connect(SrtListener<String> l, String passphrase, int keyLength, int latencyMs, String streamId)
            throws Exception {
        this.listener = l;
        Handshake induction =
                new Handshake(4, 0, 2, isn, 1500, 8192, HandshakeType.INDUCTION, socketId, 0, PEER_IP, List.of());
        send(induction.toPacket(ts(), 0).write());
        Handshake answer = Handshake.read(ControlPacket.read(last(), 0, last().length));
        List<HandshakeExtension> ext = new ArrayList<>();
        ext.add(new HandshakeExtension(
                HandshakeExtension.HSREQ,
                new SrtHsExtension(0x010502, SrtHsExtension.LIVE_FLAGS, latencyMs, latencyMs).write()));
        int flags = Handshake.EXT_HSREQ;
        if (passphrase != null) {
            cipher = new PayloadCipher(passphrase.toCharArray());
            km = cipher.generate(keyLength, new SecureRandom());
            ext.add(new HandshakeExtension(HandshakeExtension.KMREQ, km.write()));
            flags |= Handshake.EXT_KMREQ;
        }
        if (streamId != null) {
            ext.add(new HandshakeExtension(HandshakeExtension.SID, StreamIdExtension.write(streamId)));
            flags |= Handshake.EXT_CONFIG;
        }
        Handshake conclusion = new Handshake(
                5, 0, flags, isn, 1500, 8192, HandshakeType.CONCLUSION, socketId, answer.cookie(), PEER_IP, ext);
        send(conclusion.toPacket(ts(), 0).write());
        response = Handshake.read(ControlPacket.read(last(), 0, last().length));
        peerSocketId = response.socketId();
        return response;
    }

    byte[] last() {
        return received.get(received.size() - 1);
    }

    int ts() {
        return (int) ((clock.nanoTime() - startNs) / 1000);
    }

    void send(byte[] datagram) {
        listener.receive(PEER, PEER_IP, datagram, 0, datagram.length);
    }

    /** Data packet {@code isn + n} with a one-byte payload {@code n}, stamped now. */
    void data(int n) throws Exception {
        data(n, ts(), false, DataPacket.KEY_EVEN);
    }

    void data(int n, int timestamp, boolean retransmitted, int key) throws Exception {
        byte[] payload = {(byte) n, 0x47};
        int seq = isn + n;
        int kk = DataPacket.KEY_NONE;
        if (cipher != null) {
            payload = cipher.transform(key, seq, payload);
            kk = key;
        }
        send(new DataPacket(seq, 3, false, kk, retransmitted, n + 1, timestamp, peerSocketId, payload).write());
    }

    /** Answers every full ACK received so far with an ACKACK. */
    void ackAckAll() throws Exception {
        for (byte[] d : List.copyOf(received)) {
            if (SrtPackets.isControl(d, 0)) {
                ControlPacket c = ControlPacket.read(d, 0, d.length);
                if (c.type() == dev.liveloom.srt.packet.ControlType.ACK && c.cif().length == 28) {
                    send(new AckAck(c.typeInfo()).toPacket(ts(), peerSocketId).write());
                }
            }
        }
        received.clear();
    }

    /** The control packets of {@code type} received, parsed. */
    List<ControlPacket> control(int type) throws Exception {
        List<ControlPacket> out = new ArrayList<>();
        for (byte[] d : received) {
            if (SrtPackets.isControl(d, 0)) {
                ControlPacket c = ControlPacket.read(d, 0, d.length);
                if (c.type() == type) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
