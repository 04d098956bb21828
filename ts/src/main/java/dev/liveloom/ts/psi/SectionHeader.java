package dev.liveloom.ts.psi;

import dev.liveloom.core.media.MediaParseException;

/**
 * The long-form header shared by PAT and PMT sections (ISO/IEC 13818-1 2.4.4): table_id,
 * section_syntax_indicator, section_length, a 16-bit id (transport_stream_id or program_number),
 * version_number, current_next_indicator, section_number, last_section_number. The section ends
 * with a CRC_32.
 */
public record SectionHeader(
        int tableId,
        int sectionLength,
        int id,
        int version,
        boolean current,
        int sectionNumber,
        int lastSectionNumber) {
    static final String LAYER = "ts psi";

    /** Bytes from table_id to last_section_number. */
    public static final int SIZE = 8;

    public static final int CRC_SIZE = 4;

    /**
     * section_length of a PAT or PMT "shall not exceed 1021" (2.4.4.3, 2.4.4.8) so that a whole
     * section is at most 1024 bytes; private sections may reach 4093, which we never need to keep.
     */
    public static final int MAX_SECTION_LENGTH = 1021;

    /** A whole PSI section as stored: 3 header bytes plus section_length. */
    public static final int MAX_SECTION_BYTES = 3 + MAX_SECTION_LENGTH;

    public SectionHeader {
        if (sectionLength < SIZE - 3 + CRC_SIZE || sectionLength > MAX_SECTION_LENGTH) {
            throw new IllegalArgumentException("section length " + sectionLength);
        }
    }

    /** The section_length of the 3-byte short header at {@code off}. */
    public static int sectionLength(byte[] b, int off) {
        return ((b[off + 1] & 0x0f) << 8) | (b[off + 2] & 0xff);
    }

    /**
     * Reads the header of the whole section {@code b[off, off+len)} after checking its CRC.
     *
     * @throws MediaParseException for a bad CRC, syntax indicator or length (offsets within the section)
     */
    public static SectionHeader read(byte[] b, int off, int len) throws MediaParseException {
        if (len < SIZE + CRC_SIZE) {
            throw MediaParseException.malformed(LAYER, 0, "section of " + len + " bytes");
        }
        int sectionLength = sectionLength(b, off);
        if (sectionLength + 3 != len) {
            throw MediaParseException.malformed(LAYER, 1, "section length " + sectionLength + " for " + len + " bytes");
        }
        if ((b[off + 1] & 0x80) == 0) {
            throw MediaParseException.malformed(LAYER, 1, "section_syntax_indicator 0 in a PAT/PMT");
        }
        if (sectionLength > MAX_SECTION_LENGTH) {
            throw MediaParseException.malformed(
                    LAYER, 1, "section length " + sectionLength + " exceeds " + MAX_SECTION_LENGTH);
        }
        int crc = Crc32Mpeg.compute(b, off, len);
        if (crc != 0) {
            int stored = ((b[off + len - 4] & 0xff) << 24)
                    | ((b[off + len - 3] & 0xff) << 16)
                    | ((b[off + len - 2] & 0xff) << 8)
                    | (b[off + len - 1] & 0xff);
            throw MediaParseException.malformed(
                    LAYER,
                    len - 4,
                    String.format(
                            "CRC 0x%08x does not match the section (expected 0x%08x)",
                            stored, Crc32Mpeg.compute(b, off, len - 4)));
        }
        return new SectionHeader(
                b[off] & 0xff,
                sectionLength,
                ((b[off + 3] & 0xff) << 8) | (b[off + 4] & 0xff),
                (b[off + 5] >> 1) & 0x1f,
                (b[off + 5] & 1) != 0,
                b[off + 6] & 0xff,
                b[off + 7] & 0xff);
    }

    /** Writes the 8 header bytes at {@code off}. */
    public void write(byte[] b, int off) {
        b[off] = (byte) tableId;
        b[off + 1] = (byte) (0xb0 | (sectionLength >> 8));
        b[off + 2] = (byte) sectionLength;
        b[off + 3] = (byte) (id >> 8);
        b[off + 4] = (byte) id;
        b[off + 5] = (byte) (0xc0 | (version << 1) | (current ? 1 : 0));
        b[off + 6] = (byte) sectionNumber;
        b[off + 7] = (byte) lastSectionNumber;
    }

    /** Computes and writes the CRC over {@code b[off, off+len-4)} into the last 4 bytes. */
    public static void writeCrc(byte[] b, int off, int len) {
        int crc = Crc32Mpeg.compute(b, off, len - CRC_SIZE);
        int p = off + len - CRC_SIZE;
        b[p] = (byte) (crc >>> 24);
        b[p + 1] = (byte) (crc >>> 16);
        b[p + 2] = (byte) (crc >>> 8);
        b[p + 3] = (byte) crc;
    }
}
