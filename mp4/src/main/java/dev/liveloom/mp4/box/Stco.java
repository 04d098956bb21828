package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Chunk offsets: "stco" (32-bit) or "co64" (64-bit), file offsets of each chunk. */
public record Stco(long[] offsets) {

    public static Stco read(Box box) throws MediaParseException {
        boolean wide = box.type() == BoxHeader.fourcc("co64");
        BoxReader r = box.reader();
        r.skip(4);
        int n = r.entries(r.u32(), wide ? 8 : 4, "entry_count");
        long[] o = new long[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            o[i] = wide ? b.getLong() : b.getInt() & 0xffffffffL;
            if (o[i] < 0) {
                throw MediaParseException.malformed(box.layer(), box.at(8 + 8 * i), "chunk offset " + o[i] + " < 0");
            }
        }
        return new Stco(o);
    }

    /** Writes "co64" when {@code wide}, else "stco" (offsets must then fit 32 bits). */
    public byte[] write(boolean wide) {
        ByteBuffer b = FullBox.start(wide ? "co64" : "stco", 4 + (wide ? 8 : 4) * offsets.length, 0, 0);
        b.putInt(offsets.length);
        for (long o : offsets) {
            if (wide) {
                b.putLong(o);
            } else {
                b.putInt((int) o);
            }
        }
        return b.array();
    }
}
