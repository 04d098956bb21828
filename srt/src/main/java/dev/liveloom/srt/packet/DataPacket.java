package dev.liveloom.srt.packet;

import static dev.liveloom.srt.packet.SrtPackets.HEADER_SIZE;
import static dev.liveloom.srt.packet.SrtPackets.readInt;
import static dev.liveloom.srt.packet.SrtPackets.writeInt;

import dev.liveloom.core.media.MediaParseException;
import java.util.Arrays;

/**
 * An SRT data packet: sequence number (31 bits), PP position (3 = a whole message, as live mode
 * sends), O in-order flag, KK encryption key flag (0 clear, 1 even key, 2 odd key), R retransmitted
 * flag, message number (26 bits), timestamp, destination socket id and the payload.
 */
public record DataPacket(
        int sequence,
        int position,
        boolean inOrder,
        int keyFlag,
        boolean retransmitted,
        int messageNumber,
        int timestamp,
        int destinationSocketId,
        byte[] payload) {

    /** PP: the packet holds a whole message. */
    public static final int POSITION_SOLO = 3;

    /** KK: payload in the clear. */
    public static final int KEY_NONE = 0;
    /** KK: payload encrypted with the even key. */
    public static final int KEY_EVEN = 1;
    /** KK: payload encrypted with the odd key. */
    public static final int KEY_ODD = 2;

    private static final String LAYER = "srt data packet";

    public DataPacket {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence + " is not 31 bits");
        }
        if (position < 0 || position > 3 || keyFlag < 0 || keyFlag > 3) {
            throw new IllegalArgumentException("position " + position + " and key flag " + keyFlag + " are 2 bits");
        }
        if ((messageNumber & ~0x03FF_FFFF) != 0) {
            throw new IllegalArgumentException("message number " + messageNumber + " is not 26 bits");
        }
    }

    /** Parses the datagram {@code b[off, off+len)}, which must be a data packet. */
    public static DataPacket read(byte[] b, int off, int len) throws MediaParseException {
        SrtPackets.checkDatagram(LAYER, len);
        int w0 = readInt(b, off);
        if (w0 < 0) {
            throw MediaParseException.malformed(LAYER, 0, "F bit set: a control packet");
        }
        int w1 = readInt(b, off + 4);
        return new DataPacket(
                w0,
                w1 >>> 30,
                (w1 & 0x2000_0000) != 0,
                (w1 >>> 27) & 3,
                (w1 & 0x0400_0000) != 0,
                w1 & 0x03FF_FFFF,
                readInt(b, off + 8),
                readInt(b, off + 12),
                Arrays.copyOfRange(b, off + HEADER_SIZE, off + len));
    }

    /** The datagram. */
    public byte[] write() {
        byte[] b = new byte[HEADER_SIZE + payload.length];
        writeInt(b, 0, sequence);
        int w1 = (position << 30)
                | (inOrder ? 0x2000_0000 : 0)
                | (keyFlag << 27)
                | (retransmitted ? 0x0400_0000 : 0)
                | messageNumber;
        writeInt(b, 4, w1);
        writeInt(b, 8, timestamp);
        writeInt(b, 12, destinationSocketId);
        System.arraycopy(payload, 0, b, HEADER_SIZE, payload.length);
        return b;
    }

    /** The same packet with another payload and key flag (after decryption or for retransmission). */
    public DataPacket with(byte[] newPayload, int newKeyFlag, boolean newRetransmitted) {
        return new DataPacket(
                sequence,
                position,
                inOrder,
                newKeyFlag,
                newRetransmitted,
                messageNumber,
                timestamp,
                destinationSocketId,
                newPayload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataPacket d
                && d.sequence == sequence
                && d.position == position
                && d.inOrder == inOrder
                && d.keyFlag == keyFlag
                && d.retransmitted == retransmitted
                && d.messageNumber == messageNumber
                && d.timestamp == timestamp
                && d.destinationSocketId == destinationSocketId
                && Arrays.equals(d.payload, payload);
    }

    @Override
    public int hashCode() {
        return sequence * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DataPacket[seq=" + sequence + ", pp=" + position + ", kk=" + keyFlag + ", r=" + retransmitted
                + ", msg=" + messageNumber + ", ts=" + timestamp + ", dst=" + destinationSocketId + ", "
                + payload.length + " bytes]";
    }
}
