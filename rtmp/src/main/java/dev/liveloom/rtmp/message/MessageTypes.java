package dev.liveloom.rtmp.message;

/** RTMP message type ids (RTMP specification 1.0, sections 5.4 and 7.1). */
public final class MessageTypes {
    private MessageTypes() {}

    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACKNOWLEDGEMENT_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int DATA_AMF3 = 15;
    public static final int SHARED_OBJECT_AMF3 = 16;
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int SHARED_OBJECT_AMF0 = 19;
    public static final int COMMAND_AMF0 = 20;
    public static final int AGGREGATE = 22;

    /** The chunk stream id protocol control messages travel on. */
    public static final int CONTROL_CHUNK_STREAM_ID = 2;

    /** The message stream id protocol control messages travel on. */
    public static final int CONTROL_STREAM_ID = 0;

    /** True for types 1, 2, 3, 5 and 6, which the chunk layer and session handle themselves. */
    public static boolean isProtocolControl(int typeId) {
        return typeId >= SET_CHUNK_SIZE && typeId <= SET_PEER_BANDWIDTH && typeId != USER_CONTROL;
    }

    /** A short name for logs: "SetChunkSize", "Video", or "type 77". */
    public static String name(int typeId) {
        return switch (typeId) {
            case SET_CHUNK_SIZE -> "SetChunkSize";
            case ABORT -> "Abort";
            case ACKNOWLEDGEMENT -> "Acknowledgement";
            case USER_CONTROL -> "UserControl";
            case WINDOW_ACKNOWLEDGEMENT_SIZE -> "WindowAckSize";
            case SET_PEER_BANDWIDTH -> "SetPeerBandwidth";
            case AUDIO -> "Audio";
            case VIDEO -> "Video";
            case DATA_AMF3 -> "DataAmf3";
            case SHARED_OBJECT_AMF3 -> "SharedObjectAmf3";
            case COMMAND_AMF3 -> "CommandAmf3";
            case DATA_AMF0 -> "DataAmf0";
            case SHARED_OBJECT_AMF0 -> "SharedObjectAmf0";
            case COMMAND_AMF0 -> "CommandAmf0";
            case AGGREGATE -> "Aggregate";
            default -> "type " + typeId;
        };
    }
}
