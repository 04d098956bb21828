package dev.liveloom.srt.session;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.srt.crypto.KmMessage;
import dev.liveloom.srt.handshake.Handshake;
import dev.liveloom.srt.handshake.HandshakeExtension;
import dev.liveloom.srt.handshake.HandshakeType;
import dev.liveloom.srt.handshake.SrtHsExtension;
import dev.liveloom.srt.handshake.StreamIdExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an HSv5 caller sends and how it judges the listener's answer, as libsrt callers do: an
 * HSv4-style induction (version 4, socket type UDT_DGRAM, no cookie), then a version 5 conclusion
 * echoing the cookie with HSREQ, KMREQ when encrypting and SID when a stream ID is set.
 */
final class CallerHandshake {
    private CallerHandshake() {}

    static Handshake induction(SrtConfig config, int initialSequence, int socketId, byte[] peerIp) {
        return new Handshake(
                4,
                0,
                Handshake.UDT_DGRAM,
                initialSequence,
                config.mss(),
                config.flowWindow(),
                HandshakeType.INDUCTION,
                socketId,
                0,
                peerIp,
                List.of());
    }

    /** The conclusion; {@code km} is the key material to offer, or null when not encrypting. */
    static Handshake conclusion(
            SrtConfig config, int initialSequence, int socketId, int cookie, byte[] peerIp, KmMessage km) {
        List<HandshakeExtension> ext = new ArrayList<>();
        int flags = Handshake.EXT_HSREQ;
        ext.add(new HandshakeExtension(
                HandshakeExtension.HSREQ,
                new SrtHsExtension(
                                SrtHsExtension.LIVELOOM_VERSION,
                                SrtHsExtension.LIVE_FLAGS,
                                config.latencyMs(),
                                config.latencyMs())
                        .write()));
        int encryption = 0;
        if (km != null) {
            ext.add(new HandshakeExtension(HandshakeExtension.KMREQ, km.write()));
            flags |= Handshake.EXT_KMREQ;
            encryption = km.keyLength() / 8;
        }
        if (config.streamId() != null && !config.streamId().isEmpty()) {
            ext.add(new HandshakeExtension(HandshakeExtension.SID, StreamIdExtension.write(config.streamId())));
            flags |= Handshake.EXT_CONFIG;
        }
        return new Handshake(
                5,
                encryption,
                flags,
                initialSequence,
                config.mss(),
                config.flowWindow(),
                HandshakeType.CONCLUSION,
                socketId,
                cookie,
                peerIp,
                ext);
    }

    /**
     * The receive latency the listener's conclusion answer settles on (the larger of ours and its
     * sender delay).
     *
     * @throws IOException saying why the answer cannot be accepted (no HSRSP, key material refused)
     */
    static int accept(String name, SrtConfig config, Handshake hs, boolean encrypting)
            throws IOException, MediaParseException {
        HandshakeExtension rsp = hs.extension(HandshakeExtension.HSRSP);
        if (hs.version() < 5 || rsp == null) {
            throw new IOException(name + ": the listener's conclusion has no HSRSP (handshake version " + hs.version()
                    + "); liveloom needs SRT 1.3 or later");
        }
        SrtHsExtension srt = SrtHsExtension.read(rsp.content());
        if (encrypting) {
            HandshakeExtension km = hs.extension(HandshakeExtension.KMRSP);
            if (km == null) {
                throw new IOException(name + ": the listener does not encrypt (no KMRSP) but a passphrase is set");
            }
            int err = KmMessage.errorState(km.content());
            if (err >= 0) {
                throw new IOException(name + ": the listener refused the key material: "
                        + (err == KmMessage.STATE_BADSECRET
                                ? "wrong passphrase"
                                : err == KmMessage.STATE_NOSECRET ? "the listener has no passphrase" : "state " + err));
            }
        }
        return Math.max(config.latencyMs(), srt.senderDelayMs());
    }
}
