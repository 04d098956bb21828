package dev.liveloom.srt.packet;

import dev.liveloom.core.media.MediaParseException;

/**
 * The 16-byte header every SRT datagram starts with, and the limits the parsers bound lengths
 * against. Word 0 holds the F bit (0 data, 1 control) and either the sequence number or the control
 * type and subtype; word 1 the message flags or type-specific information; word 2 the sender's
 * timestamp in microseconds since its connection start (32 bits, wrapping after ~71.6 minutes);
 * word 3 the destination socket id.
 */
public final class SrtPackets {
    /** Bytes of the header common to data and control packets. */
    public static final int HEADER_SIZE = 16;

    /**
     * The largest datagram accepted: SRT's maximum segment size (SRTO_MSS) is at most 1500 bytes,
     * IP and UDP headers included, so no valid SRT datagram is larger.
     */
    public static final int MAX_DATAGRAM = 1500;

    /** Sequence numbers are 31 bits. */
    public static final int MAX_SEQUENCE = 0x7FFF_FFFF;

    private SrtPackets() {}

    /** True when the datagram at {@code off} is a control packet (F bit set). */
    public static boolean isControl(byte[] b, int off) {
        return (b[off] & 0x80) != 0;
    }

    /** The destination socket id of the datagram's header. */
    public static int destinationSocketId(byte[] b, int off) {
        return readInt(b, off + 12);
    }

    /** Checks that a datagram of {@code len} bytes can hold an SRT header and is not oversized. */
    static void checkDatagram(String layer, int len) throws MediaParseException {
        if (len < HEADER_SIZE) {
            throw MediaParseException.truncated(layer, 0, "datagram of " + len + " bytes, header needs " + HEADER_SIZE);
        }
        if (len > MAX_DATAGRAM) {
            throw MediaParseException.malformed(layer, 0, "datagram of " + len + " bytes, limit " + MAX_DATAGRAM);
        }
    }

    public static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
