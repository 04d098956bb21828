package dev.liveloom.srt.handshake;

import static dev.liveloom.srt.packet.SrtPackets.readInt;
import static dev.liveloom.srt.packet.SrtPackets.writeInt;

import dev.liveloom.core.media.MediaParseException;

/**
 * The HSREQ/HSRSP extension: the SRT library version (0x00MMmmpp), the capability flags and the
 * TSBPD delays in milliseconds (receiver delay in the upper 16 bits, sender delay in the lower).
 */
public record SrtHsExtension(int version, int flags, int receiverDelayMs, int senderDelayMs) {
    public static final int TSBPDSND = 0x01;
    public static final int TSBPDRCV = 0x02;
    public static final int CRYPT = 0x04;
    public static final int TLPKTDROP = 0x08;
    public static final int PERIODICNAK = 0x10;
    public static final int REXMITFLG = 0x20;
    public static final int STREAM = 0x40;
    public static final int PACKET_FILTER = 0x80;

    /** The version liveloom announces: 1.5.0, the protocol level it follows. */
    public static final int LIVELOOM_VERSION = 0x0001_0500;

    /** The flags of a live-mode peer with TSBPD both ways, loss reports and the R flag. */
    public static final int LIVE_FLAGS = TSBPDSND | TSBPDRCV | CRYPT | TLPKTDROP | PERIODICNAK | REXMITFLG;

    private static final String LAYER = "srt hsreq";

    public SrtHsExtension {
        if (receiverDelayMs < 0 || receiverDelayMs > 0xFFFF || senderDelayMs < 0 || senderDelayMs > 0xFFFF) {
            throw new IllegalArgumentException(
                    "TSBPD delays are 16-bit milliseconds: " + receiverDelayMs + ", " + senderDelayMs);
        }
    }

    public static SrtHsExtension read(byte[] content) throws MediaParseException {
        // libsrt writes three words; older peers may add none, newer ones are read by their prefix
        if (content.length < 12) {
            throw MediaParseException.truncated(LAYER, 0, content.length + " bytes, needs 12");
        }
        int delays = readInt(content, 8);
        return new SrtHsExtension(readInt(content, 0), readInt(content, 4), delays >>> 16, delays & 0xFFFF);
    }

    public byte[] write() {
        byte[] b = new byte[12];
        writeInt(b, 0, version);
        writeInt(b, 4, flags);
        writeInt(b, 8, (receiverDelayMs << 16) | senderDelayMs);
        return b;
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** The version as "1.5.2". */
    public String versionText() {
        return ((version >>> 16) & 0xFF) + "." + ((version >>> 8) & 0xFF) + "." + (version & 0xFF);
    }
}
