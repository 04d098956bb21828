package dev.liveloom.ts.packet;

import dev.liveloom.core.media.MediaParseException;

/**
 * The adaptation field of a TS packet (ISO/IEC 13818-1 2.4.3.4) as far as a demuxer needs it: the
 * discontinuity and random access indicators and the PCR. OPCR, splice countdown, private data and
 * extensions are skipped on read and never written. {@code length} is adaptation_field_length (the
 * bytes after the length byte); the rest of those bytes is stuffing.
 *
 * @param length adaptation_field_length, 0 to 183
 * @param discontinuity discontinuity_indicator
 * @param randomAccess random_access_indicator
 * @param pcr program_clock_reference in 27 MHz units (base * 300 + extension), or -1 when absent
 */
public record AdaptationField(int length, boolean discontinuity, boolean randomAccess, long pcr) {
    static final String LAYER = "ts adaptation field";

    /** adaptation_field_length can be at most 183: the packet minus header and length byte. */
    public static final int MAX_LENGTH = TsPacketHeader.PACKET_SIZE - TsPacketHeader.HEADER_SIZE - 1;

    /** The flags byte and the 6-byte PCR. */
    public static final int PCR_BYTES = 6;

    public AdaptationField {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("adaptation field length " + length + " (allowed 0 to 183)");
        }
        int need = pcr >= 0 ? 1 + PCR_BYTES : (discontinuity || randomAccess) ? 1 : 0;
        if (length < need) {
            throw new IllegalArgumentException("adaptation field length " + length + " cannot hold its flags");
        }
    }

    /**
     * Reads the adaptation field starting at its length byte {@code b[off]}; {@code avail} bytes of the
     * packet remain from {@code off}.
     */
    public static AdaptationField read(byte[] b, int off, int avail) throws MediaParseException {
        int len = b[off] & 0xff;
        if (len > avail - 1) {
            throw MediaParseException.malformed(
                    LAYER, off, "length " + len + " exceeds the " + (avail - 1) + " bytes left in the packet");
        }
        if (len == 0) {
            return new AdaptationField(0, false, false, -1);
        }
        int flags = b[off + 1] & 0xff;
        long pcr = -1;
        if ((flags & 0x10) != 0) {
            if (len < 1 + PCR_BYTES) {
                throw MediaParseException.malformed(LAYER, off, "length " + len + " too short for its PCR");
            }
            pcr = readPcr(b, off + 2);
        }
        return new AdaptationField(len, (flags & 0x80) != 0, (flags & 0x40) != 0, pcr);
    }

    /** Writes the length byte, the flags, the PCR and 0xFF stuffing: {@link #size()} bytes. */
    public void write(byte[] b, int off) {
        b[off] = (byte) length;
        if (length == 0) {
            return;
        }
        b[off + 1] = (byte) ((discontinuity ? 0x80 : 0) | (randomAccess ? 0x40 : 0) | (pcr >= 0 ? 0x10 : 0));
        int p = off + 2;
        if (pcr >= 0) {
            writePcr(b, p, pcr);
            p += PCR_BYTES;
        }
        java.util.Arrays.fill(b, p, off + 1 + length, (byte) 0xff);
    }

    /** Bytes the field occupies in the packet, its length byte included. */
    public int size() {
        return 1 + length;
    }

    /** A PCR: 33-bit base (90 kHz), 6 reserved bits, 9-bit extension (27 MHz). */
    static long readPcr(byte[] b, int off) {
        long base = ((long) (b[off] & 0xff) << 25)
                | ((b[off + 1] & 0xff) << 17)
                | ((b[off + 2] & 0xff) << 9)
                | ((b[off + 3] & 0xff) << 1)
                | ((b[off + 4] & 0xff) >> 7);
        int ext = ((b[off + 4] & 0x01) << 8) | (b[off + 5] & 0xff);
        return base * 300 + ext;
    }

    static void writePcr(byte[] b, int off, long pcr) {
        long base = (pcr / 300) & 0x1_ffff_ffffL;
        int ext = (int) (pcr % 300);
        b[off] = (byte) (base >> 25);
        b[off + 1] = (byte) (base >> 17);
        b[off + 2] = (byte) (base >> 9);
        b[off + 3] = (byte) (base >> 1);
        b[off + 4] = (byte) (((base & 1) << 7) | 0x7e | (ext >> 8));
        b[off + 5] = (byte) ext;
    }
}
