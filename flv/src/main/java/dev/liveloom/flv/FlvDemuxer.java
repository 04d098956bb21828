package dev.liveloom.flv;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.flv.amf0.OnMetaData;
import dev.liveloom.flv.tag.AudioTagBody;
import dev.liveloom.flv.tag.FlvHeader;
import dev.liveloom.flv.tag.FlvTag;
import dev.liveloom.flv.tag.FlvTagHeader;
import dev.liveloom.flv.tag.FlvTagReader;
import dev.liveloom.flv.tag.VideoPacketType;
import dev.liveloom.flv.tag.VideoTagBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Demuxes FLV (files and HTTP-FLV streams): H.264 (codec id 7), HEVC (legacy codec id 12 and
 * enhanced FLV with FourCC 'hvc1'; 'avc1' too) and AAC. Reads like FFmpeg 5.1's demuxer so that
 * packets match {@code ffprobe -show_packets}:
 *
 * <ul>
 *   <li>Tracks are numbered in the order their first audio or video tag appears (a video
 *       info/command tag does not create a track).
 *   <li>Sequence headers (avcC, hvcC, AudioSpecificConfig) are not packets: they become the track's
 *       {@link TrackFormat}, and a different header mid-stream gives later packets a new format. A
 *       frame before any sequence header carries a format with no codec config.
 *   <li>End-of-sequence tags, enhanced Metadata bodies, empty bodies, script tags other than the
 *       first onMetaData, and tags of other types are skipped. Script data is advisory: a malformed
 *       onMetaData is skipped too rather than failing the stream.
 *   <li>A packet's data is the tag body after its header (5 bytes legacy, 8 enhanced CodedFrames, 5
 *       CodedFramesX, 2 AAC), as a zero-copy view of the input; DTS is the tag timestamp, PTS adds
 *       the composition time; video is key when FrameType is 1, audio always.
 * </ul>
 *
 * <p>Framing is {@link FlvTagReader}'s: PreviousTagSize is not checked and there is no resync.
 * Codecs other than H.264, HEVC and AAC fail with "unsupported video codec vp6f" / "unsupported
 * audio codec mp3" at the first tag that uses them.
 */
public final class FlvDemuxer implements Demuxer {
    private final ByteInput input;
    private final FlvTagReader reader;
    private final List<TrackFormat> tracks = new ArrayList<>();
    private int videoTrack = -1;
    private int audioTrack = -1;
    private OnMetaData metadata;
    private boolean closed;

    public FlvDemuxer(ByteInput input) {
        this.input = input;
        this.reader = new FlvTagReader(input);
    }

    @Override
    public String formatName() {
        return "flv";
    }

    /** The file header, or null until read. */
    public FlvHeader header() {
        return reader.header();
    }

    /** The first onMetaData seen so far, or null. */
    public OnMetaData metadata() {
        return metadata;
    }

    @Override
    public MediaPacket read() throws IOException {
        while (true) {
            FlvTag tag = reader.next();
            if (tag == null) {
                return null;
            }
            MediaPacket p;
            try {
                p = handle(tag);
            } catch (MediaParseException e) {
                throw reader.failWith(e);
            }
            if (p != null) {
                return p;
            }
        }
    }

    private MediaPacket handle(FlvTag tag) throws MediaParseException {
        FlvTagHeader h = tag.header();
        int type = h.type();
        if (type != FlvTagHeader.AUDIO && type != FlvTagHeader.VIDEO) {
            if (type == FlvTagHeader.SCRIPT && metadata == null) {
                readMetadata(tag);
            }
            return null;
        }
        if (h.dataSize() == 0) {
            return null;
        }
        if (h.filtered()) {
            throw MediaParseException.unsupported("flv tag", tag.offset(), "encrypted (filtered) tag");
        }
        return type == FlvTagHeader.VIDEO ? handleVideo(tag) : handleAudio(tag);
    }

    private void readMetadata(FlvTag tag) {
        try {
            metadata = OnMetaData.parse(tag.body());
        } catch (MediaParseException e) {
            // advisory data: codecs and sizes come from the sequence headers, so keep going
            metadata = null;
        }
    }

    private MediaPacket handleVideo(FlvTag tag) throws MediaParseException {
        VideoTagBody v;
        try {
            v = VideoTagBody.parse(tag.body());
        } catch (MediaParseException e) {
            throw e.atOffset(tag.bodyOffset());
        }
        if (v.packetType() == VideoPacketType.INFO) {
            return null;
        }
        if (videoTrack < 0) {
            videoTrack = addTrack(TrackFormat.builder(v.codec()).build());
        }
        long dtsUs = tag.header().timestampMs() * 1000;
        switch (v.packetType()) {
            case SEQUENCE_START -> {
                setFormat(videoTrack, v.codec(), v.data(), tag.bodyOffset() + v.headerSize());
                return null;
            }
            case CODED_FRAMES, CODED_FRAMES_X -> {
                ByteBuffer data = v.data();
                if (!data.hasRemaining()) {
                    return null;
                }
                TrackFormat f = formatFor(videoTrack, v.codec());
                return new MediaPacket(videoTrack, f, dtsUs, dtsUs + v.compositionTimeMs() * 1000L, 0, v.key(), data);
            }
            default -> {
                return null;
            }
        }
    }

    private MediaPacket handleAudio(FlvTag tag) throws MediaParseException {
        AudioTagBody a;
        try {
            a = AudioTagBody.parse(tag.body());
        } catch (MediaParseException e) {
            throw e.atOffset(tag.bodyOffset());
        }
        if (audioTrack < 0) {
            audioTrack = addTrack(TrackFormat.builder(Codec.AAC).build());
        }
        if (a.sequenceHeader()) {
            setFormat(audioTrack, Codec.AAC, a.data(), tag.bodyOffset() + AudioTagBody.HEADER_SIZE);
            return null;
        }
        ByteBuffer data = a.data();
        if (!data.hasRemaining()) {
            return null;
        }
        long dtsUs = tag.header().timestampMs() * 1000;
        return new MediaPacket(audioTrack, formatFor(audioTrack, Codec.AAC), dtsUs, dtsUs, 0, true, data);
    }

    private int addTrack(TrackFormat placeholder) {
        tracks.add(placeholder);
        return tracks.size() - 1;
    }

    private void setFormat(int track, Codec codec, ByteBuffer config, long configOffset) throws MediaParseException {
        byte[] bytes = new byte[config.remaining()];
        config.get(bytes);
        TrackFormat f;
        try {
            f = CodecConfigs.toFormat(codec, bytes);
        } catch (MediaParseException e) {
            throw e.atOffset(configOffset);
        }
        if (!f.sameConfig(tracks.get(track))) {
            tracks.set(track, f);
        }
    }

    /** The track's format, replaced by a config-less one when the frames use another codec. */
    private TrackFormat formatFor(int track, Codec codec) {
        TrackFormat f = tracks.get(track);
        if (f.codec() != codec) {
            f = TrackFormat.builder(codec).build();
            tracks.set(track, f);
        }
        return f;
    }

    @Override
    public boolean ended() {
        return reader.ended();
    }

    @Override
    public List<TrackFormat> tracks() {
        return Collections.unmodifiableList(new ArrayList<>(tracks));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            input.close();
        }
    }
}
