package dev.liveloom.mp4.internal;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.mp4.box.Elst;

/**
 * A track's output index after applying its edit list the way ffmpeg 5.1's mov demuxer does
 * ({@code mov_fix_index}): each non-empty edit starts at the closest sync sample at or before its
 * media time (audio: one second earlier, for decoder delay); samples presented outside the edit are
 * kept and marked discard, with decode times rewritten backwards from the first sample inside it; an
 * AAC frame straddling the audio edit start moves its timestamp back by the skipped samples; empty
 * edits at the start delay the track; a video track whose earliest presentation time ends up above
 * zero is shifted down to zero. Entries refer to samples by index (an edit may repeat samples).
 */
public final class EditListIndex {
    /**
     * Most index entries an edit list may produce beyond twice the samples: real edit lists repeat
     * little; this bounds what 1024 crafted edits over a long track could make us allocate.
     */
    static final int MAX_EXTRA_ENTRIES = 1 << 20;

    public int count;
    public int[] sample;
    public long[] dts;
    public boolean[] discard;

    private EditListIndex(int capacity) {
        sample = new int[capacity];
        dts = new long[capacity];
        discard = new boolean[capacity];
    }

    /** The identity index: every sample once, at its own decode time. */
    public static EditListIndex identity(SampleTable t) {
        EditListIndex x = new EditListIndex(t.count);
        for (int i = 0; i < t.count; i++) {
            x.sample[i] = i;
        }
        System.arraycopy(t.dts, 0, x.dts, 0, t.count);
        x.count = t.count;
        return x;
    }

    private void add(int s, long d, boolean disc) {
        if (count == sample.length) {
            int cap = Math.max(16, count * 2);
            sample = java.util.Arrays.copyOf(sample, cap);
            dts = java.util.Arrays.copyOf(dts, cap);
            discard = java.util.Arrays.copyOf(discard, cap);
        }
        sample[count] = s;
        dts[count] = d;
        discard[count] = disc;
        count++;
    }

    /**
     * Applies {@code elst} (null or empty: the identity).
     *
     * @param timescale the track's media timescale
     * @param movieTimescale mvhd's timescale, in which edit durations are given
     * @param audio true for a sound track
     */
    public static EditListIndex apply(SampleTable t, Elst elst, long timescale, long movieTimescale, boolean audio)
            throws MediaParseException {
        int n = t.count;
        if (elst == null || elst.count() == 0 || n == 0 || movieTimescale <= 0) {
            return identity(t);
        }
        long[] oldDts = t.dts;
        int[] cts = t.cts;
        int shift = t.dtsShift;
        EditListIndex out = new EditListIndex(n + 16);
        long entryEnd = -shift;
        long emptySum = 0;
        boolean foundNonEmpty = false;
        int firstNonZeroAudioEdit = -1;
        long minCorrectedPts = initialMinCorrectedPts(elst);
        long[] durBuf = new long[16];
        for (int ei = 0; ei < elst.count(); ei++) {
            long mediaTime = elst.mediaTimes()[ei];
            long duration = Rescale.rescale(elst.durations()[ei], timescale, movieTimescale);
            long counter = entryEnd;
            entryEnd += duration;
            int numDiscardedBegin = 0;
            if (!foundNonEmpty && mediaTime == -1) {
                emptySum += duration;
                continue;
            }
            foundNonEmpty = true;
            if (audio) {
                firstNonZeroAudioEdit = firstNonZeroAudioEdit < 0 ? 1 : 0;
            }
            long search = mediaTime;
            if (audio) {
                search = Math.max(search - timescale, oldDts[0]);
            }
            int index = findPrevClosest(t, search, false);
            if (index < 0) {
                index = findPrevClosest(t, search, true);
                if (index < 0) {
                    index = 0;
                }
            }
            boolean startEncountered = false;
            boolean foundKeyAfterEdit = false;
            for (; index < n; index++) {
                long frameDuration = index + 1 < n ? oldDts[index + 1] - oldDts[index] : duration;
                boolean key = t.key[index];
                boolean disc = false;
                long currCts = oldDts[index] + shift;
                long currCtts = 0;
                if (cts != null) {
                    currCtts = cts[index];
                    currCts += currCtts;
                }
                if (currCts < mediaTime || currCts >= duration + mediaTime) {
                    if (audio
                            && currCts < mediaTime
                            && currCts + frameDuration > mediaTime
                            && firstNonZeroAudioEdit > 0) {
                        counter -= mediaTime - currCts;
                        if (!startEncountered) {
                            startEncountered = true;
                            out.rewriteDiscarded(counter, durBuf, numDiscardedBegin);
                        }
                    } else {
                        disc = true;
                        if (!startEncountered) {
                            if (numDiscardedBegin == durBuf.length) {
                                durBuf = java.util.Arrays.copyOf(durBuf, durBuf.length * 2);
                            }
                            durBuf[numDiscardedBegin++] = frameDuration;
                        }
                    }
                } else {
                    long pts = counter + currCtts + shift;
                    minCorrectedPts = minCorrectedPts < 0 ? pts : Math.min(minCorrectedPts, pts);
                    if (!startEncountered) {
                        startEncountered = true;
                        out.rewriteDiscarded(counter, durBuf, numDiscardedBegin);
                    }
                }
                if (out.count >= 2L * n + MAX_EXTRA_ENTRIES) {
                    throw MediaParseException.unsupported(
                            "mp4 elst", -1, "edits repeat samples over " + (2L * n + MAX_EXTRA_ENTRIES) + " times");
                }
                out.add(index, counter, disc);
                if (startEncountered) {
                    counter += frameDuration;
                }
                if (currCts + frameDuration >= duration + mediaTime && (key || audio)) {
                    if (cts != null && !audio && !foundKeyAfterEdit) {
                        // trailing B-frames after this sync sample may still belong to the edit
                        foundKeyAfterEdit = true;
                        continue;
                    }
                    break;
                }
            }
        }
        minCorrectedPts -= emptySum;
        if (!audio && minCorrectedPts > 0) {
            for (int i = 0; i < out.count; i++) {
                out.dts[i] -= minCorrectedPts;
            }
        }
        return out;
    }

