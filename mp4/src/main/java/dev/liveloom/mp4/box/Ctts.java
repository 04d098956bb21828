package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * Composition time to sample ("ctts"): runs of samples with the same composition offset. Offsets are
 * read as signed 32-bit in both versions, as ffmpeg does (version 0 declares them unsigned, but
 * writers put negative values there too).
 */
public record Ctts(int version, int[] counts, int[] offsets) {

    public static Ctts read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        int version = r.u8();
        r.skip(3);
        int n = r.entries(r.u32(), 8, "entry_count");
        int[] counts = new int[n];
        int[] offsets = new int[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            counts[i] = b.getInt();
            offsets[i] = b.getInt();
        }
        return new Ctts(version, counts, offsets);
    }

    public byte[] write() {
        ByteBuffer b = FullBox.start("ctts", 4 + 8 * counts.length, version, 0);
        b.putInt(counts.length);
        for (int i = 0; i < counts.length; i++) {
            b.putInt(counts[i]).putInt(offsets[i]);
        }
        return b.array();
    }
}
