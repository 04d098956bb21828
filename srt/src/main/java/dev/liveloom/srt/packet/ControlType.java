package dev.liveloom.srt.packet;

/** Control packet types (the 15 bits after the F bit) and the subtypes of the extension type. */
public final class ControlType {
    public static final int HANDSHAKE = 0;
    public static final int KEEPALIVE = 1;
    public static final int ACK = 2;
    public static final int NAK = 3;
    public static final int CONGESTION_WARNING = 4;
    public static final int SHUTDOWN = 5;
    public static final int ACKACK = 6;
    public static final int DROP_REQUEST = 7;
    public static final int PEER_ERROR = 8;
    /** SRT's extension type; the subtype says which message (HSREQ, KMREQ, ...). */
    public static final int EXTENSION = 0x7FFF;

    /** Extension subtype: key material request (a key refresh from the sender). */
    public static final int SUBTYPE_KMREQ = 3;
    /** Extension subtype: key material response. */
    public static final int SUBTYPE_KMRSP = 4;

    private ControlType() {}

    /** A name for messages. */
    public static String name(int type) {
        return switch (type) {
            case HANDSHAKE -> "handshake";
            case KEEPALIVE -> "keepalive";
            case ACK -> "ack";
            case NAK -> "nak";
            case CONGESTION_WARNING -> "congestion warning";
            case SHUTDOWN -> "shutdown";
            case ACKACK -> "ackack";
            case DROP_REQUEST -> "drop request";
            case PEER_ERROR -> "peer error";
            case EXTENSION -> "extension";
            default -> "type 0x" + Integer.toHexString(type);
        };
    }
}
