package dev.liveloom.core.pipeline;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.MediaType;

/**
 * What a live output gives up when its ingest cannot keep up with real time. Past {@code maxLagUs}
 * behind real time it drops video frames that nothing references (H.264 nal_ref_idc 0, H.265
 * sub-layer non-reference pictures), which costs a decoder nothing else; past twice that it drops
 * every non-key video frame, and once it has dropped a reference frame it keeps dropping video until
 * the next key frame, so a player never decodes against a missing reference. Key frames, audio and
 * everything else always pass: when even those cannot keep up, the pipeline waits on the ingest.
 * Dropping stops when the lag is back under half of {@code maxLagUs} (and, for reference frames, at
 * the next key frame).
 *
 * <p>Pure: the caller passes the lag it measured. Not thread-safe.
 */
public final class LagDropper {
    /** The lag past which frames are dropped by default: two seconds behind real time. */
    public static final long DEFAULT_MAX_LAG_US = 2_000_000;

    private final long maxLagUs;
    private boolean lagging;
    private boolean untilKey;
    private long dropped;
    private long episodes;
    private long episodeDropped;

    /** @param maxLagUs how far behind real time the output may fall before frames are dropped; > 0 */
    public LagDropper(long maxLagUs) {
        if (maxLagUs <= 0) {
            throw new IllegalArgumentException("maxLagUs must be > 0, was " + maxLagUs);
        }
        this.maxLagUs = maxLagUs;
    }

    /** What {@link #admit} decided about one packet. */
    public enum Decision {
        /** Send it. */
        SEND,
        /** Drop it. */
        DROP
    }

    /**
     * Whether to send {@code p}, which is {@code lagUs} behind real time (negative when ahead). Call
     * once per packet in output order.
     */
    public Decision admit(MediaPacket p, long lagUs) {
        if (lagging) {
            if (lagUs < maxLagUs / 2) {
                lagging = false;
            }
        } else if (lagUs > maxLagUs) {
            lagging = true;
            episodes++;
            episodeDropped = 0;
        }
        if (p.format().type() != MediaType.VIDEO) {
            return Decision.SEND;
        }
        if (p.key()) {
            untilKey = false;
            return Decision.SEND;
        }
        if (untilKey) {
            return drop();
        }
        if (!lagging) {
            return Decision.SEND;
        }
        if (lagUs > 2 * maxLagUs) {
            untilKey = true;
            return drop();
        }
        return disposable(p) ? drop() : Decision.SEND;
    }

    private Decision drop() {
        dropped++;
        episodeDropped++;
        return Decision.DROP;
    }

    private static boolean disposable(MediaPacket p) {
        try {
            return NalUnits.isDisposable(
                    p.format().codec(), p.data(), p.format().nalLengthSize());
        } catch (MediaParseException | RuntimeException e) {
            return false;
        }
    }

    /** True while the output is behind by more than the limit (dropping may be in progress). */
    public boolean lagging() {
        return lagging;
    }

    /** True while video is dropped until the next key frame. */
    public boolean droppingUntilKey() {
        return untilKey;
    }

    /** Video frames dropped so far. */
    public long dropped() {
        return dropped;
    }

    /** Frames dropped since the current (or last) lag episode began. */
    public long episodeDropped() {
        return episodeDropped;
    }

    /** How many times the output fell behind by more than the limit. */
    public long episodes() {
        return episodes;
    }

    /** The configured limit. */
    public long maxLagUs() {
        return maxLagUs;
    }
}
