package dev.liveloom.ts.packet;

/**
 * The 4-byte header of a transport stream packet (ISO/IEC 13818-1 2.4.3.2): sync byte 0x47,
 * transport_error_indicator, payload_unit_start_indicator, transport_priority, 13-bit PID,
 * transport_scrambling_control, adaptation_field_control and the 4-bit continuity_counter.
 */
public record TsPacketHeader(
        boolean transportError,
        boolean payloadUnitStart,
        boolean priority,
        int pid,
        int scrambling,
        boolean hasAdaptationField,
        boolean hasPayload,
        int continuityCounter) {

    /** Every TS packet is 188 bytes (no 192/204-byte variants here). */
    public static final int PACKET_SIZE = 188;

    public static final int HEADER_SIZE = 4;
    public static final int SYNC_BYTE = 0x47;
    public static final int MAX_PID = 0x1fff;
    public static final int NULL_PID = 0x1fff;
    public static final int PAT_PID = 0;

    public TsPacketHeader {
        if (pid < 0 || pid > MAX_PID) {
            throw new IllegalArgumentException("PID " + pid + " (allowed 0 to 8191)");
        }
        if (continuityCounter < 0 || continuityCounter > 15) {
            throw new IllegalArgumentException("continuity counter " + continuityCounter);
        }
        if (scrambling < 0 || scrambling > 3) {
            throw new IllegalArgumentException("scrambling control " + scrambling);
        }
    }

    /** A header for an unscrambled packet. */
    public static TsPacketHeader of(int pid, boolean start, boolean adaptation, boolean payload, int cc) {
        return new TsPacketHeader(false, start, false, pid, 0, adaptation, payload, cc);
    }

    /** Reads the header at {@code off}; the sync byte is the caller's to check (framing). */
    public static TsPacketHeader read(byte[] b, int off) {
        int b1 = b[off + 1] & 0xff;
        int b3 = b[off + 3] & 0xff;
        return new TsPacketHeader(
                (b1 & 0x80) != 0,
                (b1 & 0x40) != 0,
                (b1 & 0x20) != 0,
                pid(b, off),
                b3 >> 6,
                (b3 & 0x20) != 0,
                (b3 & 0x10) != 0,
                b3 & 0x0f);
    }

    /** Writes the 4 header bytes at {@code off}. */
    public void write(byte[] b, int off) {
        b[off] = (byte) SYNC_BYTE;
        b[off + 1] = (byte)
                ((transportError ? 0x80 : 0) | (payloadUnitStart ? 0x40 : 0) | (priority ? 0x20 : 0) | (pid >> 8));
        b[off + 2] = (byte) pid;
        b[off + 3] = (byte)
                ((scrambling << 6) | (hasAdaptationField ? 0x20 : 0) | (hasPayload ? 0x10 : 0) | continuityCounter);
    }

    /** The PID of the packet at {@code off} without building a header (the demuxer's hot path). */
    public static int pid(byte[] b, int off) {
        return ((b[off + 1] & 0x1f) << 8) | (b[off + 2] & 0xff);
    }
}
