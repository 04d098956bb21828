package dev.liveloom.srt.packet;

import dev.liveloom.core.media.MediaParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A NAK (loss report): the CIF lists lost sequence numbers; a single loss is one word with the top
 * bit clear, a range is its first number with the top bit set followed by its last number.
 */
public record Nak(List<Range> losses) {
    private static final String LAYER = "srt nak";

    /**
     * Words a NAK may carry: a datagram holds at most (1500 - 16) / 4 = 371 CIF words, so no valid
     * NAK has more, and a writer splits longer loss lists.
     */
    public static final int MAX_WORDS = (SrtPackets.MAX_DATAGRAM - SrtPackets.HEADER_SIZE) / 4;

    /** Lost sequence numbers {@code first..last}, inclusive (equal for a single loss). */
    public record Range(int first, int last) {
        public Range {
            if (first < 0 || last < 0) {
                throw new IllegalArgumentException("sequence numbers are 31 bits: " + first + ".." + last);
            }
        }

        /** The words this range takes in a NAK. */
        int words() {
            return first == last ? 1 : 2;
        }
    }

    public Nak {
        losses = List.copyOf(losses);
        int words = 0;
        for (Range r : losses) {
            words += r.words();
        }
        if (words > MAX_WORDS) {
            throw new IllegalArgumentException("a NAK of " + words + " words is over the limit of " + MAX_WORDS);
        }
    }

    public static Nak read(ControlPacket p) throws MediaParseException {
        if (p.type() != ControlType.NAK) {
            throw MediaParseException.malformed(LAYER, 0, "not a NAK: " + ControlType.name(p.type()));
        }
        int n = p.cif().length / 4;
        if (n > MAX_WORDS) {
            throw MediaParseException.malformed(LAYER, SrtPackets.HEADER_SIZE, n + " words, limit " + MAX_WORDS);
        }
        List<Range> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int w = p.word(i);
            if (w < 0) {
                if (i + 1 >= n) {
                    throw MediaParseException.truncated(
                            LAYER, SrtPackets.HEADER_SIZE + i * 4L, "range start without its end");
                }
                int last = p.word(++i);
                if (last < 0) {
                    throw MediaParseException.malformed(
                            LAYER, SrtPackets.HEADER_SIZE + i * 4L, "range end with the top bit set");
                }
                out.add(new Range(w & SrtPackets.MAX_SEQUENCE, last));
            } else {
                out.add(new Range(w, w));
            }
        }
        return new Nak(out);
    }

    public ControlPacket toPacket(int timestamp, int destinationSocketId) {
        int words = 0;
        for (Range r : losses) {
            words += r.words();
        }
        byte[] cif = new byte[words * 4];
        int at = 0;
        for (Range r : losses) {
            if (r.first == r.last) {
                SrtPackets.writeInt(cif, at, r.first);
                at += 4;
            } else {
                SrtPackets.writeInt(cif, at, r.first | 0x8000_0000);
                SrtPackets.writeInt(cif, at + 4, r.last);
                at += 8;
            }
        }
        return ControlPacket.of(ControlType.NAK, 0, timestamp, destinationSocketId, cif);
    }
}
