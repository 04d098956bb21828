package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Decoding time to sample ("stts"): runs of samples with the same duration. */
public record Stts(int[] counts, int[] deltas) {

    public static Stts read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        r.skip(4); // version, flags
        int n = r.entries(r.u32(), 8, "entry_count");
        int[] counts = new int[n];
        int[] deltas = new int[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            counts[i] = b.getInt();
            deltas[i] = b.getInt();
        }
        return new Stts(counts, deltas);
    }

    public byte[] write() {
        ByteBuffer b = FullBox.start("stts", 4 + 8 * counts.length, 0, 0);
        b.putInt(counts.length);
        for (int i = 0; i < counts.length; i++) {
            b.putInt(counts[i]).putInt(deltas[i]);
        }
        return b.array();
    }
}
