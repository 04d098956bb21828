package dev.liveloom.flv;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.flv.amf0.OnMetaData;
import dev.liveloom.flv.tag.FlvHeader;
import dev.liveloom.flv.tag.FlvTagHeader;
import dev.liveloom.flv.tag.FlvTagWriter;
import dev.liveloom.flv.tag.HevcLayout;
import dev.liveloom.flv.tag.TagBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes an FLV file or stream from {@link MediaPacket}s: header, onMetaData, a sequence header for
 * each track, the packets in the order given, and end-of-sequence tags at {@link #finish()}. A packet
 * whose format's config differs from the last one written for its track is preceded by a new
 * sequence header. H.264 is written with codec id 7; HEVC as enhanced FLV ('hvc1', CodedFrames with
 * a composition time, CodedFramesX when it is 0) or with the legacy codec id 12, as chosen.
 *
 * <p>Times are rounded to milliseconds; DTS must not be negative (rebase first). At most one video and
 * one audio track. Not thread-safe; does not close the stream.
 */
public final class FlvMuxer {
    private final FlvTagWriter writer;
    private final HevcLayout hevcLayout;
    private List<TrackFormat> tracks;
    private TrackFormat[] written;
    private long lastVideoDtsMs = -1;
    private int videoTrack = -1;
    private boolean finished;

    public FlvMuxer(OutputStream out, HevcLayout hevcLayout) {
        this.writer = new FlvTagWriter(out);
        this.hevcLayout = hevcLayout;
    }

    /**
     * Writes the header, {@code metadata} (or one made from the tracks when null) and the sequence
     * headers of the tracks whose config is known.
     */
    public void start(List<TrackFormat> trackFormats, OnMetaData metadata) throws IOException {
        if (tracks != null) {
            throw new IllegalStateException("already started");
        }
        boolean audio = false;
        boolean video = false;
        for (int i = 0; i < trackFormats.size(); i++) {
            MediaType t = trackFormats.get(i).type();
            if ((t == MediaType.VIDEO && video) || (t == MediaType.AUDIO && audio)) {
                throw new IllegalArgumentException("FLV carries one video and one audio track: " + trackFormats);
            }
            video |= t == MediaType.VIDEO;
            audio |= t == MediaType.AUDIO;
            if (t == MediaType.VIDEO) {
                videoTrack = i;
            }
        }
        tracks = List.copyOf(trackFormats);
        written = new TrackFormat[tracks.size()];
        writer.writeHeader(FlvHeader.of(audio, video));
        OnMetaData m = metadata != null ? metadata : metadataFor(tracks);
        writer.writeTag(FlvTagHeader.SCRIPT, 0, ByteBuffer.wrap(m.toBytes()));
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).codecConfigLength() > 0) {
                writeSequenceHeader(i, tracks.get(i), 0);
            }
        }
    }

    /** Writes one packet, preceded by a sequence header when its config changed. */
    public void write(MediaPacket p) throws IOException {
        if (tracks == null || finished) {
            throw new IllegalStateException(finished ? "finished" : "not started");
        }
        int track = p.track();
        if (track < 0 || track >= tracks.size()) {
            throw new IllegalArgumentException("track " + track + " of " + tracks.size());
        }
        TrackFormat f = p.format();
        if (f.type() != tracks.get(track).type()) {
            throw new IllegalArgumentException(
                    "track " + track + " was " + tracks.get(track).type() + ", got " + f);
        }
        long dtsMs = toMs(p.dtsUs());
        if (dtsMs < 0 || dtsMs > 0xffffffffL) {
            throw new IllegalArgumentException("dts " + p.dtsUs() + " us does not fit an FLV timestamp");
        }
        if (f.codecConfigLength() > 0 && !f.sameConfig(written[track])) {
            writeSequenceHeader(track, f, dtsMs);
        }
        if (f.type() == MediaType.AUDIO) {
            writer.writeTag(FlvTagHeader.AUDIO, dtsMs, TagBodies.packet(p, hevcLayout));
            return;
        }
        writer.writeTag(FlvTagHeader.VIDEO, dtsMs, TagBodies.packet(p, hevcLayout));
        lastVideoDtsMs = dtsMs;
    }

    /** Writes the end-of-sequence tag of the video track. Further writes are refused. */
    public void finish() throws IOException {
        if (finished || tracks == null) {
            finished = true;
            return;
        }
        finished = true;
        if (videoTrack >= 0 && written[videoTrack] != null) {
            TrackFormat f = written[videoTrack];
            writer.writeTag(FlvTagHeader.VIDEO, Math.max(0, lastVideoDtsMs), TagBodies.sequenceEnd(f, hevcLayout));
        }
    }

    /** Bytes written so far. */
    public long written() {
        return writer.written();
    }

    private void writeSequenceHeader(int track, TrackFormat f, long dtsMs) throws IOException {
        int type = f.type() == MediaType.AUDIO ? FlvTagHeader.AUDIO : FlvTagHeader.VIDEO;
        writer.writeTag(type, dtsMs, TagBodies.sequenceHeader(f, hevcLayout));
        written[track] = f;
    }

    private static long toMs(long us) {
        return TagBodies.toMs(us);
    }

    private OnMetaData metadataFor(List<TrackFormat> formats) {
        return TagBodies.metadataFor(formats, hevcLayout);
    }
}
