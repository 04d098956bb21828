package dev.liveloom.core.media;

import java.io.IOException;

/**
 * Malformed, unsupported or truncated media. Carries the layer that failed (for example "flv tag",
 * "mp4 stsz", "h264 sps") and the byte offset in the source where it failed, or -1 when unknown.
 */
public final class MediaParseException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why parsing stopped. */
    public enum Kind {
        /** The bytes break the format's rules. */
        MALFORMED,
        /** Valid, but a codec or feature liveloom does not carry. */
        UNSUPPORTED,
        /** The data ends before a structure it announced. */
        TRUNCATED
    }

    private final Kind kind;
    private final String layer;
    private final long offset;
    private final String detail;

    private MediaParseException(Kind kind, String layer, long offset, String detail, Throwable cause) {
        super(format(kind, layer, offset, detail), cause);
        this.kind = kind;
        this.layer = layer;
        this.offset = offset;
        this.detail = detail;
    }

    public static MediaParseException malformed(String layer, long offset, String detail) {
        return new MediaParseException(Kind.MALFORMED, layer, offset, detail, null);
    }

    public static MediaParseException malformed(String layer, long offset, String detail, Throwable cause) {
        return new MediaParseException(Kind.MALFORMED, layer, offset, detail, cause);
    }

    public static MediaParseException unsupported(String layer, long offset, String detail) {
        return new MediaParseException(Kind.UNSUPPORTED, layer, offset, detail, null);
    }

    public static MediaParseException truncated(String layer, long offset, String detail) {
        return new MediaParseException(Kind.TRUNCATED, layer, offset, detail, null);
    }

    public Kind kind() {
        return kind;
    }

    public String layer() {
        return layer;
    }

    /** Byte offset in the source where parsing failed, or -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** The same failure, re-based to where the parsed structure starts in its source. */
    public MediaParseException atOffset(long base) {
        if (offset < 0) {
            return new MediaParseException(kind, layer, base, detail, getCause());
        }
        return new MediaParseException(kind, layer, base + offset, detail, getCause());
    }

    /** What went wrong, without layer and offset. */
    public String detail() {
        return detail;
    }

    private static String format(Kind kind, String layer, long offset, String detail) {
        StringBuilder sb = new StringBuilder(layer);
        if (offset >= 0) {
            sb.append(" at byte ").append(offset);
        }
        if (kind == Kind.TRUNCATED) {
            sb.append(" (truncated)");
        }
        return sb.append(": ").append(detail).toString();
    }
}
