package dev.liveloom.mp4.internal;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.mp4.box.Ctts;
import dev.liveloom.mp4.box.Stco;
import dev.liveloom.mp4.box.Stsc;
import dev.liveloom.mp4.box.Stss;
import dev.liveloom.mp4.box.Stsz;
import dev.liveloom.mp4.box.Stts;

/**
 * The samples of one progressive track in decode order, in primitive arrays (no per-sample
 * objects): file offset, size, decode time, composition offset, duration and sync flag. Decode times
 * start at {@code -dtsShift} like ffmpeg's mov demuxer, so that {@code dts + dtsShift + cts} is the
 * presentation time even when ctts holds negative offsets.
 */
public final class SampleTable {
    public final int count;
    public final long[] offsets;
    public final int[] sizes;
    public final long[] dts;
    public final int[] durations;
    /** Composition offsets, or null when the track has no ctts. */
    public final int[] cts;

    public final boolean[] key;
    public final int dtsShift;

    private SampleTable(
            int count,
            long[] offsets,
            int[] sizes,
            long[] dts,
            int[] durations,
            int[] cts,
            boolean[] key,
            int dtsShift) {
        this.count = count;
        this.offsets = offsets;
        this.sizes = sizes;
        this.dts = dts;
        this.durations = durations;
        this.cts = cts;
        this.key = key;
        this.dtsShift = dtsShift;
    }

    /**
     * Builds the table. {@code ctts} and {@code stss} may be null. Like ffmpeg, the index ends where
     * either the samples (stsz) or the chunks (stco) run out.
     *
     * @param layerOffset where stbl starts, for messages
     * @param fileLength the input's length, or -1 when unknown: bounds constant-size sample counts
     */
    public static SampleTable build(
            Stts stts, Ctts ctts, Stss stss, Stsc stsc, Stsz stsz, Stco stco, long layerOffset, long fileLength)
            throws MediaParseException {
        int n = stsz.count();
        if (stsz.sizes() == null && fileLength >= 0 && (long) n * stsz.constantSize() > fileLength) {
            throw MediaParseException.malformed(
                    "mp4 stsz", layerOffset, n + " samples of " + stsz.constantSize() + " bytes exceed the file");
        }
        // offsets from chunks
        long[] chunkOffsets = stco.offsets();
        int[] first = stsc.firstChunks();
        int[] per = stsc.samplesPerChunk();
        for (int i = 0; i < first.length; i++) {
            if (first[i] < 1 || (i > 0 && first[i] <= first[i - 1])) {
                throw MediaParseException.malformed(
                        "mp4 stsc", layerOffset, "entry " + i + " has first_chunk " + first[i] + " out of order");
            }
        }
        long[] offsets = new long[n];
        int[] sizes = new int[n];
        int s = 0;
        int e = 0;
        for (int c = 0; c < chunkOffsets.length && s < n && first.length > 0; c++) {
            while (e + 1 < first.length && first[e + 1] <= c + 1) {
                e++;
            }
            if (first[e] > c + 1) {
                continue; // chunks before the first stsc entry hold nothing
            }
            long pos = chunkOffsets[c];
            int inChunk = per[e];
            for (int k = 0; k < inChunk && s < n; k++, s++) {
                int size = stsz.size(s);
                offsets[s] = pos;
                sizes[s] = size;
                pos += size;
            }
        }
        int count = s;
        // decode times and durations
        int[] counts = stts.counts();
        int[] deltas = stts.deltas();
        if (count > 0 && counts.length == 0) {
            throw MediaParseException.malformed("mp4 stts", layerOffset, "no entries for " + count + " samples");
        }
        int shift = 0;
        int[] cts = null;
        if (ctts != null) {
            int[] cc = ctts.counts();
            int[] co = ctts.offsets();
            cts = new int[count];
            // ffmpeg shifts decode times by the most negative offset, skipping the last two entries
            for (int i = 0; i + 2 < cc.length; i++) {
                if (cc[i] > 0 && co[i] < 0) {
                    shift = Math.max(shift, co[i] == Integer.MIN_VALUE ? Integer.MAX_VALUE : -co[i]);
                }
            }
            int k = 0;
            for (int i = 0; i < cc.length && k < count; i++) {
                for (int j = 0; j < cc[i] && k < count; j++) {
                    cts[k++] = co[i];
                }
            }
            // samples without an entry get pts == dts, as ffmpeg gives them
            for (; k < count; k++) {
                cts[k] = -shift;
            }
        }
        long[] dts = new long[count];
        int[] durations = new int[count];
        long t = -shift;
        int entry = 0;
        int used = 0;
        for (int i = 0; i < count; i++) {
            while (entry + 1 < counts.length && used >= counts[entry]) {
                entry++;
                used = 0;
            }
            int d = deltas[entry];
            dts[i] = t;
            durations[i] = d;
            t += d;
            used++;
        }
        boolean[] key = new boolean[count];
        if (stss == null) {
            java.util.Arrays.fill(key, true);
        } else { // an empty stss marks no sample as sync, as in ffmpeg
            for (int num : stss.samples()) {
                if (num >= 1 && num <= count) {
                    key[num - 1] = true;
                }
            }
        }
        return new SampleTable(count, offsets, sizes, dts, durations, cts, key, shift);
    }
}
