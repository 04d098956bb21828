package dev.liveloom.ts.pes;

import dev.liveloom.core.media.MediaParseException;

/**
 * A PES packet header (ISO/IEC 13818-1 2.4.3.6): start code prefix 00 00 01, stream_id,
 * PES_packet_length and, for audio/video stream ids, the optional header with PTS and DTS (33-bit,
 * 90 kHz). ESCR, ES rate, trick mode, CRC and extension fields are skipped through
 * PES_header_data_length on read and never written.
 *
 * @param streamId stream_id (0xE0-0xEF video, 0xC0-0xDF audio)
 * @param packetLength PES_packet_length: bytes after this field, 0 for an unbounded video PES
 * @param dataAlignment data_alignment_indicator
 * @param pts presentation time stamp in 90 kHz ticks, or -1
 * @param dts decoding time stamp in 90 kHz ticks, or -1 (absent: equal to the PTS)
 * @param headerSize bytes from the start code to the payload
 */
public record PesHeader(int streamId, int packetLength, boolean dataAlignment, long pts, long dts, int headerSize) {
    static final String LAYER = "ts pes";

    /** Start code prefix, stream_id and PES_packet_length. */
    public static final int PREFIX_SIZE = 6;

    /** The prefix plus the flag bytes and PES_header_data_length. */
    public static final int OPTIONAL_HEADER_MIN = 9;

    public static final int STREAM_ID_VIDEO = 0xe0;
    public static final int STREAM_ID_AUDIO = 0xc0;

    /** 33-bit timestamps. */
    public static final long TIMESTAMP_MASK = (1L << 33) - 1;

    /** A header for an audio/video stream id with PTS (and DTS when it differs). */
    public static PesHeader of(int streamId, int packetLength, long pts, long dts) {
        int size = OPTIONAL_HEADER_MIN + (pts < 0 ? 0 : dts >= 0 && dts != pts ? 10 : 5);
        return new PesHeader(streamId, packetLength, true, pts, dts >= 0 && dts != pts ? dts : -1, size);
    }

    /** True for stream ids whose header has the optional fields (not padding, private_stream_2, ECM...). */
    public static boolean hasOptionalHeader(int streamId) {
        return switch (streamId) {
            case 0xbc, 0xbe, 0xbf, 0xf0, 0xf1, 0xf2, 0xf8, 0xff -> false;
            default -> true;
        };
    }

    /** Bytes {@link #read} needs to see, given at least the first 9 bytes at {@code off}. */
    public static int sizeNeeded(byte[] b, int off) {
        return hasOptionalHeader(b[off + 3] & 0xff) ? OPTIONAL_HEADER_MIN + (b[off + 8] & 0xff) : PREFIX_SIZE;
    }

    /** Reads a header from {@code b[off, off+len)}; offsets in errors are relative to {@code off}. */
    public static PesHeader read(byte[] b, int off, int len) throws MediaParseException {
        if (len < PREFIX_SIZE) {
            throw MediaParseException.truncated(LAYER, 0, "header needs 6 bytes, " + len + " present");
        }
        if (b[off] != 0 || b[off + 1] != 0 || b[off + 2] != 1) {
            throw MediaParseException.malformed(
                    LAYER,
                    0,
                    String.format(
                            "no start code prefix (%02x %02x %02x)",
                            b[off] & 0xff, b[off + 1] & 0xff, b[off + 2] & 0xff));
        }
        int streamId = b[off + 3] & 0xff;
        int packetLength = ((b[off + 4] & 0xff) << 8) | (b[off + 5] & 0xff);
        if (!hasOptionalHeader(streamId)) {
            return new PesHeader(streamId, packetLength, false, -1, -1, PREFIX_SIZE);
        }
        if (len < OPTIONAL_HEADER_MIN) {
            throw MediaParseException.truncated(LAYER, 6, "header needs 9 bytes, " + len + " present");
        }
        int flags1 = b[off + 6] & 0xff;
        if ((flags1 & 0xc0) != 0x80) {
            throw MediaParseException.malformed(LAYER, 6, String.format("marker bits of %02x are not '10'", flags1));
        }
        int flags2 = b[off + 7] & 0xff;
        int dataLength = b[off + 8] & 0xff;
        int size = OPTIONAL_HEADER_MIN + dataLength;
        if (packetLength != 0 && size > PREFIX_SIZE + packetLength) {
            throw MediaParseException.malformed(
                    LAYER, 8, "header of " + size + " bytes in a PES of " + (PREFIX_SIZE + packetLength));
        }
        if (len < size) {
            throw MediaParseException.truncated(LAYER, 8, "header needs " + size + " bytes, " + len + " present");
        }
        int ptsDts = flags2 >> 6;
        long pts = -1;
        long dts = -1;
        if (ptsDts == 1) {
            throw MediaParseException.malformed(LAYER, 7, "PTS_DTS_flags 01 (forbidden)");
        }
        if (ptsDts >= 2) {
            if (dataLength < (ptsDts == 3 ? 10 : 5)) {
                throw MediaParseException.malformed(
                        LAYER,
                        8,
                        "header data of " + dataLength + " bytes cannot hold PTS" + (ptsDts == 3 ? "/DTS" : ""));
            }
            pts = readTimestamp(b, off + 9);
            if (ptsDts == 3) {
                dts = readTimestamp(b, off + 14);
            }
        }
        return new PesHeader(streamId, packetLength, (flags1 & 0x04) != 0, pts, dts, size);
    }

    /** Writes the {@link #headerSize} header bytes at {@code off}. */
    public void write(byte[] b, int off) {
        b[off] = 0;
        b[off + 1] = 0;
        b[off + 2] = 1;
        b[off + 3] = (byte) streamId;
        b[off + 4] = (byte) (packetLength >> 8);
        b[off + 5] = (byte) packetLength;
        if (!hasOptionalHeader(streamId)) {
            return;
        }
        int ptsDts = pts < 0 ? 0 : dts < 0 ? 2 : 3;
        b[off + 6] = (byte) (0x80 | (dataAlignment ? 0x04 : 0));
        b[off + 7] = (byte) (ptsDts << 6);
        b[off + 8] = (byte) (headerSize - OPTIONAL_HEADER_MIN);
        int p = off + 9;
        if (ptsDts >= 2) {
            writeTimestamp(b, p, ptsDts == 3 ? 3 : 2, pts);
            p += 5;
        }
        if (ptsDts == 3) {
            writeTimestamp(b, p, 1, dts);
            p += 5;
        }
        java.util.Arrays.fill(b, p, off + headerSize, (byte) 0xff);
    }

    /** The DTS, or the PTS when no DTS is present (-1 when neither is). */
    public long decodeTime() {
        return dts >= 0 ? dts : pts;
    }

    static long readTimestamp(byte[] b, int off) {
        return ((long) ((b[off] >> 1) & 0x07) << 30)
                | ((b[off + 1] & 0xff) << 22)
                | (((b[off + 2] & 0xff) >> 1) << 15)
                | ((b[off + 3] & 0xff) << 7)
                | ((b[off + 4] & 0xff) >> 1);
    }

    static void writeTimestamp(byte[] b, int off, int prefix, long ts) {
        ts &= TIMESTAMP_MASK;
        b[off] = (byte) ((prefix << 4) | ((ts >> 29) & 0x0e) | 1);
        b[off + 1] = (byte) (ts >> 22);
        b[off + 2] = (byte) (((ts >> 14) & 0xfe) | 1);
        b[off + 3] = (byte) (ts >> 7);
        b[off + 4] = (byte) (((ts << 1) & 0xfe) | 1);
    }
}
