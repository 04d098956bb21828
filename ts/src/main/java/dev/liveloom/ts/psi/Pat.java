package dev.liveloom.ts.psi;

import dev.liveloom.core.media.MediaParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A program association section (table_id 0): which PID carries each program's PMT. Program 0 names
 * the network PID and is kept like the others.
 */
public record Pat(int transportStreamId, int version, List<Program> programs) {
    public static final int TABLE_ID = 0x00;

    /** One program_number and its program_map_PID. */
    public record Program(int number, int pmtPid) {}

    public Pat {
        programs = List.copyOf(programs);
    }

    /** Parses a whole section (CRC included and checked). */
    public static Pat read(byte[] b, int off, int len) throws MediaParseException {
        SectionHeader h = SectionHeader.read(b, off, len);
        if (h.tableId() != TABLE_ID) {
            throw MediaParseException.malformed(SectionHeader.LAYER, 0, "table id " + h.tableId() + " on the PAT PID");
        }
        int end = off + len - SectionHeader.CRC_SIZE;
        int p = off + SectionHeader.SIZE;
        if ((end - p) % 4 != 0) {
            throw MediaParseException.malformed(SectionHeader.LAYER, 1, "PAT loop of " + (end - p) + " bytes");
        }
        List<Program> programs = new ArrayList<>();
        for (; p < end; p += 4) {
            int number = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
            int pid = ((b[p + 2] & 0x1f) << 8) | (b[p + 3] & 0xff);
            programs.add(new Program(number, pid));
        }
        return new Pat(h.id(), h.version(), programs);
    }

    /** The whole section with its CRC. */
    public byte[] write() {
        int len = SectionHeader.SIZE + 4 * programs.size() + SectionHeader.CRC_SIZE;
        byte[] b = new byte[len];
        new SectionHeader(TABLE_ID, len - 3, transportStreamId, version, true, 0, 0).write(b, 0);
        int p = SectionHeader.SIZE;
        for (Program pr : programs) {
            b[p] = (byte) (pr.number >> 8);
            b[p + 1] = (byte) pr.number;
            b[p + 2] = (byte) (0xe0 | (pr.pmtPid >> 8));
            b[p + 3] = (byte) pr.pmtPid;
            p += 4;
        }
        SectionHeader.writeCrc(b, 0, len);
        return b;
    }
}
