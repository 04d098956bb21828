package dev.liveloom.srt.packet;

import dev.liveloom.core.media.MediaParseException;
import java.util.Arrays;

/**
 * A key material message sent after the handshake as an extension control packet (type 0x7FFF):
 * subtype 3 (KMREQ) when the sender refreshes its keys, subtype 4 (KMRSP) the receiver's answer.
 * The CIF is the key material message in network byte order (parsed by
 * {@code dev.liveloom.srt.crypto.KmMessage}), or one word of error state in a KMRSP.
 */
public record KmControl(boolean response, byte[] message) {
    /**
     * Largest KM message: 16 header bytes, a 16-byte salt and two wrapped 32-byte keys with the
     * 8-byte wrap block: 16 + 16 + 8 + 64 = 104 bytes.
     */
    public static final int MAX_MESSAGE = 104;

    private static final String LAYER = "srt km control";

    public static KmControl read(ControlPacket p) throws MediaParseException {
        if (p.type() != ControlType.EXTENSION
                || (p.subtype() != ControlType.SUBTYPE_KMREQ && p.subtype() != ControlType.SUBTYPE_KMRSP)) {
            throw MediaParseException.malformed(
                    LAYER, 0, "not a KMREQ/KMRSP: " + ControlType.name(p.type()) + " subtype " + p.subtype());
        }
        if (p.cif().length < 4 || p.cif().length > MAX_MESSAGE) {
            throw MediaParseException.malformed(
                    LAYER, SrtPackets.HEADER_SIZE, "KM of " + p.cif().length + " bytes, allowed 4.." + MAX_MESSAGE);
        }
        return new KmControl(p.subtype() == ControlType.SUBTYPE_KMRSP, p.cif().clone());
    }

    public ControlPacket toPacket(int timestamp, int destinationSocketId) {
        return new ControlPacket(
                ControlType.EXTENSION,
                response ? ControlType.SUBTYPE_KMRSP : ControlType.SUBTYPE_KMREQ,
                0,
                timestamp,
                destinationSocketId,
                message.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KmControl k && k.response == response && Arrays.equals(k.message, message);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(message) + (response ? 1 : 0);
    }

    @Override
    public String toString() {
        return "KmControl[" + (response ? "KMRSP" : "KMREQ") + ", " + message.length + " bytes]";
    }
}
