package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * Track fragment header ("tfhd"): the track and the optional base data offset and sample defaults;
 * a field absent from the box is -1 here ({@code baseDataOffset}) or falls back to trex.
 */
public record Tfhd(
        int flags, int trackId, long baseDataOffset, int descriptionIndex, int duration, int size, int sampleFlags) {
    public static final int BASE_DATA_OFFSET = 0x1;
    public static final int DESCRIPTION_INDEX = 0x2;
    public static final int DEFAULT_DURATION = 0x8;
    public static final int DEFAULT_SIZE = 0x10;
    public static final int DEFAULT_FLAGS = 0x20;
    public static final int DURATION_IS_EMPTY = 0x10000;
    public static final int DEFAULT_BASE_IS_MOOF = 0x20000;

    public static Tfhd read(Box box, Trex trex) throws MediaParseException {
        BoxReader r = box.reader();
        int flags = r.s32() & 0xffffff;
        int trackId = r.s32();
        long base = -1;
        if ((flags & BASE_DATA_OFFSET) != 0) {
            base = r.s64();
            if (base < 0) {
                throw MediaParseException.malformed(box.layer(), box.at(8), "base_data_offset " + base + " < 0");
            }
        }
        int desc = (flags & DESCRIPTION_INDEX) != 0 ? r.s32() : trex == null ? 1 : trex.descriptionIndex();
        int duration = (flags & DEFAULT_DURATION) != 0 ? r.s32() : trex == null ? 0 : trex.duration();
        int size = (flags & DEFAULT_SIZE) != 0 ? r.s32() : trex == null ? 0 : trex.size();
        int sampleFlags = (flags & DEFAULT_FLAGS) != 0 ? r.s32() : trex == null ? 0 : trex.flags();
        return new Tfhd(flags, trackId, base, desc, duration, size, sampleFlags);
    }

    public byte[] write() {
        int n = 4 + ((flags & BASE_DATA_OFFSET) != 0 ? 8 : 0);
        for (int f : new int[] {DESCRIPTION_INDEX, DEFAULT_DURATION, DEFAULT_SIZE, DEFAULT_FLAGS}) {
            n += (flags & f) != 0 ? 4 : 0;
        }
        ByteBuffer b = FullBox.start("tfhd", n, 0, flags);
        b.putInt(trackId);
        if ((flags & BASE_DATA_OFFSET) != 0) {
            b.putLong(baseDataOffset);
        }
        if ((flags & DESCRIPTION_INDEX) != 0) {
            b.putInt(descriptionIndex);
        }
        if ((flags & DEFAULT_DURATION) != 0) {
            b.putInt(duration);
        }
        if ((flags & DEFAULT_SIZE) != 0) {
            b.putInt(size);
        }
        if ((flags & DEFAULT_FLAGS) != 0) {
            b.putInt(sampleFlags);
        }
        return b.array();
    }
}
