package dev.liveloom.core.codec;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 and H.265 NAL unit helpers: Annex B start codes to and from length prefixes, scanning NAL
 * types without copying, emulation prevention, parameter set extraction and keyframe detection.
 *
 * <p>Scanning works on {@link ByteBuffer}s with absolute reads (positions are not changed), so packet
 * payloads, which are read-only and possibly direct, are scanned in place.
 */
public final class NalUnits {
    /** H.264 nal_unit_type values used here. */
    public static final int H264_IDR = 5;

    public static final int H264_SEI = 6;
    public static final int H264_SPS = 7;
    public static final int H264_PPS = 8;
    public static final int H264_AUD = 9;
    public static final int H264_SPS_EXT = 13;

    /** H.265 nal_unit_type values used here. */
    public static final int H265_BLA_W_LP = 16;

    public static final int H265_IRAP_LAST = 23;
    public static final int H265_VPS = 32;
    public static final int H265_SPS = 33;
    public static final int H265_PPS = 34;
    public static final int H265_AUD = 35;
    public static final int H265_PREFIX_SEI = 39;
    public static final int H265_SUFFIX_SEI = 40;

    /**
     * Largest parameter set (VPS/SPS/PPS) accepted: 64 KiB - 1, what the 16-bit length fields of
     * avcC/hvcC can carry. Real ones are tens to a few hundred bytes; anything bigger cannot be stored
     * in a decoder configuration record anyway.
     */
    public static final int MAX_PARAMETER_SET_BYTES = 0xFFFF;

    private NalUnits() {}

    /** Receives one NAL unit: {@code length} bytes of {@code buf} from absolute index {@code offset}. */
    @FunctionalInterface
    public interface Visitor {
        void nal(ByteBuffer buf, int offset, int length) throws MediaParseException;
    }

    /** The nal_unit_type of the NAL whose first header byte is {@code b}. */
    public static int type(Codec codec, int b) {
        return codec == Codec.HEVC ? (b >> 1) & 0x3f : b & 0x1f;
    }

    /** True for a NAL type that starts a decodable picture: H.264 IDR (5), H.265 IRAP (16 to 23). */
    public static boolean isRandomAccess(Codec codec, int type) {
        return codec == Codec.HEVC ? type >= H265_BLA_W_LP && type <= H265_IRAP_LAST : type == H264_IDR;
    }

