package dev.liveloom.ts.psi;

import dev.liveloom.core.media.MediaParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A TS program map section (table_id 2): the PCR PID and each elementary stream's type and PID.
 * Descriptors are kept as raw bytes.
 */
public record Pmt(int programNumber, int version, int pcrPid, byte[] programInfo, List<Stream> streams) {
    public static final int TABLE_ID = 0x02;

    /** One elementary stream: stream_type, elementary_PID and its ES_info descriptors. */
    public record Stream(int streamType, int pid, byte[] esInfo) {
        public Stream {
            esInfo = esInfo.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stream s
                    && s.streamType == streamType
                    && s.pid == pid
                    && Arrays.equals(s.esInfo, esInfo);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * streamType + pid) + Arrays.hashCode(esInfo);
        }

        @Override
        public String toString() {
            return String.format("Stream[type=0x%02x, pid=%d, esInfo=%d bytes]", streamType, pid, esInfo.length);
        }
    }

    public Pmt {
        programInfo = programInfo.clone();
        streams = List.copyOf(streams);
    }

    /** Parses a whole section (CRC included and checked); offsets in errors are within the section. */
    public static Pmt read(byte[] b, int off, int len) throws MediaParseException {
        SectionHeader h = SectionHeader.read(b, off, len);
        if (h.tableId() != TABLE_ID) {
            throw MediaParseException.malformed(SectionHeader.LAYER, 0, "table id " + h.tableId() + " on a PMT PID");
        }
        int end = off + len - SectionHeader.CRC_SIZE;
        int p = off + SectionHeader.SIZE;
        if (end - p < 4) {
            throw MediaParseException.malformed(SectionHeader.LAYER, p - off, "PMT without PCR PID and program info");
        }
        int pcrPid = ((b[p] & 0x1f) << 8) | (b[p + 1] & 0xff);
        int infoLen = ((b[p + 2] & 0x0f) << 8) | (b[p + 3] & 0xff);
        p += 4;
        if (infoLen > end - p) {
            throw MediaParseException.malformed(
                    SectionHeader.LAYER, p - 2 - off, "program info of " + infoLen + " bytes, " + (end - p) + " left");
        }
        byte[] info = Arrays.copyOfRange(b, p, p + infoLen);
        p += infoLen;
        List<Stream> streams = new ArrayList<>();
        while (p < end) {
            if (end - p < 5) {
                throw MediaParseException.malformed(
                        SectionHeader.LAYER, p - off, "stream entry of " + (end - p) + " bytes");
            }
            int type = b[p] & 0xff;
            int pid = ((b[p + 1] & 0x1f) << 8) | (b[p + 2] & 0xff);
            int esLen = ((b[p + 3] & 0x0f) << 8) | (b[p + 4] & 0xff);
            p += 5;
            if (esLen > end - p) {
                throw MediaParseException.malformed(
                        SectionHeader.LAYER, p - 2 - off, "ES info of " + esLen + " bytes, " + (end - p) + " left");
            }
            streams.add(new Stream(type, pid, Arrays.copyOfRange(b, p, p + esLen)));
            p += esLen;
        }
        return new Pmt(h.id(), h.version(), pcrPid, info, streams);
    }

    /** The whole section with its CRC. */
    public byte[] write() {
        int len = SectionHeader.SIZE + 4 + programInfo.length + SectionHeader.CRC_SIZE;
        for (Stream s : streams) {
            len += 5 + s.esInfo.length;
        }
        if (len - 3 > SectionHeader.MAX_SECTION_LENGTH) {
            throw new IllegalArgumentException("PMT of " + len + " bytes does not fit one section");
        }
        byte[] b = new byte[len];
        new SectionHeader(TABLE_ID, len - 3, programNumber, version, true, 0, 0).write(b, 0);
        int p = SectionHeader.SIZE;
        b[p] = (byte) (0xe0 | (pcrPid >> 8));
        b[p + 1] = (byte) pcrPid;
        b[p + 2] = (byte) (0xf0 | (programInfo.length >> 8));
        b[p + 3] = (byte) programInfo.length;
        p += 4;
        System.arraycopy(programInfo, 0, b, p, programInfo.length);
        p += programInfo.length;
        for (Stream s : streams) {
            b[p] = (byte) s.streamType;
            b[p + 1] = (byte) (0xe0 | (s.pid >> 8));
            b[p + 2] = (byte) s.pid;
            b[p + 3] = (byte) (0xf0 | (s.esInfo.length >> 8));
            b[p + 4] = (byte) s.esInfo.length;
            System.arraycopy(s.esInfo, 0, b, p + 5, s.esInfo.length);
            p += 5 + s.esInfo.length;
        }
        SectionHeader.writeCrc(b, 0, len);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pmt m
                && m.programNumber == programNumber
                && m.version == version
                && m.pcrPid == pcrPid
                && Arrays.equals(m.programInfo, programInfo)
                && m.streams.equals(streams);
    }

    @Override
    public int hashCode() {
        return ((programNumber * 31 + version) * 31 + pcrPid) * 31 + streams.hashCode();
    }

    @Override
    public String toString() {
        return "Pmt[program=" + programNumber + ", version=" + version + ", pcrPid=" + pcrPid + ", streams=" + streams
                + ']';
    }
}
