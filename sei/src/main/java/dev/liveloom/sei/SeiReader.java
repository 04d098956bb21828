package dev.liveloom.sei;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.sei.internal.SeiCoding;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads an SEI NAL unit (H.264 type 6, H.265 prefix 39 or suffix 40; raw NAL, no start code or length
 * prefix) into its messages. Pure and bounded: payload_type is capped at {@link
 * SeiWriter#MAX_PAYLOAD_TYPE}, payload_size at {@link SeiWriter#MAX_PAYLOAD_BYTES} and at the bytes
 * present; nothing is allocated beyond a copy of the NAL.
 *
 * <p>Errors are {@link MediaParseException}s with layer {@code "h264 sei"} or {@code "h265 sei"} and
 * the byte offset within the NAL (header included, emulation prevention bytes counted).
 */
public final class SeiReader {
    private SeiReader() {}

    public static List<SeiMessage> read(Codec codec, byte[] nal) throws MediaParseException {
        return read(codec, nal, 0, nal.length);
    }

    /** Reads {@code len} bytes of {@code buf} from absolute index {@code off}; the buffer is not moved. */
    public static List<SeiMessage> read(Codec codec, ByteBuffer buf, int off, int len) throws MediaParseException {
        byte[] nal = new byte[len];
        buf.get(off, nal);
        return read(codec, nal, 0, len);
    }

    public static List<SeiMessage> read(Codec codec, byte[] nal, int off, int len) throws MediaParseException {
        String layer = layer(codec);
        int headerSize = SeiCoding.headerSize(codec);
        if (len < headerSize) {
            throw MediaParseException.truncated(layer, 0, "NAL of " + len + " bytes has no header");
        }
        checkHeader(codec, layer, nal, off);
        byte[] rbsp = NalUnits.unescape(nal, off, len);
        int end = rbsp.length;
        List<SeiMessage> out = new ArrayList<>();
        int[] pos = {headerSize};
        while (true) {
            int p = pos[0];
            if (p >= end) {
                throw MediaParseException.truncated(layer, nalOffset(nal, off, len, p), "no rbsp_trailing_bits");
            }
            if (isTrailing(rbsp, p, end)) {
                break;
            }
            int type = SeiCoding.readFf(rbsp, end, pos, SeiWriter.MAX_PAYLOAD_TYPE);
            if (type < 0) {
                throw fieldError(type, layer, nalOffset(nal, off, len, p), "payload_type", SeiWriter.MAX_PAYLOAD_TYPE);
            }
            int sizeAt = pos[0];
            int size = SeiCoding.readFf(rbsp, end, pos, SeiWriter.MAX_PAYLOAD_BYTES);
            if (size < 0) {
                throw fieldError(
                        size, layer, nalOffset(nal, off, len, sizeAt), "payload_size", SeiWriter.MAX_PAYLOAD_BYTES);
            }
            int start = pos[0];
            if (size > end - start) {
                throw MediaParseException.truncated(
                        layer,
                        nalOffset(nal, off, len, sizeAt),
                        "payload of " + size + " bytes, " + (end - start) + " left");
            }
            if (type == SeiMessage.USER_DATA_UNREGISTERED) {
                if (size < SeiMessage.UUID_BYTES) {
                    throw MediaParseException.malformed(
                            layer,
                            nalOffset(nal, off, len, sizeAt),
                            "user_data_unregistered of " + size + " bytes, needs " + SeiMessage.UUID_BYTES
                                    + " for the UUID");
                }
                UUID uuid = SeiCoding.readUuid(rbsp, start);
                out.add(SeiMessage.wrap(
                        type, uuid, Arrays.copyOfRange(rbsp, start + SeiMessage.UUID_BYTES, start + size)));
            } else {
                out.add(SeiMessage.wrap(type, null, Arrays.copyOfRange(rbsp, start, start + size)));
            }
            pos[0] = start + size;
        }
        if (out.isEmpty()) {
            throw MediaParseException.malformed(layer, headerSize, "SEI without messages");
        }
        return out;
    }

    static String layer(Codec codec) {
        if (codec == Codec.HEVC) {
            return "h265 sei";
        }
        if (codec == Codec.H264) {
            return "h264 sei";
        }
        throw new IllegalArgumentException("SEI is for h264 and hevc, not " + codec.id());
    }

    private static void checkHeader(Codec codec, String layer, byte[] nal, int off) throws MediaParseException {
        int b0 = nal[off] & 0xff;
        if ((b0 & 0x80) != 0) {
            throw MediaParseException.malformed(layer, 0, "forbidden_zero_bit is 1");
        }
        int type = NalUnits.type(codec, b0);
        if (codec == Codec.HEVC) {
            if (type != NalUnits.H265_PREFIX_SEI && type != NalUnits.H265_SUFFIX_SEI) {
                throw MediaParseException.malformed(layer, 0, "nal_unit_type " + type + " is not SEI (39 or 40)");
            }
            if ((nal[off + 1] & 0x07) == 0) {
                throw MediaParseException.malformed(layer, 1, "nuh_temporal_id_plus1 is 0");
            }
        } else if (type != NalUnits.H264_SEI) {
            throw MediaParseException.malformed(layer, 0, "nal_unit_type " + type + " is not SEI (6)");
        }
    }

    /** True when {@code rbsp[p..end)} is rbsp_trailing_bits: 0x80 and then only zero bytes. */
    private static boolean isTrailing(byte[] rbsp, int p, int end) {
        if (rbsp[p] != SeiCoding.RBSP_TRAILING) {
            return false;
        }
        for (int i = p + 1; i < end; i++) {
            if (rbsp[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static MediaParseException fieldError(int code, String layer, long offset, String field, int max) {
        if (code == -1) {
            return MediaParseException.truncated(layer, offset, field + " runs past the end");
        }
        return MediaParseException.malformed(layer, offset, field + " above " + max);
    }

    /**
     * Where RBSP byte {@code rbspPos} sits in the NAL: the same walk as unescaping, counting the
     * emulation prevention bytes skipped before it. Used only to report errors.
     */
    private static long nalOffset(byte[] nal, int off, int len, int rbspPos) {
        int r = 0;
        int zeros = 0;
        for (int i = 0; i < len; i++) {
            byte c = nal[off + i];
            if (zeros >= 2 && c == 3) {
                zeros = 0;
                continue;
            }
            if (r == rbspPos) {
                return i;
            }
            r++;
            zeros = c == 0 ? zeros + 1 : 0;
        }
        return len;
    }
}
