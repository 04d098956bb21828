package dev.liveloom.sei;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.sei.internal.SeiCoding;
import java.util.List;

/**
 * Writes SEI NAL units: H.264 nal_unit_type 6 (1-byte header) or H.265 prefix SEI, nal_unit_type 39
 * (2-byte header, nuh_layer_id 0, nuh_temporal_id_plus1 1), holding one or more sei_messages, then
 * rbsp_trailing_bits, with emulation prevention applied. The result is the raw NAL, without start code
 * or length prefix. {@link SeiReader} reads it back.
 */
public final class SeiWriter {
    /**
     * Largest payload_type written or read. H.264 and H.265 define types below 256; the cap keeps a
     * reader from summing an endless run of 0xFF bytes and still covers a two-byte run.
     */
    public static final int MAX_PAYLOAD_TYPE = 0xFFFF;

    /**
     * Largest payload_size written or read: 1 MiB. Layout JSON and pass-through strings are a few KiB;
     * anything near this would be a media payload smuggled in SEI, which no player expects per frame.
     */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private SeiWriter() {}

    /** The SEI NAL for {@code messages}, in order. */
    public static byte[] write(Codec codec, SeiMessage... messages) {
        return write(codec, List.of(messages));
    }

    /**
     * The SEI NAL for {@code messages}, in order.
     *
     * @throws IllegalArgumentException for no messages, a payload over {@link #MAX_PAYLOAD_BYTES}, or a
     *     codec other than H.264/H.265
     */
    public static byte[] write(Codec codec, List<SeiMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an SEI NAL needs at least one message");
        }
        int size = SeiCoding.headerSize(codec) + 1;
        for (SeiMessage m : messages) {
            int ps = m.payloadSize();
            if (ps > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("SEI payload of " + ps + " bytes exceeds " + MAX_PAYLOAD_BYTES);
            }
            size += SeiCoding.ffSize(m.payloadType()) + SeiCoding.ffSize(ps) + ps;
        }
        byte[] rbsp = new byte[size];
        int p = SeiCoding.writeHeader(codec, rbsp, 0);
        for (SeiMessage m : messages) {
            p = SeiCoding.writeFf(m.payloadType(), rbsp, p);
            p = SeiCoding.writeFf(m.payloadSize(), rbsp, p);
            if (m.uuid() != null) {
                SeiCoding.writeUuid(m.uuid(), rbsp, p);
                p += SeiMessage.UUID_BYTES;
            }
            byte[] d = m.dataRef();
            System.arraycopy(d, 0, rbsp, p, d.length);
            p += d.length;
        }
        rbsp[p] = SeiCoding.RBSP_TRAILING;
        return NalUnits.escape(rbsp);
    }
}
