package dev.liveloom.flv.amf0;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes AMF0 values into a growing byte array; the inverse of {@link Amf0Reader} with the same
 * Java mapping. Any {@link Number} is written as a number; a string longer than 65,535 UTF-8 bytes as
 * a long string. Not thread-safe.
 */
public final class Amf0Writer {
    private byte[] buf = new byte[256];
    private int len;

    /** The encoding of {@code values}, one after another. */
    public static byte[] encode(Object... values) {
        Amf0Writer w = new Amf0Writer();
        for (Object v : values) {
            w.writeValue(v);
        }
        return w.toByteArray();
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public int size() {
        return len;
    }

    /**
     * Appends one value.
     *
     * @throws IllegalArgumentException for a Java type AMF0 cannot carry, nesting deeper than {@link
     *     Amf0#MAX_DEPTH} or sizes past the limits in {@link Amf0}
     */
    public Amf0Writer writeValue(Object v) {
        return writeValue(v, 0);
    }

    private Amf0Writer writeValue(Object v, int depth) {
        if (depth > Amf0.MAX_DEPTH) {
            throw new IllegalArgumentException("amf0 nesting deeper than " + Amf0.MAX_DEPTH);
        }
        if (v == null) {
            u8(Amf0.NULL);
        } else if (v instanceof Number n) {
            u8(Amf0.NUMBER);
            u64(Double.doubleToRawLongBits(n.doubleValue()));
        } else if (v instanceof Boolean b) {
            u8(Amf0.BOOLEAN);
            u8(b ? 1 : 0);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length <= 0xffff) {
                u8(Amf0.STRING);
                u16(b.length);
            } else {
                if (b.length > Amf0.MAX_STRING_BYTES) {
                    throw new IllegalArgumentException("amf0 string of " + b.length + " bytes");
                }
                u8(Amf0.LONG_STRING);
                u32(b.length);
            }
            bytes(b);
        } else if (v instanceof Amf0Undefined) {
            u8(Amf0.UNDEFINED);
        } else if (v instanceof Amf0Reference r) {
            u8(Amf0.REFERENCE);
            u16(r.index());
        } else if (v instanceof Amf0Date d) {
            u8(Amf0.DATE);
            u64(Double.doubleToRawLongBits(d.epochMillis()));
            u16(d.timeZone());
        } else if (v instanceof Amf0EcmaArray a) {
            u8(Amf0.ECMA_ARRAY);
            u32(a.entries().size());
            properties(a.entries(), depth + 1);
        } else if (v instanceof Map<?, ?> m) {
            u8(Amf0.OBJECT);
            properties(m, depth + 1);
        } else if (v instanceof List<?> l) {
            u8(Amf0.STRICT_ARRAY);
            u32(l.size());
            for (Object e : l) {
                writeValue(e, depth + 1);
            }
        } else {
            throw new IllegalArgumentException(
                    "no amf0 type for " + v.getClass().getName());
        }
        return this;
    }

    private void properties(Map<?, ?> m, int depth) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException("amf0 property names are strings: " + e.getKey());
            }
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xffff) {
                throw new IllegalArgumentException("amf0 property name of " + b.length + " bytes");
            }
            u16(b.length);
            bytes(b);
            writeValue(e.getValue(), depth);
        }
        u16(0);
        u8(Amf0.OBJECT_END);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    private void u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >> 8);
        buf[len++] = (byte) v;
    }

    private void u32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >> 24);
        buf[len++] = (byte) (v >> 16);
        buf[len++] = (byte) (v >> 8);
        buf[len++] = (byte) v;
    }

    private void u64(long v) {
        u32((int) (v >>> 32));
        u32((int) v);
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }
}
