package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * Edit list ("elst"): each edit plays {@code durations[i]} (movie timescale) of the media from
 * {@code mediaTimes[i]} (media timescale; -1 = empty edit, a gap). Version 1 has 64-bit fields.
 */
public record Elst(long[] durations, long[] mediaTimes, int[] rates) {

    /**
     * Most edits honoured: real files have one or two; ffmpeg rejects tables whose entries do not fit
     * the box, liveloom also bounds the work of applying them (each edit walks the sample index).
     */
    public static final int MAX_EDITS = 1024;

    public static Elst read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        int version = r.u8();
        r.skip(3);
        int entrySize = version == 1 ? 20 : 12;
        int n = r.entries(r.u32(), entrySize, "entry_count");
        if (n > MAX_EDITS) {
            throw MediaParseException.unsupported(box.layer(), box.at(4), "entry_count " + n + " > limit " + MAX_EDITS);
        }
        long[] d = new long[n];
        long[] t = new long[n];
        int[] rate = new int[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            if (version == 1) {
                d[i] = b.getLong();
                t[i] = b.getLong();
            } else {
                d[i] = b.getInt() & 0xffffffffL;
                t[i] = b.getInt();
            }
            rate[i] = b.getInt();
            if (d[i] < 0 || t[i] < -1) {
                throw MediaParseException.malformed(
                        box.layer(),
                        box.at(8 + i * entrySize),
                        "edit " + i + ": duration " + d[i] + ", media_time " + t[i]);
            }
        }
        return new Elst(d, t, rate);
    }

    public byte[] write(int version) {
        int entrySize = version == 1 ? 20 : 12;
        ByteBuffer b = FullBox.start("elst", 4 + entrySize * durations.length, version, 0);
        b.putInt(durations.length);
        for (int i = 0; i < durations.length; i++) {
            if (version == 1) {
                b.putLong(durations[i]).putLong(mediaTimes[i]);
            } else {
                b.putInt((int) durations[i]).putInt((int) mediaTimes[i]);
            }
            b.putInt(rates[i]);
        }
        return b.array();
    }

    public int count() {
        return durations.length;
    }
}
