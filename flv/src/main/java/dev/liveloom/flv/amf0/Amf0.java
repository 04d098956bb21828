package dev.liveloom.flv.amf0;

/** AMF0 type markers and the limits shared by {@link Amf0Reader} and {@link Amf0Writer}. */
public final class Amf0 {
    private Amf0() {}

    public static final int NUMBER = 0x00;
    public static final int BOOLEAN = 0x01;
    public static final int STRING = 0x02;
    public static final int OBJECT = 0x03;
    public static final int MOVIECLIP = 0x04;
    public static final int NULL = 0x05;
    public static final int UNDEFINED = 0x06;
    public static final int REFERENCE = 0x07;
    public static final int ECMA_ARRAY = 0x08;
    public static final int OBJECT_END = 0x09;
    public static final int STRICT_ARRAY = 0x0A;
    public static final int DATE = 0x0B;
    public static final int LONG_STRING = 0x0C;
    public static final int UNSUPPORTED = 0x0D;
    public static final int RECORDSET = 0x0E;
    public static final int XML_DOCUMENT = 0x0F;
    public static final int TYPED_OBJECT = 0x10;
    public static final int AVMPLUS = 0x11;

    /**
     * Deepest nesting of objects and arrays. Real messages (onMetaData with its keyframes object,
     * RTMP connect command objects) nest at most three levels; 64 bounds the reader's recursion so a
     * hostile run of nested-object markers cannot exhaust the stack.
     */
    public static final int MAX_DEPTH = 64;

    /**
     * Most entries in one strict array or object. The largest real ones are onMetaData keyframe
     * index arrays (one entry per keyframe: a 10-hour VOD with 1-second GOPs has 36,000); 1 Mi gives
     * ample room while still refusing announced counts that are garbage.
     */
    public static final int MAX_ENTRIES = 1 << 20;

    /**
     * Longest string or long string. AMF0 data travels in an FLV script tag or an RTMP message, both
     * with 24-bit lengths, so nothing longer than 16 MiB can be whole.
     */
    public static final int MAX_STRING_BYTES = (1 << 24) - 1;

    /** The name of a marker for messages ("ecma array"), or its hex value. */
    static String markerName(int marker) {
        return switch (marker) {
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case STRING -> "string";
            case OBJECT -> "object";
            case MOVIECLIP -> "movieclip";
            case NULL -> "null";
            case UNDEFINED -> "undefined";
            case REFERENCE -> "reference";
            case ECMA_ARRAY -> "ecma array";
            case OBJECT_END -> "object end";
            case STRICT_ARRAY -> "strict array";
            case DATE -> "date";
            case LONG_STRING -> "long string";
            case UNSUPPORTED -> "unsupported";
            case RECORDSET -> "recordset";
            case XML_DOCUMENT -> "xml document";
            case TYPED_OBJECT -> "typed object";
            case AVMPLUS -> "avmplus (AMF3)";
            default -> String.format("0x%02x", marker);
        };
    }
}
