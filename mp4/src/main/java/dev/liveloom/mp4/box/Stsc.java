package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * Sample to chunk ("stsc"): from chunk {@code firstChunks[i]} (1-based) on, each chunk holds
 * {@code samplesPerChunk[i]} samples. The sample description index is kept but liveloom reads only
 * the first description.
 */
public record Stsc(int[] firstChunks, int[] samplesPerChunk, int[] descriptionIndexes) {

    public static Stsc read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        r.skip(4);
        int n = r.entries(r.u32(), 12, "entry_count");
        int[] first = new int[n];
        int[] per = new int[n];
        int[] desc = new int[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            first[i] = b.getInt();
            per[i] = b.getInt();
            desc[i] = b.getInt();
        }
        return new Stsc(first, per, desc);
    }

    public byte[] write() {
        ByteBuffer b = FullBox.start("stsc", 4 + 12 * firstChunks.length, 0, 0);
        b.putInt(firstChunks.length);
        for (int i = 0; i < firstChunks.length; i++) {
            b.putInt(firstChunks[i]).putInt(samplesPerChunk[i]).putInt(descriptionIndexes[i]);
        }
        return b.array();
    }
}
