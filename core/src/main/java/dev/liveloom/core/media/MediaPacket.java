package dev.liveloom.core.media;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One compressed access unit: an H.264/H.265 picture as length-prefixed NAL units (the length size
 * is {@link TrackFormat#nalLengthSize()}), or one raw AAC frame. Times are microseconds on the
 * source's timeline; {@code ptsUs - dtsUs} is the composition offset.
 *
 * <p>{@link #data()} is a read-only view and is never overwritten by whoever produced it, so a
 * packet may be kept after the next one is read. Immutable.
 */
public final class MediaPacket {
    private final int track;
    private final TrackFormat format;
    private final long dtsUs;
    private final long ptsUs;
    private final long durationUs;
    private final boolean key;
    private final ByteBuffer data;

    public MediaPacket(
            int track, TrackFormat format, long dtsUs, long ptsUs, long durationUs, boolean key, ByteBuffer data) {
        this.track = track;
        this.format = Objects.requireNonNull(format, "format");
        this.dtsUs = dtsUs;
        this.ptsUs = ptsUs;
        this.durationUs = durationUs;
        this.key = key;
        this.data = data.asReadOnlyBuffer();
    }

    /** Index of the track within its source, stable for the source's lifetime. */
    public int track() {
        return track;
    }

    public TrackFormat format() {
        return format;
    }

    public long dtsUs() {
        return dtsUs;
    }

    public long ptsUs() {
        return ptsUs;
    }

    /** Duration in microseconds when the container says it, else 0. */
    public long durationUs() {
        return durationUs;
    }

    /** True for a random access point (IDR or CRA/BLA picture; every AAC frame). */
    public boolean key() {
        return key;
    }

    /** A new read-only view of the payload, positioned at its start. */
    public ByteBuffer data() {
        return data.duplicate();
    }

    public int size() {
        return data.remaining();
    }

    /** The same packet with other times: used by timestamp rebasing. */
    public MediaPacket withTimes(long newDtsUs, long newPtsUs) {
        return new MediaPacket(track, format, newDtsUs, newPtsUs, durationUs, key, data);
    }

    public MediaPacket withFormat(TrackFormat newFormat) {
        return new MediaPacket(track, newFormat, dtsUs, ptsUs, durationUs, key, data);
    }

    @Override
    public String toString() {
        return "MediaPacket{track=" + track + ", " + format.codec().id() + ", dtsUs=" + dtsUs + ", ptsUs=" + ptsUs
                + (key ? ", key" : "") + ", size=" + size() + '}';
    }
}
