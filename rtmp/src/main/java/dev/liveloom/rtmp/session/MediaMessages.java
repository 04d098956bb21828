package dev.liveloom.rtmp.session;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.flv.amf0.Amf0EcmaArray;
import dev.liveloom.flv.tag.AudioTagBody;
import dev.liveloom.flv.tag.HevcLayout;
import dev.liveloom.flv.tag.TagBodies;
import dev.liveloom.flv.tag.VideoPacketType;
import dev.liveloom.flv.tag.VideoTagBody;
import dev.liveloom.rtmp.command.Command;
import dev.liveloom.rtmp.command.Commands;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Media packets to RTMP messages and back. Outgoing: onMetaData first, a sequence header before a
 * track's first packet and whenever its codec configuration changes, then the packets as FLV tag
 * bodies. Incoming: sequence headers become the track's format, frames become packets (video track
 * 0, audio track 1). Pure; one instance per direction of one stream.
 */
public final class MediaMessages {
    /** Chunk stream IDs as ffmpeg uses them. */
    public static final int CSID_COMMAND = 3;

    public static final int CSID_AUDIO = 4;
    public static final int CSID_DATA = 5;
    public static final int CSID_VIDEO = 6;

    public static final int VIDEO_TRACK = 0;
    public static final int AUDIO_TRACK = 1;

    private final HevcLayout layout;
    private final int streamId;
    private TrackFormat sentVideo;
    private TrackFormat sentAudio;
    private boolean metadataSent;

    private TrackFormat inVideo;
    private TrackFormat inAudio;

    public MediaMessages(int streamId, HevcLayout layout) {
        this.streamId = streamId;
        this.layout = layout;
    }

    /** The messages that carry {@code p}: metadata and sequence header when due, then the frame. */
    public void encode(MediaPacket p, Consumer<RtmpMessage> out) {
        TrackFormat f = p.format();
        long ts = TagBodies.toMs(p.dtsUs()) & 0xFFFF_FFFFL;
        boolean video = f.type() == MediaType.VIDEO;
        if (!metadataSent) {
            List<TrackFormat> known = new ArrayList<>();
            known.add(f);
            byte[] meta = Command.encodeData(
                    Commands.SET_DATA_FRAME,
                    Commands.ON_METADATA,
                    new Amf0EcmaArray(TagBodies.metadataFor(known, layout).properties()));
            out.accept(new RtmpMessage(CSID_DATA, MessageTypes.DATA_AMF0, streamId, 0, ByteBuffer.wrap(meta)));
            metadataSent = true;
        }
        TrackFormat sent = video ? sentVideo : sentAudio;
        if (f.codecConfigLength() > 0 && !f.sameConfig(sent)) {
            out.accept(message(video, ts, TagBodies.sequenceHeader(f, layout)));
            if (video) {
                sentVideo = f;
            } else {
                sentAudio = f;
            }
        }
        out.accept(message(video, ts, TagBodies.packetHeader(p, layout), p.data()));
    }

    /** The end-of-sequence message of the video track, or null when no video was sent. */
    public RtmpMessage endOfSequence(long tsMs) {
        return sentVideo == null ? null : message(true, tsMs & 0xFFFF_FFFFL, TagBodies.sequenceEnd(sentVideo, layout));
    }

    /** Forgets what was sent: after a reconnect everything is announced again. */
    public void reset() {
        sentVideo = null;
        sentAudio = null;
        metadataSent = false;
    }

    private RtmpMessage message(boolean video, long ts, ByteBuffer body) {
        return message(video, ts, new byte[0], body);
    }

    private RtmpMessage message(boolean video, long ts, byte[] head, ByteBuffer body) {
        return new RtmpMessage(
                video ? CSID_VIDEO : CSID_AUDIO,
                video ? MessageTypes.VIDEO : MessageTypes.AUDIO,
                streamId,
                ts,
                head,
                body);
    }

    /**
     * Decodes an incoming audio or video message into a packet, or null for sequence headers (which
     * update the track's format) and bodies that carry no frame.
     *
     * @param timestampUs the message time, unwrapped, in microseconds
     */
    public MediaPacket decode(RtmpMessage m, long timestampUs) throws MediaParseException {
        if (m.typeId() == MessageTypes.VIDEO) {
            VideoTagBody b = VideoTagBody.parse(m.payload());
            if (b.packetType() == VideoPacketType.SEQUENCE_START) {
                inVideo = CodecConfigs.toFormat(b.codec(), bytes(b.data()));
                return null;
            }
            if (!b.codedFrames()) {
                return null;
            }
            TrackFormat f = inVideo != null && inVideo.codec() == b.codec()
                    ? inVideo
                    : TrackFormat.builder(b.codec()).build();
            long pts = timestampUs + b.compositionTimeMs() * 1000L;
            return new MediaPacket(VIDEO_TRACK, f, timestampUs, pts, 0, b.key(), b.data());
        }
        if (m.typeId() == MessageTypes.AUDIO) {
            AudioTagBody b = AudioTagBody.parse(m.payload());
            if (b.sequenceHeader()) {
                inAudio = CodecConfigs.toFormat(Codec.AAC, bytes(b.data()));
                return null;
            }
            TrackFormat f =
                    inAudio != null ? inAudio : TrackFormat.builder(Codec.AAC).build();
            return new MediaPacket(AUDIO_TRACK, f, timestampUs, timestampUs, 0, true, b.data());
        }
        return null;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
