package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * Track fragment run ("trun"): a run of contiguous samples, each field present only when its flag is
 * set and otherwise taken from the tfhd/trex defaults. {@code dataOffset} is relative to the base
 * data offset; {@code hasDataOffset} false means the run follows the previous one.
 */
public record Trun(
        int version,
        int flags,
        boolean hasDataOffset,
        int dataOffset,
        int count,
        int[] durations,
        int[] sizes,
        int[] sampleFlags,
        int[] compositionOffsets) {
    public static final int DATA_OFFSET = 0x1;
    public static final int FIRST_SAMPLE_FLAGS = 0x4;
    public static final int SAMPLE_DURATION = 0x100;
    public static final int SAMPLE_SIZE = 0x200;
    public static final int SAMPLE_FLAGS = 0x400;
    public static final int SAMPLE_CTS = 0x800;

    /**
     * Most samples in a run whose samples have no per-sample fields (so no bytes bound the count):
     * real fragments hold seconds of media; 2^20 is over 11 hours of 25 fps video in one run.
     */
    public static final int MAX_RUN_SAMPLES = 1 << 20;

    /** Reads the run, filling absent per-sample fields from {@code defaults}. */
    public static Trun read(Box box, Tfhd defaults) throws MediaParseException {
        BoxReader r = box.reader();
        int version = r.u8();
        int flags = r.u24();
        long count = r.u32();
        boolean hasOffset = (flags & DATA_OFFSET) != 0;
        int dataOffset = hasOffset ? r.s32() : 0;
        int firstFlags = (flags & FIRST_SAMPLE_FLAGS) != 0 ? r.s32() : -1;
        boolean fd = (flags & SAMPLE_DURATION) != 0;
        boolean fs = (flags & SAMPLE_SIZE) != 0;
        boolean ff = (flags & SAMPLE_FLAGS) != 0;
        boolean fc = (flags & SAMPLE_CTS) != 0;
        int per = 4 * ((fd ? 1 : 0) + (fs ? 1 : 0) + (ff ? 1 : 0) + (fc ? 1 : 0));
        int n;
        if (per == 0) {
            if (count > MAX_RUN_SAMPLES) {
                throw MediaParseException.unsupported(
                        box.layer(), box.at(4), "sample_count " + count + " > limit " + MAX_RUN_SAMPLES);
            }
            n = (int) count;
        } else {
            n = r.entries(count, per, "sample_count");
        }
        int[] durations = new int[n];
        int[] sizes = new int[n];
        int[] sflags = new int[n];
        int[] cts = new int[n];
        ByteBuffer b = r.buffer();
        for (int i = 0; i < n; i++) {
            durations[i] = fd ? b.getInt() : defaults.duration();
            sizes[i] = fs ? b.getInt() : defaults.size();
            sflags[i] = ff ? b.getInt() : i == 0 && firstFlags != -1 ? firstFlags : defaults.sampleFlags();
            cts[i] = fc ? b.getInt() : 0;
            if (sizes[i] < 0) {
                throw MediaParseException.malformed(
                        box.layer(),
                        box.at(b.position() - per),
                        "sample size " + (sizes[i] & 0xffffffffL) + " > 2^31-1");
            }
        }
        if (firstFlags != -1 && n > 0 && !ff) {
            sflags[0] = firstFlags;
        }
        return new Trun(version, flags, hasOffset, dataOffset, n, durations, sizes, sflags, cts);
    }

    public byte[] write() {
        boolean fd = (flags & SAMPLE_DURATION) != 0;
        boolean fs = (flags & SAMPLE_SIZE) != 0;
        boolean ff = (flags & SAMPLE_FLAGS) != 0;
        boolean fc = (flags & SAMPLE_CTS) != 0;
        int per = 4 * ((fd ? 1 : 0) + (fs ? 1 : 0) + (ff ? 1 : 0) + (fc ? 1 : 0));
        int n = 4 + ((flags & DATA_OFFSET) != 0 ? 4 : 0) + ((flags & FIRST_SAMPLE_FLAGS) != 0 ? 4 : 0) + per * count;
        ByteBuffer b = FullBox.start("trun", n, version, flags);
        b.putInt(count);
        if ((flags & DATA_OFFSET) != 0) {
            b.putInt(dataOffset);
        }
        if ((flags & FIRST_SAMPLE_FLAGS) != 0) {
            b.putInt(sampleFlags[0]);
        }
        for (int i = 0; i < count; i++) {
            if (fd) b.putInt(durations[i]);
            if (fs) b.putInt(sizes[i]);
            if (ff) b.putInt(sampleFlags[i]);
            if (fc) b.putInt(compositionOffsets[i]);
        }
        return b.array();
    }
}
