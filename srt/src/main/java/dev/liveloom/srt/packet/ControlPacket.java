package dev.liveloom.srt.packet;

import static dev.liveloom.srt.packet.SrtPackets.HEADER_SIZE;
import static dev.liveloom.srt.packet.SrtPackets.readInt;
import static dev.liveloom.srt.packet.SrtPackets.writeInt;

import dev.liveloom.core.media.MediaParseException;
import java.util.Arrays;

/**
 * An SRT control packet: type (15 bits), subtype (16 bits), type-specific information, timestamp,
 * destination socket id and the control information field (CIF) the typed classes ({@link Ack},
 * {@link Nak}, ...) read and write.
 */
public record ControlPacket(int type, int subtype, int typeInfo, int timestamp, int destinationSocketId, byte[] cif) {
    private static final String LAYER = "srt control packet";

    public ControlPacket {
        if (type < 0 || type > 0x7FFF || subtype < 0 || subtype > 0xFFFF) {
            throw new IllegalArgumentException("type " + type + " is 15 bits, subtype " + subtype + " 16 bits");
        }
    }

    /** A packet of {@code type} with no subtype. */
    public static ControlPacket of(int type, int typeInfo, int timestamp, int destinationSocketId, byte[] cif) {
        return new ControlPacket(type, 0, typeInfo, timestamp, destinationSocketId, cif);
    }

    /** Parses the datagram {@code b[off, off+len)}, which must be a control packet. */
    public static ControlPacket read(byte[] b, int off, int len) throws MediaParseException {
        SrtPackets.checkDatagram(LAYER, len);
        int w0 = readInt(b, off);
        if (w0 >= 0) {
            throw MediaParseException.malformed(LAYER, 0, "F bit clear: a data packet");
        }
        return new ControlPacket(
                (w0 >>> 16) & 0x7FFF,
                w0 & 0xFFFF,
                readInt(b, off + 4),
                readInt(b, off + 8),
                readInt(b, off + 12),
                Arrays.copyOfRange(b, off + HEADER_SIZE, off + len));
    }

    /** The datagram. */
    public byte[] write() {
        byte[] b = new byte[HEADER_SIZE + cif.length];
        writeInt(b, 0, 0x8000_0000 | (type << 16) | subtype);
        writeInt(b, 4, typeInfo);
        writeInt(b, 8, timestamp);
        writeInt(b, 12, destinationSocketId);
        System.arraycopy(cif, 0, b, HEADER_SIZE, cif.length);
        return b;
    }

    /** The CIF's 32-bit word {@code i}. */
    public int word(int i) {
        return readInt(cif, i * 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlPacket c
                && c.type == type
                && c.subtype == subtype
                && c.typeInfo == typeInfo
                && c.timestamp == timestamp
                && c.destinationSocketId == destinationSocketId
                && Arrays.equals(c.cif, cif);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(cif);
    }

    @Override
    public String toString() {
        return "ControlPacket[" + ControlType.name(type) + ", subtype=" + subtype + ", info=" + typeInfo + ", ts="
                + timestamp + ", dst=" + destinationSocketId + ", " + cif.length + " bytes]";
    }
}