    /** The index of the first 00 00 01 start code at or after {@code from} and before {@code end}, or -1. */
    public static int findStartCode(ByteBuffer b, int from, int end) {
        int i = from;
        while (i + 2 < end) {
            int c = b.get(i + 2) & 0xff;
            if (c > 1) {
                i += 3;
            } else if (c == 1) {
                if (b.get(i + 1) == 0 && b.get(i) == 0) {
                    return i;
                }
                i += 3;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * Calls {@code v} for each NAL of an Annex B stream in {@code [off, off+len)} of {@code b}: start
     * codes of 3 or 4 bytes, leading bytes before the first start code ignored, trailing zero bytes
     * of each NAL (zero_byte, trailing_zero_8bits) dropped. Empty NALs are skipped.
     */
    public static void forEachAnnexB(ByteBuffer b, int off, int len, Visitor v) throws MediaParseException {
        int end = off + len;
        int sc = findStartCode(b, off, end);
        while (sc >= 0) {
            int nalStart = sc + 3;
            int next = findStartCode(b, nalStart, end);
            int nalEnd = next < 0 ? end : next;
            while (nalEnd > nalStart && b.get(nalEnd - 1) == 0) {
                nalEnd--;
            }
            if (nalEnd > nalStart) {
                v.nal(b, nalStart, nalEnd - nalStart);
            }
            sc = next;
        }
    }

    /** Annex B over a whole buffer (from its position to its limit). */
    public static void forEachAnnexB(ByteBuffer b, Visitor v) throws MediaParseException {
        forEachAnnexB(b, b.position(), b.remaining(), v);
    }

    /**
     * Calls {@code v} for each NAL of length-prefixed data in {@code [off, off+len)} of {@code b}.
     *
     * @throws MediaParseException TRUNCATED when a length prefix or a NAL runs past the end
     */
    public static void forEachLengthPrefixed(ByteBuffer b, int off, int len, int lengthSize, Visitor v)
            throws MediaParseException {
        checkLengthSize(lengthSize);
        int end = off + len;
        int p = off;
        while (p < end) {
            if (end - p < lengthSize) {
                throw MediaParseException.truncated(
                        "nal", p - off, "length prefix needs " + lengthSize + " bytes, " + (end - p) + " left");
            }
            long n = 0;
            for (int i = 0; i < lengthSize; i++) {
                n = (n << 8) | (b.get(p + i) & 0xff);
            }
            p += lengthSize;
            if (n > end - p) {
                throw MediaParseException.truncated(
                        "nal", p - lengthSize - off, "NAL of " + n + " bytes, " + (end - p) + " left");
            }
            if (n > 0) {
                v.nal(b, p, (int) n);
            }
            p += (int) n;
        }
    }

    /** Length-prefixed over a whole buffer (from its position to its limit). */
    public static void forEachLengthPrefixed(ByteBuffer b, int lengthSize, Visitor v) throws MediaParseException {
        forEachLengthPrefixed(b, b.position(), b.remaining(), lengthSize, v);
    }

    /** Annex B to NALs each preceded by a {@code lengthSize}-byte (1, 2 or 4) big-endian length. */
    public static byte[] annexBToLengthPrefixed(ByteBuffer annexB, int lengthSize) throws MediaParseException {
        checkLengthSize(lengthSize);
        long maxNal = lengthSize == 4 ? Integer.MAX_VALUE : (1L << (8 * lengthSize)) - 1;
        long[] total = {0};
        int base = annexB.position();
        forEachAnnexB(annexB, (buf, off, len) -> {
            if (len > maxNal) {
                throw MediaParseException.malformed(
                        "nal", off - base, "NAL of " + len + " bytes does not fit a " + lengthSize + "-byte length");
            }
            total[0] += lengthSize + len;
        });
        if (total[0] > Integer.MAX_VALUE - 8) {
            throw MediaParseException.malformed("nal", 0, "access unit of " + total[0] + " bytes");
        }
        byte[] out = new byte[(int) total[0]];
        int[] p = {0};
        forEachAnnexB(annexB, (buf, off, len) -> {
            for (int i = lengthSize - 1; i >= 0; i--) {
                out[p[0]++] = (byte) (len >>> (8 * i));
            }
            buf.get(off, out, p[0], len);
            p[0] += len;
        });
        return out;
    }

    /** Length-prefixed NALs to Annex B with 4-byte start codes (00 00 00 01). */
    public static byte[] lengthPrefixedToAnnexB(ByteBuffer data, int lengthSize) throws MediaParseException {
        long[] total = {0};
        forEachLengthPrefixed(data, lengthSize, (buf, off, len) -> total[0] += 4 + len);
        if (total[0] > Integer.MAX_VALUE - 8) {
            throw MediaParseException.malformed("nal", 0, "access unit of " + total[0] + " bytes");
        }
        byte[] out = new byte[(int) total[0]];
        int[] p = {0};
        forEachLengthPrefixed(data, lengthSize, (buf, off, len) -> {
            out[p[0] + 3] = 1;
            buf.get(off, out, p[0] + 4, len);
            p[0] += 4 + len;
        });
        return out;
    }

    /** True when the length-prefixed access unit holds an H.264 IDR / H.265 IRAP slice. */
    public static boolean containsRandomAccess(Codec codec, ByteBuffer data, int lengthSize)
            throws MediaParseException {
        boolean[] found = {false};
        forEachLengthPrefixed(data, lengthSize, (buf, off, len) -> {
            if (isRandomAccess(codec, type(codec, buf.get(off)))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /**
     * True when the length-prefixed access unit holds coded slices and none of them is used for
     * reference, so a decoder loses nothing else when it is dropped: H.264 slices (types 1 to 5)
     * with nal_ref_idc 0, H.265 sub-layer non-reference pictures (even VCL types below 16:
     * TRAIL_N, TSA_N, STSA_N, RADL_N, RASL_N, RSV_VCL_N10/12/14).
     */
    public static boolean isDisposable(Codec codec, ByteBuffer data, int lengthSize) throws MediaParseException {
        int[] slices = {0, 0}; // all slices, reference slices
        forEachLengthPrefixed(data, lengthSize, (buf, off, len) -> {
            int b = buf.get(off) & 0xff;
            int type = type(codec, b);
            if (codec == Codec.HEVC) {
                if (type < H265_BLA_W_LP) {
                    slices[0]++;
                    if ((type & 1) == 1 || type > 14) {
                        slices[1]++;
                    }
                } else if (type <= H265_IRAP_LAST) {
                    slices[0]++;
                    slices[1]++;
                }
            } else if (type >= 1 && type <= H264_IDR) {
                slices[0]++;
                if ((b & 0x60) != 0) {
                    slices[1]++;
                }
            }
        });
        return slices[0] > 0 && slices[1] == 0;
    }

    /** True when the Annex B access unit holds an H.264 IDR / H.265 IRAP slice. */
    public static boolean containsRandomAccessAnnexB(Codec codec, ByteBuffer data) throws MediaParseException {
        boolean[] found = {false};
        forEachAnnexB(data, (buf, off, len) -> {
            if (isRandomAccess(codec, type(codec, buf.get(off)))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** The parameter sets found in an access unit, in stream order, as NAL bytes (with header). */
    public record ParameterSets(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        public ParameterSets {
            vps = List.copyOf(vps);
            sps = List.copyOf(sps);
            pps = List.copyOf(pps);
        }

        public boolean isEmpty() {
            return vps.isEmpty() && sps.isEmpty() && pps.isEmpty();
        }
    }

    /**
     * The VPS (H.265 only), SPS and PPS NALs of Annex B data ({@code lengthSize} 0) or length-prefixed
     * data ({@code lengthSize} 1, 2 or 4).
     *
     * @throws MediaParseException when a parameter set exceeds {@link #MAX_PARAMETER_SET_BYTES}
     */
    public static ParameterSets extractParameterSets(Codec codec, ByteBuffer data, int lengthSize)
            throws MediaParseException {
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        int base = data.position();
        Visitor v = (buf, off, len) -> {
            int t = type(codec, buf.get(off));
            List<byte[]> target = null;
            if (codec == Codec.HEVC) {
                target = t == H265_VPS ? vps : t == H265_SPS ? sps : t == H265_PPS ? pps : null;
            } else {
                target = t == H264_SPS ? sps : t == H264_PPS ? pps : null;
            }
            if (target != null) {
                if (len > MAX_PARAMETER_SET_BYTES) {
                    throw MediaParseException.malformed(
                            "nal", off - base, "parameter set of " + len + " bytes exceeds " + MAX_PARAMETER_SET_BYTES);
                }
                byte[] nal = new byte[len];
                buf.get(off, nal);
                target.add(nal);
            }
        };
        if (lengthSize == 0) {
            forEachAnnexB(data, v);
        } else {
            forEachLengthPrefixed(data, lengthSize, v);
        }
        return new ParameterSets(vps, sps, pps);
    }

    /**
     * The RBSP of a NAL: {@code len} bytes from {@code off} with each emulation prevention byte (the
     * 03 of 00 00 03) removed.
     */
    public static byte[] unescape(byte[] nal, int off, int len) {
        int first = findEmulationPrevention(nal, off, off + len);
        if (first < 0) {
            return java.util.Arrays.copyOfRange(nal, off, off + len);
        }
        byte[] out = new byte[len];
        int o = 0;
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            byte c = nal[i];
            if (zeros >= 2 && c == 3) {
                zeros = 0;
                continue;
            }
            out[o++] = c;
            zeros = c == 0 ? zeros + 1 : 0;
        }
        return o == len ? out : java.util.Arrays.copyOf(out, o);
    }

    /** The index of the first 00 00 03 in {@code [from, end)}, or -1 (the start code search, for 03). */
    private static int findEmulationPrevention(byte[] b, int from, int end) {
        int i = from;
        while (i + 2 < end) {
            int c = b[i + 2] & 0xff;
            if (c > 3) {
                i += 3;
            } else if (c == 3) {
                if (b[i + 1] == 0 && b[i] == 0) {
                    return i;
                }
                i += 3;
            } else if (c == 0) {
                i++;
            } else {
                i += 3;
            }
        }
        return -1;
    }

    public static byte[] unescape(byte[] nal) {
        return unescape(nal, 0, nal.length);
    }

    /**
     * The NAL bytes for an RBSP: an emulation prevention byte 03 is inserted after each 00 00 that is
     * followed by a byte 00 to 03, and after a final 00 00 (H.264 7.4.1, H.265 7.4.2).
     */
    public static byte[] escape(byte[] rbsp, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + len / 64 + 4);
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            int c = rbsp[i] & 0xff;
            if (zeros >= 2 && c <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(c);
            zeros = c == 0 ? zeros + 1 : 0;
        }
        if (zeros >= 2) {
            out.write(3);
        }
        return out.toByteArray();
    }

    public static byte[] escape(byte[] rbsp) {
        return escape(rbsp, 0, rbsp.length);
    }

    private static void checkLengthSize(int lengthSize) {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new IllegalArgumentException("NAL length size " + lengthSize + " (allowed 1, 2, 4)");
        }
    }
}
