package dev.liveloom.flv.tag;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.flv.amf0.OnMetaData;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Media packets and track formats as FLV tag bodies: what an FLV file's audio/video tags and an RTMP
 * stream's audio/video messages carry alike. Times in FLV are milliseconds.
 */
public final class TagBodies {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final byte[] AUDIO_AAC_RAW_HEADER =
            AudioTagBody.aac(false, EMPTY).headerBytes();

    private TagBodies() {}

    /** The tag body of one packet (not a sequence header): {@link #packetHeader} then the packet's data. */
    public static ByteBuffer packet(MediaPacket p, HevcLayout layout) {
        byte[] head = packetHeader(p, layout);
        ByteBuffer data = p.data();
        ByteBuffer out = ByteBuffer.allocate(head.length + data.remaining());
        out.put(head).put(data).flip();
        return out;
    }

    /**
     * The bytes a packet's tag body starts with (2 for AAC, 5 or 8 for video), followed by nothing
     * but the packet's data: lets a writer send the data without copying it into a new body.
     */
    public static byte[] packetHeader(MediaPacket p, HevcLayout layout) {
        TrackFormat f = p.format();
        if (f.type() == MediaType.AUDIO) {
            return AUDIO_AAC_RAW_HEADER.clone();
        }
        int cts = Math.toIntExact(toMs(p.ptsUs()) - toMs(p.dtsUs()));
        boolean enhanced = enhanced(f, layout);
        VideoPacketType type = enhanced && cts == 0 ? VideoPacketType.CODED_FRAMES_X : VideoPacketType.CODED_FRAMES;
        return new VideoTagBody(enhanced, p.key() ? 1 : 2, f.codec(), type, cts, EMPTY).headerBytes();
    }

    /** The sequence header (avcC/hvcC/ASC) of a track. */
    public static ByteBuffer sequenceHeader(TrackFormat f, HevcLayout layout) {
        ByteBuffer config = ByteBuffer.wrap(f.codecConfig());
        if (f.type() == MediaType.AUDIO) {
            return ByteBuffer.wrap(AudioTagBody.aac(true, config).toBytes());
        }
        return ByteBuffer.wrap(
                new VideoTagBody(enhanced(f, layout), 1, f.codec(), VideoPacketType.SEQUENCE_START, 0, config)
                        .toBytes());
    }

    /** The end-of-sequence body of a video track. */
    public static ByteBuffer sequenceEnd(TrackFormat f, HevcLayout layout) {
        return ByteBuffer.wrap(new VideoTagBody(
                        enhanced(f, layout), 1, f.codec(), VideoPacketType.SEQUENCE_END, 0, ByteBuffer.allocate(0))
                .toBytes());
    }

    /** Microseconds to FLV milliseconds, rounded to nearest. */
    public static long toMs(long us) {
        return Math.floorDiv(us + 500, 1000);
    }

    /** The onMetaData FFmpeg would write for these tracks, without duration (unknown while live). */
    public static OnMetaData metadataFor(List<TrackFormat> formats, HevcLayout layout) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TrackFormat f : formats) {
            if (f.type() == MediaType.VIDEO) {
                if (f.width() > 0) {
                    m.put("width", (double) f.width());
                    m.put("height", (double) f.height());
                }
                m.put("videocodecid", (double)
                        (enhanced(f, layout)
                                ? VideoTagBody.FOURCC_HEVC
                                : f.codec() == Codec.HEVC ? VideoTagBody.CODEC_ID_HEVC : VideoTagBody.CODEC_ID_AVC));
            } else {
                if (f.sampleRate() > 0) {
                    m.put("audiosamplerate", (double) f.sampleRate());
                }
                m.put("audiosamplesize", 16.0);
                m.put("stereo", f.channels() == 2);
                m.put("audiocodecid", (double) AudioTagBody.SOUND_FORMAT_AAC);
            }
        }
        m.put("encoder", "liveloom");
        return new OnMetaData(m);
    }

    private static boolean enhanced(TrackFormat f, HevcLayout layout) {
        return f.codec() == Codec.HEVC && layout == HevcLayout.ENHANCED;
    }
}
