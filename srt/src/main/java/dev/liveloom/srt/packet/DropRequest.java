package dev.liveloom.srt.packet;

import dev.liveloom.core.media.MediaParseException;

/**
 * A message drop request: the sender gave up the packets {@code firstSequence..lastSequence}
 * (message {@code messageNumber}, in the type-specific field); the receiver stops asking for them.
 */
public record DropRequest(int messageNumber, int firstSequence, int lastSequence) {
    private static final String LAYER = "srt drop request";

    public static DropRequest read(ControlPacket p) throws MediaParseException {
        if (p.type() != ControlType.DROP_REQUEST) {
            throw MediaParseException.malformed(LAYER, 0, "not a drop request: " + ControlType.name(p.type()));
        }
        if (p.cif().length < 8) {
            throw MediaParseException.truncated(
                    LAYER, SrtPackets.HEADER_SIZE, "CIF of " + p.cif().length + " bytes, needs 8");
        }
        return new DropRequest(p.typeInfo(), p.word(0) & SrtPackets.MAX_SEQUENCE, p.word(1) & SrtPackets.MAX_SEQUENCE);
    }

    public ControlPacket toPacket(int timestamp, int destinationSocketId) {
        byte[] cif = new byte[8];
        SrtPackets.writeInt(cif, 0, firstSequence);
        SrtPackets.writeInt(cif, 4, lastSequence);
        return ControlPacket.of(ControlType.DROP_REQUEST, messageNumber, timestamp, destinationSocketId, cif);
    }
}
