package dev.liveloom.sei.internal;

import dev.liveloom.core.media.Codec;
import java.util.UUID;

/**
 * The small codings inside an SEI RBSP (H.264 7.3.2.3.1, H.265 7.3.5): payload_type and payload_size
 * as a run of 0xFF bytes (each adding 255) and one last byte below 0xFF; the NAL headers; UUIDs as 16
 * big-endian bytes. Read and write side by side.
 */
public final class SeiCoding {
    /** H.264 NAL header of an SEI: forbidden_zero_bit 0, nal_ref_idc 0, nal_unit_type 6. */
    public static final byte H264_SEI_HEADER = 0x06;

    /**
     * H.265 prefix SEI header: forbidden_zero_bit 0, nal_unit_type 39, nuh_layer_id 0,
     * nuh_temporal_id_plus1 1.
     */
    public static final byte H265_SEI_HEADER_0 = (byte) (39 << 1);

    public static final byte H265_SEI_HEADER_1 = 0x01;

    /** rbsp_trailing_bits: the stop bit and seven zero bits. */
    public static final byte RBSP_TRAILING = (byte) 0x80;

    private SeiCoding() {}

    /** Bytes of the NAL header: 1 for H.264, 2 for H.265. */
    public static int headerSize(Codec codec) {
        return codec == Codec.HEVC ? 2 : 1;
    }

    /** Writes the SEI NAL header at {@code off}; returns the index after it. */
    public static int writeHeader(Codec codec, byte[] dst, int off) {
        if (codec == Codec.HEVC) {
            dst[off] = H265_SEI_HEADER_0;
            dst[off + 1] = H265_SEI_HEADER_1;
            return off + 2;
        }
        if (codec != Codec.H264) {
            throw new IllegalArgumentException("SEI is for h264 and hevc, not " + codec.id());
        }
        dst[off] = H264_SEI_HEADER;
        return off + 1;
    }

    /** Bytes {@link #writeFf} takes for {@code value}. */
    public static int ffSize(int value) {
        return value / 255 + 1;
    }

    /** Writes {@code value} as 0xFF bytes and a last byte; returns the index after it. */
    public static int writeFf(int value, byte[] dst, int off) {
        int v = value;
        while (v >= 255) {
            dst[off++] = (byte) 0xff;
            v -= 255;
        }
        dst[off++] = (byte) v;
        return off;
    }

    /**
     * Reads an 0xFF-coded value from {@code rbsp} at {@code pos[0]}, advancing it; returns -1 when
     * the bytes end first and -2 when the value passes {@code max} (the caller says which field).
     */
    public static int readFf(byte[] rbsp, int end, int[] pos, int max) {
        int v = 0;
        int p = pos[0];
        while (true) {
            if (p >= end) {
                pos[0] = p;
                return -1;
            }
            int b = rbsp[p++] & 0xff;
            v += b;
            if (v > max) {
                pos[0] = p;
                return -2;
            }
            if (b != 0xff) {
                pos[0] = p;
                return v;
            }
        }
    }

    public static void writeUuid(UUID uuid, byte[] dst, int off) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            dst[off + i] = (byte) (msb >>> (56 - 8 * i));
            dst[off + 8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
    }

    public static UUID readUuid(byte[] src, int off) {
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (src[off + i] & 0xff);
            lsb = (lsb << 8) | (src[off + 8 + i] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
