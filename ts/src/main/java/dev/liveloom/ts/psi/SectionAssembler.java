package dev.liveloom.ts.psi;

import dev.liveloom.core.media.MediaParseException;

/**
 * Reassembles PSI sections from the payloads of one PID's TS packets (ISO/IEC 13818-1 2.4.4.2): a
 * packet with payload_unit_start_indicator begins with a pointer_field; the bytes before the
 * pointer finish the section in progress, a new section starts after them, several sections may
 * follow each other in one packet, and a table_id of 0xFF starts stuffing up to the packet's end.
 * Sections longer than {@link SectionHeader#MAX_SECTION_BYTES} are dropped.
 */
public final class SectionAssembler {
    static final String LAYER = "ts psi";

    /** Receives whole sections (CRC not yet checked) and the sections that could not be assembled. */
    public interface Sink {
        void section(byte[] b, int off, int len);

        void error(MediaParseException e);
    }

    private final Sink sink;
    private final byte[] buf = new byte[SectionHeader.MAX_SECTION_BYTES];
    private boolean collecting;
    private int filled;
    private int expected;

    public SectionAssembler(Sink sink) {
        this.sink = sink;
    }

    /** Forgets a section in progress (after packet loss on the PID). */
    public void reset() {
        collecting = false;
    }

    /** One packet's payload {@code b[off, off+len)}; {@code start} is payload_unit_start_indicator. */
    public void payload(byte[] b, int off, int len, boolean start) {
        int end = off + len;
        if (!start) {
            if (collecting) {
                append(b, off, end);
            }
            return;
        }
        if (len < 1) {
            collecting = false;
            sink.error(MediaParseException.malformed(LAYER, 0, "payload unit start without pointer field"));
            return;
        }
        int pointer = b[off] & 0xff;
        off++;
        if (pointer > end - off) {
            collecting = false;
            sink.error(MediaParseException.malformed(
                    LAYER, 0, "pointer field " + pointer + " past the " + (end - off) + " payload bytes"));
            return;
        }
        if (collecting) {
            append(b, off, off + pointer);
            if (collecting) {
                collecting = false;
                sink.error(MediaParseException.truncated(
                        LAYER, 0, "section of " + expected + " bytes cut short at " + filled));
            }
        }
        off += pointer;
        while (off < end && (b[off] & 0xff) != 0xff) {
            collecting = true;
            filled = 0;
            expected = -1;
            off = append(b, off, end);
        }
    }

    /** Appends from {@code b[off, end)} to the section in progress; returns where it stopped. */
    private int append(byte[] b, int off, int end) {
        while (off < end && collecting) {
            int want = expected < 0 ? 3 - filled : expected - filled;
            int n = Math.min(want, end - off);
            System.arraycopy(b, off, buf, filled, n);
            filled += n;
            off += n;
            if (expected < 0 && filled == 3) {
                int sectionLength = SectionHeader.sectionLength(buf, 0);
                if (sectionLength > SectionHeader.MAX_SECTION_LENGTH) {
                    collecting = false;
                    sink.error(MediaParseException.malformed(
                            LAYER,
                            1,
                            "section length " + sectionLength + " exceeds " + SectionHeader.MAX_SECTION_LENGTH));
                    return end;
                }
                expected = 3 + sectionLength;
            }
            if (expected >= 0 && filled == expected) {
                collecting = false;
                sink.section(buf, 0, filled);
            }
        }
        return off;
    }
}
