package dev.liveloom.core.io.internal;

/**
 * The HTTP {@code Content-Range} header of a byte-range response (RFC 9110 section 14.4):
 * {@code bytes first-last/complete}, or {@code bytes *}{@code /complete} in a 416 answer.
 *
 * @param first first byte position, -1 for the unsatisfied form
 * @param last last byte position (inclusive), -1 for the unsatisfied form
 * @param complete total length, -1 when the server wrote {@code *}
 */
public record ContentRange(long first, long last, long complete) {

    /** Longest header we parse; a real one is under 50 characters. */
    static final int MAX_HEADER_LENGTH = 200;

    /** The header value, or null when it is malformed. */
    public static ContentRange read(String value) {
        if (value == null || value.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        String v = value.trim();
        if (!v.regionMatches(true, 0, "bytes ", 0, 6)) {
            return null;
        }
        v = v.substring(6).trim();
        int slash = v.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String range = v.substring(0, slash).trim();
        String total = v.substring(slash + 1).trim();
        long complete = total.equals("*") ? -1 : number(total);
        if (complete < -1 || (complete == -1 && !total.equals("*"))) {
            return null;
        }
        if (range.equals("*")) {
            return complete < 0 ? null : new ContentRange(-1, -1, complete);
        }
        int dash = range.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long first = number(range.substring(0, dash));
        long last = number(range.substring(dash + 1));
        if (first < 0 || last < first || (complete >= 0 && last >= complete)) {
            return null;
        }
        return new ContentRange(first, last, complete);
    }

    /** The header value. */
    public String write() {
        String total = complete < 0 ? "*" : Long.toString(complete);
        return first < 0 ? "bytes */" + total : "bytes " + first + "-" + last + "/" + total;
    }

    /** Whether this is the {@code bytes *}{@code /complete} form of a 416 answer. */
    public boolean unsatisfied() {
        return first < 0;
    }

    // a non-negative decimal of at most 18 digits (no overflow), else -2
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -2;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
