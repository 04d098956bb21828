package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Sync samples ("stss"): 1-based numbers of the random access samples. */
public record Stss(int[] samples) {

    public static Stss read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        r.skip(4);
        int n = r.entries(r.u32(), 4, "entry_count");
        int[] s = new int[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            s[i] = b.getInt();
        }
        return new Stss(s);
    }

    public byte[] write() {
        ByteBuffer b = FullBox.start("stss", 4 + 4 * samples.length, 0, 0);
        b.putInt(samples.length);
        for (int s : samples) {
            b.putInt(s);
        }
        return b.array();
    }
}
