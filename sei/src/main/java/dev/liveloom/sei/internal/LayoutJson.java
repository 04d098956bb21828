package dev.liveloom.sei.internal;

import dev.liveloom.sei.LayoutSei;
import java.nio.charset.StandardCharsets;

/**
 * The layout SEI's JSON text in the seed's field order, split around the {@code ts} value so an
 * inserter can write the same text with a fresh timestamp without rebuilding it:
 * {@code prefix + ts + suffix}.
 */
public final class LayoutJson {
    private LayoutJson() {}

    /** Everything up to and including {@code "ts":}. */
    public static String prefix(LayoutSei l) {
        StringBuilder sb = new StringBuilder(128 + 160 * l.streams().size());
        LayoutSei.Canvas c = l.canvas();
        sb.append("{\"canvas\":{\"w\":")
                .append(c.w())
                .append(",\"h\":")
                .append(c.h())
                .append(",\"bgnd\":")
                .append(c.bgnd())
                .append("},\"stream\":[");
        boolean first = true;
        for (LayoutSei.Stream s : l.streams()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"uid\":");
            JsonText.appendString(sb, s.uid());
            sb.append(",\"paneid\":").append(s.paneid());
            sb.append(",\"zorder\":").append(s.zorder());
            sb.append(",\"x\":");
            JsonText.appendNumber(sb, s.x());
            sb.append(",\"y\":");
            JsonText.appendNumber(sb, s.y());
            sb.append(",\"w\":");
            JsonText.appendNumber(sb, s.w());
            sb.append(",\"h\":");
            JsonText.appendNumber(sb, s.h());
            sb.append(",\"type\":").append(s.type());
            sb.append(",\"status\":").append(s.status());
            sb.append(",\"muted\":").append(s.muted());
            sb.append(",\"vol\":").append(s.vol());
            sb.append(",\"vad\":").append(s.vad()).append('}');
        }
        sb.append("],\"ver\":");
        JsonText.appendString(sb, l.ver());
        sb.append(",\"ts\":");
        return sb.toString();
    }

    /** Everything after the {@code ts} value: the pass-through member if any, and the closing brace. */
    public static String suffix(LayoutSei l) {
        if (l.passThroughContent() == null) {
            return "}";
        }
        StringBuilder sb = new StringBuilder(l.passThroughContent().length() + 16);
        sb.append(',');
        JsonText.appendString(sb, l.passThroughKey());
        sb.append(':');
        JsonText.appendString(sb, l.passThroughContent());
        return sb.append('}').toString();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
