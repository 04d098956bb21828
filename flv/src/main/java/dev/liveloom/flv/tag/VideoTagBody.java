package dev.liveloom.flv.tag;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * The body of an FLV video tag (also the payload of an RTMP video message), in the legacy layout
 * (FrameType, CodecID 7 = AVC or 12 = HEVC as Chinese CDNs use it, AVCPacketType, SI24
 * CompositionTime) or the enhanced-RTMP v1 layout (IsExHeader bit, FrameType, PacketType, FourCC
 * 'hvc1' or 'avc1', SI24 CompositionTime only for CodedFrames).
 *
 * <p>{@link #data()} is what follows the header: the decoder configuration record for {@link
 * VideoPacketType#SEQUENCE_START}, length-prefixed NAL units for coded frames, AMF0 for {@link
 * VideoPacketType#METADATA}; a view of the parsed buffer, not a copy.
 *
 * @param enhanced written with the enhanced (FourCC) header
 * @param frameType 1 key frame, 2 inter frame, 3 disposable inter frame, 4 generated key frame, 5
 *     info/command frame
 * @param codec H.264 or HEVC; null only for {@link VideoPacketType#INFO}
 * @param packetType what the body carries
 * @param compositionTimeMs PTS minus DTS in milliseconds (signed 24 bits)
 * @param data the bytes after the header
 */
public record VideoTagBody(
        boolean enhanced,
        int frameType,
        Codec codec,
        VideoPacketType packetType,
        int compositionTimeMs,
        ByteBuffer data) {

    public static final int FRAME_KEY = 1;
    public static final int FRAME_INTER = 2;
    public static final int FRAME_INFO = 5;
    public static final int CODEC_ID_AVC = 7;
    public static final int CODEC_ID_HEVC = 12;
    public static final int FOURCC_HEVC = 0x68766331; // 'hvc1'
    public static final int FOURCC_AVC = 0x61766331; // 'avc1'
    public static final int FOURCC_AV1 = 0x61763031; // 'av01'
    public static final int FOURCC_VP9 = 0x76703039; // 'vp09'

    private static final String LAYER = "flv video";
    private static final int MIN_CTS = -(1 << 23);
    private static final int MAX_CTS = (1 << 23) - 1;

    public VideoTagBody {
        if (frameType < 0 || frameType > 7) {
            throw new IllegalArgumentException("frame type " + frameType);
        }
        if (compositionTimeMs < MIN_CTS || compositionTimeMs > MAX_CTS) {
            throw new IllegalArgumentException("composition time " + compositionTimeMs + " ms outside SI24");
        }
        if (codec == null && packetType != VideoPacketType.INFO) {
            throw new IllegalArgumentException("codec missing for " + packetType);
        }
        if (codec != null && codec.type() != dev.liveloom.core.media.MediaType.VIDEO) {
            throw new IllegalArgumentException("not a video codec: " + codec);
        }
        data = data.slice();
    }

    /** A key or inter frame in the legacy layout (codec id 7 or 12). */
    public static VideoTagBody legacy(Codec codec, VideoPacketType type, boolean key, int ctsMs, ByteBuffer data) {
        return new VideoTagBody(false, key ? FRAME_KEY : FRAME_INTER, codec, type, ctsMs, data);
    }

    /** A key or inter frame in the enhanced layout. */
    public static VideoTagBody enhanced(Codec codec, VideoPacketType type, boolean key, int ctsMs, ByteBuffer data) {
        return new VideoTagBody(true, key ? FRAME_KEY : FRAME_INTER, codec, type, ctsMs, data);
    }

    /** A view of the bytes after the header, positioned at their start. */
    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    public boolean key() {
        return frameType == FRAME_KEY;
    }

    /** True for bodies that carry pictures. */
    public boolean codedFrames() {
        return packetType == VideoPacketType.CODED_FRAMES || packetType == VideoPacketType.CODED_FRAMES_X;
    }

    /**
     * Parses the body from {@code body}'s position to its limit; {@link #data()} is a view of it.
     * Offsets in errors are from the body's first byte.
     *
     * @throws MediaParseException UNSUPPORTED "unsupported video codec vp6f" (FFmpeg's codec names)
     *     for codecs other than H.264 and HEVC, and for enhanced packet types liveloom does not
     *     carry; MALFORMED or TRUNCATED for bodies shorter than their header or unknown packet types
     */
    public static VideoTagBody parse(ByteBuffer body) throws MediaParseException {
        ByteBuffer b = body.slice();
        if (!b.hasRemaining()) {
            throw MediaParseException.truncated(LAYER, 0, "empty video tag body");
        }
        int b0 = b.get() & 0xff;
        if ((b0 & 0x80) != 0) {
            return parseEnhanced(b, b0);
        }
        int frameType = b0 >> 4;
        int codecId = b0 & 0x0f;
        if (frameType == FRAME_INFO) {
            // FFmpeg skips info/command frames before looking at the codec; so does liveloom
            return new VideoTagBody(false, frameType, null, VideoPacketType.INFO, 0, b);
        }
        Codec codec =
                switch (codecId) {
                    case CODEC_ID_AVC -> Codec.H264;
                    case CODEC_ID_HEVC -> Codec.HEVC;
                    default -> throw MediaParseException.unsupported(
                            LAYER, 0, "unsupported video codec " + FlvCodecNames.video(codecId));
                };
        if (b.remaining() < 4) {
            throw MediaParseException.truncated(
                    LAYER, 1, "AVCPacketType and CompositionTime need 4 bytes, " + b.remaining() + " left");
        }
        int packetType = b.get() & 0xff;
        int cts = si24(b);
        VideoPacketType type =
                switch (packetType) {
                    case 0 -> VideoPacketType.SEQUENCE_START;
                    case 1 -> VideoPacketType.CODED_FRAMES;
                    case 2 -> VideoPacketType.SEQUENCE_END;
                    default -> throw MediaParseException.malformed(LAYER, 1, "AVCPacketType " + packetType);
                };
        return new VideoTagBody(false, frameType, codec, type, type == VideoPacketType.CODED_FRAMES ? cts : 0, b);
    }

    private static VideoTagBody parseEnhanced(ByteBuffer b, int b0) throws MediaParseException {
        int frameType = (b0 >> 4) & 7;
        int packetType = b0 & 0x0f;
        if (frameType == FRAME_INFO && packetType != VideoPacketType.METADATA.wire()) {
            // a command frame: a VideoCommand byte follows, no FourCC, no picture
            return new VideoTagBody(true, frameType, null, VideoPacketType.INFO, 0, b);
        }
        VideoPacketType type =
                switch (packetType) {
                    case 0 -> VideoPacketType.SEQUENCE_START;
                    case 1 -> VideoPacketType.CODED_FRAMES;
                    case 2 -> VideoPacketType.SEQUENCE_END;
                    case 3 -> VideoPacketType.CODED_FRAMES_X;
                    case 4 -> VideoPacketType.METADATA;
                    case 5 -> throw MediaParseException.unsupported(
                            LAYER, 0, "enhanced flv packet type MPEG2TSSequenceStart");
                    case 6 -> throw MediaParseException.unsupported(LAYER, 0, "enhanced flv packet type Multitrack");
                    case 7 -> throw MediaParseException.unsupported(LAYER, 0, "enhanced flv packet type ModEx");
                    default -> throw MediaParseException.malformed(LAYER, 0, "enhanced flv packet type " + packetType);
                };
        if (b.remaining() < 4) {
            throw MediaParseException.truncated(LAYER, 1, "FourCC needs 4 bytes, " + b.remaining() + " left");
        }
        int fourCc = b.getInt();
        Codec codec =
                switch (fourCc) {
                    case FOURCC_HEVC -> Codec.HEVC;
                    case FOURCC_AVC -> Codec.H264;
                    default -> throw MediaParseException.unsupported(
                            LAYER, 1, "unsupported video codec " + FlvCodecNames.videoFourCc(fourCc));
                };
        int cts = 0;
        if (type == VideoPacketType.CODED_FRAMES) {
            // for AVC and HEVC CodedFrames carries an SI24 composition time offset
            if (b.remaining() < 3) {
                throw MediaParseException.truncated(
                        LAYER, 5, "CompositionTime needs 3 bytes, " + b.remaining() + " left");
            }
            cts = si24(b);
        }
        return new VideoTagBody(true, frameType, codec, type, cts, b);
    }

    /** Bytes {@link #writeHeader} writes before {@link #data()}. */
    public int headerSize() {
        if (!enhanced) {
            return packetType == VideoPacketType.INFO ? 1 : 5;
        }
        return packetType == VideoPacketType.CODED_FRAMES ? 8 : 5;
    }

    /** Header plus data size: the tag's data size. */
    public int size() {
        return headerSize() + data.remaining();
    }

    /** The header (everything before {@link #data()}) as a new array. */
    public byte[] headerBytes() {
        ByteBuffer out = ByteBuffer.allocate(headerSize());
        writeHeader(out);
        return out.array();
    }

    /** Writes the header (everything before {@link #data()}). */
    public void writeHeader(ByteBuffer out) {
        if (packetType == VideoPacketType.INFO) {
            throw new IllegalStateException("info/command frames are not written");
        }
        if (!enhanced) {
            if (packetType.wire() > 2) {
                throw new IllegalStateException(packetType + " exists only in enhanced FLV");
            }
            out.put((byte) ((frameType << 4) | (codec == Codec.HEVC ? CODEC_ID_HEVC : CODEC_ID_AVC)));
            out.put((byte) packetType.wire());
            putSi24(out, compositionTimeMs);
            return;
        }
        out.put((byte) (0x80 | (frameType << 4) | packetType.wire()));
        out.putInt(codec == Codec.HEVC ? FOURCC_HEVC : FOURCC_AVC);
        if (packetType == VideoPacketType.CODED_FRAMES) {
            putSi24(out, compositionTimeMs);
        } else if (packetType == VideoPacketType.CODED_FRAMES_X && compositionTimeMs != 0) {
            throw new IllegalStateException("CodedFramesX has no composition time, got " + compositionTimeMs);
        }
    }

    /** Header and data as one array. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(size());
        writeHeader(out);
        out.put(data.duplicate());
        return out.array();
    }

    static int si24(ByteBuffer b) {
        int v = FlvTagHeader.u24(b);
        return (v << 8) >> 8;
    }

    static void putSi24(ByteBuffer b, int v) {
        FlvTagHeader.putU24(b, v & 0xffffff);
    }
}
