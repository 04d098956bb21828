package dev.liveloom.mp4.internal;

import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.mp4.box.Trex;

/**
 * One output track: its format and timescale, the samples from its sample table (after the edit
 * list), then the samples of the fragments read so far. A cursor walks them in decode order; times
 * are converted to microseconds as each sample is reached.
 */
public final class Track {
    public final int index;
    public final int trackId;
    public final TrackFormat format;
    public final long timescale;
    public final boolean audio;
    /** Edit list start minus empty edits (media timescale), subtracted from fragment decode times. */
    public final long timeOffset;

    public final Trex trex;

    private final SampleTable table;
    private final EditListIndex edited;
    private int next;

    // fragment samples not yet returned
    private int fragCount;
    private int fragNext;
    private long[] fragOffsets = new long[0];
    private int[] fragSizes = new int[0];
    private long[] fragDts = new long[0];
    private int[] fragCts = new int[0];
    private int[] fragDurations = new int[0];
    private boolean[] fragKey = new boolean[0];
    /** Decode time after the last fragment sample, for a fragment without tfdt. */
    private long fragmentEnd;

    public Track(
            int index,
            int trackId,
            TrackFormat format,
            long timescale,
            boolean audio,
            long timeOffset,
            Trex trex,
            SampleTable table,
            EditListIndex edited) {
        this.index = index;
        this.trackId = trackId;
        this.format = format;
        this.timescale = timescale;
        this.audio = audio;
        this.timeOffset = timeOffset;
        this.trex = trex;
        this.table = table;
        this.edited = edited;
        long end = 0;
        if (table.count > 0) {
            end = table.dts[table.count - 1] + table.durations[table.count - 1] + table.dtsShift;
        }
        this.fragmentEnd = end;
    }

    public boolean hasNext() {
        return next < edited.count || fragNext < fragCount;
    }

    private boolean inTable() {
        return next < edited.count;
    }

    public long offset() {
        return inTable() ? table.offsets[edited.sample[next]] : fragOffsets[fragNext];
    }

    public int size() {
        return inTable() ? table.sizes[edited.sample[next]] : fragSizes[fragNext];
    }

    public long dts() {
        return inTable() ? edited.dts[next] : fragDts[fragNext];
    }

    public long pts() {
        if (inTable()) {
            int s = edited.sample[next];
            return table.cts == null ? edited.dts[next] : edited.dts[next] + table.dtsShift + table.cts[s];
        }
        return fragDts[fragNext] + fragCts[fragNext];
    }

    public long duration() {
        return inTable() ? table.durations[edited.sample[next]] : fragDurations[fragNext];
    }

    public boolean key() {
        return inTable() ? table.key[edited.sample[next]] : fragKey[fragNext];
    }

    public long dtsUs() {
        return Rescale.toUs(dts(), timescale);
    }

    public void advance() {
        if (inTable()) {
            next++;
        } else {
            fragNext++;
        }
    }

    /** Back to the first sample of the sample table (not for fragmented tracks). */
    public void rewind() {
        next = 0;
    }

    /** Samples left to return (for tests and limits). */
    public int pending() {
        return edited.count - next + fragCount - fragNext;
    }

    public long fragmentEnd() {
        return fragmentEnd;
    }

    /** Appends one fragment sample (decode time in media timescale, already offset). */
    public void addFragmentSample(long offset, int size, long dts, int cts, int duration, boolean key) {
        if (fragNext == fragCount) {
            fragNext = 0;
            fragCount = 0;
        }
        if (fragCount == fragOffsets.length) {
            int cap = Math.max(64, fragCount * 2);
            fragOffsets = java.util.Arrays.copyOf(fragOffsets, cap);
            fragSizes = java.util.Arrays.copyOf(fragSizes, cap);
            fragDts = java.util.Arrays.copyOf(fragDts, cap);
            fragCts = java.util.Arrays.copyOf(fragCts, cap);
            fragDurations = java.util.Arrays.copyOf(fragDurations, cap);
            fragKey = java.util.Arrays.copyOf(fragKey, cap);
        }
        fragOffsets[fragCount] = offset;
        fragSizes[fragCount] = size;
        fragDts[fragCount] = dts;
        fragCts[fragCount] = cts;
        fragDurations[fragCount] = duration;
        fragKey[fragCount] = key;
        fragCount++;
        fragmentEnd = dts + timeOffset + duration;
    }
}
