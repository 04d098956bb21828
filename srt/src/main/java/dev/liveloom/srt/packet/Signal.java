package dev.liveloom.srt.packet;

import dev.liveloom.core.media.MediaParseException;

/**
 * The control packets that carry nothing but their type: KEEPALIVE (sent after a second without
 * other traffic) and SHUTDOWN (the peer closes). Written with the 4 bytes of zero padding libsrt
 * sends; any CIF is accepted when read.
 */
public record Signal(int type) {
    public static final Signal KEEPALIVE = new Signal(ControlType.KEEPALIVE);
    public static final Signal SHUTDOWN = new Signal(ControlType.SHUTDOWN);

    public Signal {
        if (type != ControlType.KEEPALIVE && type != ControlType.SHUTDOWN) {
            throw new IllegalArgumentException("not a keepalive or shutdown type: " + type);
        }
    }

    public static Signal read(ControlPacket p) throws MediaParseException {
        if (p.type() != ControlType.KEEPALIVE && p.type() != ControlType.SHUTDOWN) {
            throw MediaParseException.malformed(
                    "srt signal", 0, "not a keepalive or shutdown: " + ControlType.name(p.type()));
        }
        return new Signal(p.type());
    }

    public ControlPacket toPacket(int timestamp, int destinationSocketId) {
        return ControlPacket.of(type, 0, timestamp, destinationSocketId, new byte[4]);
    }
}