    /** ffmpeg seeds the minimum with the first edit's media time when there is a start offset. */
    private static long initialMinCorrectedPts(Elst elst) {
        long empty = 0;
        long start = 0;
        int startIndex = 0;
        for (int i = 0; i < elst.count(); i++) {
            long mt = elst.mediaTimes()[i];
            if (i == 0 && mt == -1) {
                empty = elst.durations()[i];
                startIndex = 1;
            } else if (i == startIndex && mt >= 0) {
                start = mt;
            }
        }
        return empty != 0 || start != 0 ? start : -1;
    }

    /** Gives the samples discarded before the edit start decode times counting back from {@code end}. */
    private void rewriteDiscarded(long end, long[] durBuf, int n) {
        long ts = end;
        for (int i = 0; i < n; i++) {
            ts -= durBuf[n - 1 - i];
            dts[count - 1 - i] = ts;
        }
    }

    /**
     * The last sync sample (any sample when {@code any}) whose decode time is at or before
     * {@code timestamp}, refined backwards until its presentation time is at or before it too; -1
     * when there is none.
     */
    static int findPrevClosest(SampleTable t, long timestamp, boolean any) {
        long ts = timestamp;
        if (t.dtsShift > 0) {
            ts -= t.dtsShift;
        }
        long[] d = t.dts;
        int n = t.count;
        int a = -1;
        int b = n;
        if (n > 0 && d[n - 1] < ts) {
            a = n - 1;
        }
        while (b - a > 1) {
            int m = (a + b) >>> 1;
            if (d[m] >= ts) {
                b = m;
            }
            if (d[m] <= ts) {
                a = m;
            }
        }
        int index = a;
        if (!any) {
            while (index >= 0 && !t.key[index]) {
                index--;
            }
        }
        if (index >= 0) {
            for (int i = index; i > 0 && d[i] == d[i - 1]; i--) {
                if (any || t.key[i - 1]) {
                    index = i - 1;
                }
            }
        }
        if (t.cts != null && index >= 0) {
            while (index >= 0) {
                if (d[index] + t.cts[index] <= ts && t.key[index]) {
                    break;
                }
                index--;
            }
        }
        return index;
    }
}
