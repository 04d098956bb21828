package dev.liveloom.ts.psi;

import dev.liveloom.core.media.Codec;

/** PMT stream_type values (ISO/IEC 13818-1 table 2-34) and the codecs liveloom carries. */
public final class StreamType {
    public static final int MPEG1_VIDEO = 0x01;
    public static final int MPEG2_VIDEO = 0x02;
    public static final int MPEG1_AUDIO = 0x03;
    public static final int MPEG2_AUDIO = 0x04;
    public static final int PRIVATE_DATA = 0x06;
    public static final int AAC_ADTS = 0x0f;
    public static final int MPEG4_VIDEO = 0x10;
    public static final int AAC_LATM = 0x11;
    public static final int METADATA = 0x15;
    public static final int H264 = 0x1b;
    public static final int H265 = 0x24;
    public static final int AC3 = 0x81;
    public static final int EAC3 = 0x87;

    private StreamType() {}

    /** The codec for a stream type liveloom demuxes, or null. */
    public static Codec codec(int streamType) {
        return switch (streamType) {
            case H264 -> Codec.H264;
            case H265 -> Codec.HEVC;
            case AAC_ADTS -> Codec.AAC;
            default -> null;
        };
    }

    /** The stream type a muxer writes for {@code codec}. */
    public static int of(Codec codec) {
        return switch (codec) {
            case H264 -> H264;
            case HEVC -> H265;
            case AAC -> AAC_ADTS;
        };
    }

    /**
     * Why a stream type is not demuxed, in the words of the rest of liveloom: "unsupported audio
     * codec mp3" (lower-case ffmpeg codec names), or "unsupported stream type 0x06".
     */
    public static String unsupportedReason(int streamType) {
        return switch (streamType) {
            case MPEG1_VIDEO, MPEG2_VIDEO -> "unsupported video codec mpeg2video";
            case MPEG4_VIDEO -> "unsupported video codec mpeg4";
            case MPEG1_AUDIO -> "unsupported audio codec mp2";
            case MPEG2_AUDIO -> "unsupported audio codec mp3";
            case AAC_LATM -> "unsupported audio codec aac_latm";
            case AC3 -> "unsupported audio codec ac3";
            case EAC3 -> "unsupported audio codec eac3";
            case 0x42 -> "unsupported video codec cavs";
            case 0xd1 -> "unsupported video codec dirac";
            case 0xea -> "unsupported video codec vc1";
            default -> String.format("unsupported stream type 0x%02x", streamType);
        };
    }
}
