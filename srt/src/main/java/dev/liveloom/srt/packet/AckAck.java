package dev.liveloom.srt.packet;

import dev.liveloom.core.media.MediaParseException;

/**
 * ACKACK: the sender's answer to a full ACK, echoing its ACK number in the type-specific field; the
 * receiver measures the round trip from it. The CIF is 4 bytes of padding (ignored when read).
 */
public record AckAck(int ackNumber) {
    public static AckAck read(ControlPacket p) throws MediaParseException {
        if (p.type() != ControlType.ACKACK) {
            throw MediaParseException.malformed("srt ackack", 0, "not an ACKACK: " + ControlType.name(p.type()));
        }
        return new AckAck(p.typeInfo());
    }

    public ControlPacket toPacket(int timestamp, int destinationSocketId) {
        return ControlPacket.of(ControlType.ACKACK, ackNumber, timestamp, destinationSocketId, new byte[4]);
    }
}
