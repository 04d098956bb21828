package dev.liveloom.srt.handshake;

/**
 * Values of the handshake type field: the phases of the exchange, and from 1000 up the rejection
 * reasons a listener answers a refused conclusion with (libsrt's SRT_REJ_* + 1000).
 */
public final class HandshakeType {
    public static final int INDUCTION = 1;
    public static final int WAVEAHAND = 0;
    public static final int CONCLUSION = -1;
    public static final int AGREEMENT = -2;
    public static final int DONE = -3;

    /** The first rejection code. */
    public static final int REJECTION_BASE = 1000;

    public static final int REJ_UNKNOWN = 1000;
    public static final int REJ_SYSTEM = 1001;
    public static final int REJ_PEER = 1002;
    public static final int REJ_RESOURCE = 1003;
    public static final int REJ_ROGUE = 1004;
    public static final int REJ_BACKLOG = 1005;
    public static final int REJ_IPE = 1006;
    public static final int REJ_CLOSE = 1007;
    public static final int REJ_VERSION = 1008;
    public static final int REJ_RDVCOOKIE = 1009;
    public static final int REJ_BADSECRET = 1010;
    public static final int REJ_UNSECURE = 1011;
    public static final int REJ_MESSAGEAPI = 1012;
    public static final int REJ_CONGESTION = 1013;
    public static final int REJ_FILTER = 1014;
    public static final int REJ_GROUP = 1015;
    public static final int REJ_TIMEOUT = 1016;

    private HandshakeType() {}

    public static boolean isRejection(int type) {
        return type >= REJECTION_BASE && type < REJECTION_BASE + 1000;
    }

    /** What a rejection code means, as libsrt's srt_rejectreason_str says it. */
    public static String rejectionReason(int type) {
        return switch (type) {
            case REJ_SYSTEM -> "system function error";
            case REJ_PEER -> "rejected by peer";
            case REJ_RESOURCE -> "resource allocation problem";
            case REJ_ROGUE -> "incorrect data in handshake";
            case REJ_BACKLOG -> "listener's backlog exceeded";
            case REJ_IPE -> "internal program error";
            case REJ_CLOSE -> "socket is closing";
            case REJ_VERSION -> "peer is older than the required minimum version";
            case REJ_RDVCOOKIE -> "rendezvous cookie collision";
            case REJ_BADSECRET -> "wrong password";
            case REJ_UNSECURE -> "password required or unexpected";
            case REJ_MESSAGEAPI -> "stream flag collision";
            case REJ_CONGESTION -> "incompatible congestion-controller type";
            case REJ_FILTER -> "incompatible packet filter";
            case REJ_GROUP -> "incompatible group";
            case REJ_TIMEOUT -> "connection timeout";
            default -> isRejection(type) ? "unknown or erroneous (" + type + ")" : "not a rejection (" + type + ")";
        };
    }

    public static String name(int type) {
        return switch (type) {
            case INDUCTION -> "induction";
            case WAVEAHAND -> "waveahand";
            case CONCLUSION -> "conclusion";
            case AGREEMENT -> "agreement";
            case DONE -> "done";
            default -> isRejection(type) ? "rejection " + type : "type " + type;
        };
    }
}
