package dev.liveloom.sei.internal;

import java.math.BigDecimal;

/** The two JSON text pieces the layout SEI needs: escaped strings and short decimal numbers. */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /**
     * Appends {@code s} as a JSON string with quotes: {@code "} and {@code \} escaped, control
     * characters as {@code \b \f \n \r \t} or backslash-u escapes, unpaired surrogates as backslash-u escapes
     * (so the UTF-8 bytes stay valid); everything else as is.
     */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(sb, c);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendUnicodeEscape(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u")
                .append(HEX[(c >> 12) & 15])
                .append(HEX[(c >> 8) & 15])
                .append(HEX[(c >> 4) & 15])
                .append(HEX[c & 15]);
    }

    /**
     * Appends a float the way the seed's examples print layout coordinates: whole values without a
     * fraction ({@code 0}, {@code 1}), others with the shortest digits that read back to the same
     * float ({@code 0.25}, {@code 0.5018382}), never in exponent notation.
     */
    public static void appendNumber(StringBuilder sb, float f) {
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException("not a JSON number: " + f);
        }
        if (f == (long) f && Math.abs(f) < 1e15f) {
            sb.append((long) f);
            return;
        }
        String s = Float.toString(f);
        if (s.indexOf('E') >= 0) {
            s = new BigDecimal(s).stripTrailingZeros().toPlainString();
        }
        sb.append(s);
    }
}
