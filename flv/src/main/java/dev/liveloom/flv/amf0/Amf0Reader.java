package dev.liveloom.flv.amf0;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AMF0 values from a buffer, advancing its position. Values map to Java as: number {@link
 * Double}, boolean {@link Boolean}, string and long string {@link String}, object an unmodifiable
 * {@code Map<String, Object>} in wire order, null {@code null}, undefined {@link Amf0Undefined},
 * reference {@link Amf0Reference}, ECMA array {@link Amf0EcmaArray}, strict array an unmodifiable
 * {@code List<Object>}, date {@link Amf0Date}. Movieclip, recordset, unsupported, XML document, typed
 * object and AMF3 values are refused as unsupported.
 *
 * <p>Errors are {@link MediaParseException}s with layer "amf0" and the offset from where this reader
 * started; callers re-base them with {@link MediaParseException#atOffset}.
 */
public final class Amf0Reader {
    private static final String LAYER = "amf0";

    private final ByteBuffer buf;
    private final int start;

    /** Reads from {@code buf}'s position to its limit; the buffer's position advances. */
    public Amf0Reader(ByteBuffer buf) {
        this.buf = buf;
        this.start = buf.position();
    }

    /** Reads every value in {@code bytes}. */
    public static List<Object> readAll(ByteBuffer bytes) throws MediaParseException {
        Amf0Reader r = new Amf0Reader(bytes);
        List<Object> out = new ArrayList<>();
        while (r.hasMore()) {
            out.add(r.readValue());
        }
        return out;
    }

    public boolean hasMore() {
        return buf.hasRemaining();
    }

    /** Bytes consumed since this reader started. */
    public int offset() {
        return buf.position() - start;
    }

    /** The next value. */
    public Object readValue() throws MediaParseException {
        return readValue(0);
    }

    /** The next value, which must be a string (or long string). */
    public String readString() throws MediaParseException {
        int at = offset();
        Object v = readValue(0);
        if (!(v instanceof String)) {
            throw MediaParseException.malformed(LAYER, at, "expected a string, found " + describe(v));
        }
        return (String) v;
    }

    private Object readValue(int depth) throws MediaParseException {
        int at = offset();
        int marker = u8();
        switch (marker) {
            case Amf0.NUMBER:
                need(8, "number");
                return buf.getDouble();
            case Amf0.BOOLEAN:
                need(1, "boolean");
                return buf.get() != 0;
            case Amf0.STRING:
                return utf8(u16(), "string");
            case Amf0.LONG_STRING:
                return utf8(u32(Amf0.MAX_STRING_BYTES, "long string length"), "long string");
            case Amf0.OBJECT:
                return Collections.unmodifiableMap(readProperties(depth + 1, at));
            case Amf0.NULL:
                return null;
            case Amf0.UNDEFINED:
                return Amf0Undefined.UNDEFINED;
            case Amf0.REFERENCE:
                return new Amf0Reference(u16());
            case Amf0.ECMA_ARRAY:
                // the count is advisory: FFmpeg and Flash write 0 or a wrong value; read to the end marker
                need(4, "ecma array count");
                buf.getInt();
                return new Amf0EcmaArray(readProperties(depth + 1, at));
            case Amf0.STRICT_ARRAY:
                return readStrictArray(depth + 1, at);
            case Amf0.DATE:
                need(10, "date");
                return new Amf0Date(buf.getDouble(), buf.getShort());
            case Amf0.OBJECT_END:
                throw MediaParseException.malformed(LAYER, at, "object end marker outside an object");
            default:
                throw MediaParseException.unsupported(LAYER, at, "unsupported amf0 type " + Amf0.markerName(marker));
        }
    }

    private Map<String, Object> readProperties(int depth, int at) throws MediaParseException {
        checkDepth(depth, at);
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            int keyAt = offset();
            String key = utf8(u16(), "property name");
            if (key.isEmpty()) {
                need(1, "object end marker");
                if (buf.get(buf.position()) == Amf0.OBJECT_END) {
                    buf.get();
                    return map;
                }
            }
            if (map.size() >= Amf0.MAX_ENTRIES) {
                throw MediaParseException.malformed(
                        LAYER, keyAt, "more than " + Amf0.MAX_ENTRIES + " properties in one object");
            }
            map.put(key, readValue(depth));
        }
    }

    private List<Object> readStrictArray(int depth, int at) throws MediaParseException {
        checkDepth(depth, at);
        long count = u32(Amf0.MAX_ENTRIES, "strict array count");
        // every element takes at least its marker byte: refuse counts the bytes cannot hold
        if (count > buf.remaining()) {
            throw MediaParseException.truncated(
                    LAYER, at, "strict array of " + count + " elements in " + buf.remaining() + " bytes");
        }
        List<Object> list = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            list.add(readValue(depth));
        }
        return Collections.unmodifiableList(list);
    }

    private void checkDepth(int depth, int at) throws MediaParseException {
        if (depth > Amf0.MAX_DEPTH) {
            throw MediaParseException.malformed(LAYER, at, "nesting deeper than " + Amf0.MAX_DEPTH);
        }
    }

    private int u8() throws MediaParseException {
        need(1, "type marker");
        return buf.get() & 0xff;
    }

    private int u16() throws MediaParseException {
        need(2, "length");
        return buf.getShort() & 0xffff;
    }

    private int u32(int limit, String what) throws MediaParseException {
        need(4, what);
        int at = offset();
        long v = buf.getInt() & 0xffffffffL;
        if (v > limit) {
            throw MediaParseException.malformed(LAYER, at, what + " " + v + " exceeds the limit " + limit);
        }
        return (int) v;
    }

    private String utf8(int len, String what) throws MediaParseException {
        need(len, what);
        String s;
        if (buf.hasArray()) {
            s = new String(buf.array(), buf.arrayOffset() + buf.position(), len, StandardCharsets.UTF_8);
            buf.position(buf.position() + len);
        } else {
            byte[] b = new byte[len];
            buf.get(b);
            s = new String(b, StandardCharsets.UTF_8);
        }
        return s;
    }

    private void need(int n, String what) throws MediaParseException {
        if (buf.remaining() < n) {
            throw MediaParseException.truncated(
                    LAYER, offset(), what + " needs " + n + " bytes, " + buf.remaining() + " left");
        }
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "object";
        }
        if (v instanceof List) {
            return "strict array";
        }
        return v.getClass().getSimpleName();
    }
}
