package dev.liveloom.core.pipeline;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Puts the packets of consecutive items (playlist entries, loops, reconnects of a live source) on one
 * output timeline, so one publish session carries them all without a gap or a jump.
 *
 * <p>Rules, per item:
 *
 * <ul>
 *   <li>Output tracks are by media type: video is track {@link #VIDEO_TRACK}, audio {@link
 *       #AUDIO_TRACK}, whatever the item's own track indices.
 *   <li>Video is the anchor: the item's first video frame gets the decode time one frame duration
 *       after the previous item's last video frame (the very first item starts at 0). Every packet of
 *       the item moves by the same offset, so the item's own audio/video alignment and composition
 *       offsets (B-frames) are kept, and no error accumulates over any number of loops.
 *   <li>Audio that would start before the previous item's audio has ended (audio longer than video,
 *       AAC priming frames with negative times) is dropped rather than shifted, so sync never
 *       drifts; audio shorter than video leaves a short audio gap, which players fill with silence.
 *   <li>Items without video anchor on audio the same way.
 * </ul>
 *
 * <p>To find an item's first video frame when audio comes first, up to {@link #LOOKAHEAD_US} of the
 * item's packets are held back. Not thread-safe; pure (no clock, no I/O).
 */
public final class PlaylistRebaser {
    public static final int VIDEO_TRACK = 0;
    public static final int AUDIO_TRACK = 1;

    /** How much media an item may carry before its first video frame and still be anchored on video. */
    static final long LOOKAHEAD_US = 2_000_000;

    /** Frame duration assumed when an item has a single video frame and no stored duration. */
    static final long DEFAULT_VIDEO_FRAME_US = 40_000;

    /** Duration of one AAC frame at 44.1 kHz: the assumption when nothing better is known. */
    static final long DEFAULT_AUDIO_FRAME_US = 23_220;

    private final ArrayDeque<MediaPacket> pending = new ArrayDeque<>();
    private boolean anchored;
    private long offsetUs;
    private boolean first = true;

    private final TrackClock video = new TrackClock(DEFAULT_VIDEO_FRAME_US);
    private final TrackClock audio = new TrackClock(DEFAULT_AUDIO_FRAME_US);

    private long droppedAudio;

    /** Starts a new item: its packets are placed after everything already emitted. */
    public void startItem(Consumer<MediaPacket> out) {
        flushPending(out);
        anchored = false;
        video.startItem();
        audio.startItem();
    }

    /** Rebases one packet of the current item and hands zero or more packets to {@code out}. */
    public void accept(MediaPacket p, Consumer<MediaPacket> out) {
        if (anchored) {
            emit(p, out);
            return;
        }
        pending.add(p);
        boolean isVideo = p.format().type() == MediaType.VIDEO;
        if (isVideo || p.dtsUs() - pending.peekFirst().dtsUs() > LOOKAHEAD_US) {
            anchor(isVideo ? p : null);
            drain(out);
        }
    }

    /** Ends the current item, emitting anything still held back. */
    public void endItem(Consumer<MediaPacket> out) {
        flushPending(out);
    }

    /** Audio packets dropped because they overlapped the previous item's audio. */
    public long droppedAudio() {
        return droppedAudio;
    }

    /** The decode time, on the output timeline, right after the last emitted frame of any track. */
    public long endUs() {
        return Math.max(video.endUs(), audio.endUs());
    }

    private void flushPending(Consumer<MediaPacket> out) {
        if (!pending.isEmpty()) {
            anchor(null);
            drain(out);
        }
    }

    private void drain(Consumer<MediaPacket> out) {
        MediaPacket q;
        while ((q = pending.poll()) != null) {
            emit(q, out);
        }
    }

    private void anchor(MediaPacket firstVideo) {
        long earliest = Long.MAX_VALUE;
        for (MediaPacket q : pending) {
            earliest = Math.min(earliest, q.dtsUs());
        }
        if (first) {
            // the first item starts its earliest packet at 0, so every output time is >= 0
            offsetUs = -earliest;
            first = false;
        } else if (firstVideo != null && video.hasEmitted()) {
            offsetUs = video.endUs() - firstVideo.dtsUs();
        } else if (firstVideo != null) {
            offsetUs = endUs() - firstVideo.dtsUs();
        } else {
            // no video in the lookahead: anchor the earliest packet after everything emitted
            offsetUs = endUs() - earliest;
        }
        anchored = true;
    }

    private void emit(MediaPacket p, Consumer<MediaPacket> out) {
        boolean isVideo = p.format().type() == MediaType.VIDEO;
        TrackClock clock = isVideo ? video : audio;
        long dts = p.dtsUs() + offsetUs;
        long pts = p.ptsUs() + offsetUs;
        if (!clock.admits(dts)) {
            if (!isVideo) {
                droppedAudio++;
                return;
            }
            // a video frame never goes back: keep the stream strictly increasing
            long shift = clock.lastDtsUs() + 1 - dts;
            dts += shift;
            pts += shift;
        }
        clock.emitted(dts, p.durationUs());
        int track = isVideo ? VIDEO_TRACK : AUDIO_TRACK;
        out.accept(new MediaPacket(track, p.format(), dts, pts, p.durationUs(), p.key(), p.data()));
    }

    /** The output-timeline state of one media type. */
    private static final class TrackClock {
        private final long defaultFrameUs;
        private long lastDtsUs = Long.MIN_VALUE;
        private long frameUs;
        private long itemFirstDtsUs = Long.MIN_VALUE;
        private long itemLastDtsUs = Long.MIN_VALUE;

        TrackClock(long defaultFrameUs) {
            this.defaultFrameUs = defaultFrameUs;
            this.frameUs = defaultFrameUs;
        }

        void startItem() {
            itemFirstDtsUs = Long.MIN_VALUE;
            itemLastDtsUs = Long.MIN_VALUE;
        }

        boolean hasEmitted() {
            return lastDtsUs != Long.MIN_VALUE;
        }

        long lastDtsUs() {
            return lastDtsUs;
        }

        /** Decode time just after the last emitted frame. */
        long endUs() {
            return hasEmitted() ? lastDtsUs + frameUs : 0;
        }

        /**
         * True when a frame at {@code dts} starts after the previous one: strictly later, and for a
         * frame following another item, not inside the previous frame by more than half a frame.
         */
        boolean admits(long dts) {
            if (!hasEmitted()) {
                return true;
            }
            if (itemFirstDtsUs == Long.MIN_VALUE) {
                return dts > lastDtsUs && dts >= endUs() - frameUs / 2;
            }
            return dts > lastDtsUs;
        }

        void emitted(long dts, long durationUs) {
            if (itemLastDtsUs != Long.MIN_VALUE && durationUs <= 0) {
                frameUs = dts - itemLastDtsUs;
            } else if (durationUs > 0) {
                frameUs = durationUs;
            } else if (frameUs <= 0) {
                frameUs = defaultFrameUs;
            }
            if (itemFirstDtsUs == Long.MIN_VALUE) {
                itemFirstDtsUs = dts;
            }
            itemLastDtsUs = dts;
            lastDtsUs = dts;
        }
    }
}
