package dev.liveloom.sei.internal;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.sei.LayoutSei;
import dev.liveloom.sei.SeiMessage;
import dev.liveloom.sei.SeiWriter;
import java.util.UUID;

/**
 * One SEI NAL with a single layout-JSON message whose {@code ts} changes at every insertion, written
 * straight into an access unit's new buffer. The bytes equal {@link SeiWriter#write} of the same
 * message, without building the JSON or escaping it each time:
 *
 * <ul>
 *   <li>the head (NAL header, payload_type, payload_size, UUID and the JSON's opening brace) is
 *       escaped once with {@link NalUnits#escape} and cached for its payload size (which only changes
 *       with the number of digits of {@code ts});
 *   <li>the rest of the JSON needs no emulation prevention: UTF-8 JSON text holds no zero byte (a
 *       U+0000 is written as a six-character backslash-u escape), and the brace before it ends any run
 *       of zeros in the head; the same holds for the final 0x80.
 * </ul>
 *
 * Not thread-safe (the head cache); one per inserter channel and codec.
 */
public final class SeiNalTemplate {
    private static final int MAX_TS_CHARS = 20;

    private final Codec codec;
    private final int payloadType;
    private final UUID uuid;
    private final byte[] prefix;
    private final byte[] suffix;

    private int headPayloadSize = -1;
    private byte[] head;

    /** The last timestamp's decimal digits: the clock gives the same millisecond to many units. */
    private long tsCached;

    private byte[] tsDigits = {'0'};

    public SeiNalTemplate(Codec codec, int payloadType, UUID uuid, LayoutSei content) {
        this.codec = codec;
        this.payloadType = payloadType;
        this.uuid = uuid;
        this.prefix = LayoutJson.utf8(LayoutJson.prefix(content));
        this.suffix = LayoutJson.utf8(LayoutJson.suffix(content));
        SeiCoding.headerSize(codec);
        if (prefix[0] != '{') {
            throw new IllegalStateException("layout JSON must start with a brace");
        }
        if (uuidBytes() + prefix.length + MAX_TS_CHARS + suffix.length > SeiWriter.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("layout JSON of " + (prefix.length + suffix.length)
                    + " bytes does not fit an SEI payload of " + SeiWriter.MAX_PAYLOAD_BYTES);
        }
    }

    private int uuidBytes() {
        return uuid != null ? SeiMessage.UUID_BYTES : 0;
    }

    /** Bytes of the NAL for timestamp {@code tsMs}. */
    public int nalSize(long tsMs) {
        byte[] ts = tsDigits(tsMs);
        return head(payloadSize(ts)).length + (prefix.length - 1) + ts.length + suffix.length + 1;
    }

    /** Writes the NAL for {@code tsMs} at {@code off}; returns the index after it. */
    public int write(long tsMs, byte[] dst, int off) {
        byte[] ts = tsDigits(tsMs);
        byte[] h = head(payloadSize(ts));
        int p = off;
        System.arraycopy(h, 0, dst, p, h.length);
        p += h.length;
        System.arraycopy(prefix, 1, dst, p, prefix.length - 1);
        p += prefix.length - 1;
        System.arraycopy(ts, 0, dst, p, ts.length);
        p += ts.length;
        System.arraycopy(suffix, 0, dst, p, suffix.length);
        p += suffix.length;
        dst[p++] = SeiCoding.RBSP_TRAILING;
        return p;
    }

    private int payloadSize(byte[] ts) {
        return uuidBytes() + prefix.length + ts.length + suffix.length;
    }

    private byte[] tsDigits(long tsMs) {
        if (tsMs != tsCached) {
            byte[] d = new byte[digits(tsMs)];
            writeDecimal(tsMs, d, 0);
            tsDigits = d;
            tsCached = tsMs;
        }
        return tsDigits;
    }

    private byte[] head(int payloadSize) {
        if (payloadSize != headPayloadSize) {
            int n = SeiCoding.headerSize(codec)
                    + SeiCoding.ffSize(payloadType)
                    + SeiCoding.ffSize(payloadSize)
                    + uuidBytes()
                    + 1;
            byte[] raw = new byte[n];
            int p = SeiCoding.writeHeader(codec, raw, 0);
            p = SeiCoding.writeFf(payloadType, raw, p);
            p = SeiCoding.writeFf(payloadSize, raw, p);
            if (uuid != null) {
                SeiCoding.writeUuid(uuid, raw, p);
                p += SeiMessage.UUID_BYTES;
            }
            raw[p] = prefix[0];
            head = NalUnits.escape(raw);
            headPayloadSize = payloadSize;
        }
        return head;
    }

    static int digits(long v) {
        if (v < 0) {
            return v == Long.MIN_VALUE ? 20 : 1 + digits(-v);
        }
        int d = 1;
        long x = v;
        while (x >= 10) {
            x /= 10;
            d++;
        }
        return d;
    }

    static int writeDecimal(long v, byte[] dst, int off) {
        if (v < 0) {
            byte[] s = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, dst, off, s.length);
            return off + s.length;
        }
        int end = off + digits(v);
        long x = v;
        for (int i = end - 1; i >= off; i--) {
            dst[i] = (byte) ('0' + (x % 10));
            x /= 10;
        }
        return end;
    }
}
