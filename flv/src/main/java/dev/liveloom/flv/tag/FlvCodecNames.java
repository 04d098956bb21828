package dev.liveloom.flv.tag;

/** FFmpeg's names for the FLV codec ids and FourCCs liveloom does not carry, for error messages. */
final class FlvCodecNames {
    private FlvCodecNames() {}

    /** The name FFmpeg's FLV demuxer gives a legacy video codec id. */
    static String video(int codecId) {
        return switch (codecId) {
            case 2 -> "flv1";
            case 3 -> "flashsv";
            case 4 -> "vp6f";
            case 5 -> "vp6a";
            case 6 -> "flashsv2";
            case 7 -> "h264";
            case 8 -> "h263";
            case 9 -> "mpeg4";
            case 12 -> "hevc";
            default -> "id " + codecId;
        };
    }

    /** The name FFmpeg gives an enhanced-FLV video FourCC, or the FourCC itself. */
    static String videoFourCc(int fourCc) {
        return switch (fourCc) {
            case VideoTagBody.FOURCC_AV1 -> "av1";
            case VideoTagBody.FOURCC_VP9 -> "vp9";
            case VideoTagBody.FOURCC_HEVC -> "hevc";
            case VideoTagBody.FOURCC_AVC -> "h264";
            default -> fourCcString(fourCc);
        };
    }

    /** The name FFmpeg's FLV demuxer gives a SoundFormat (sample size from the SoundSize bit). */
    static String audio(int soundFormat, boolean sixteenBit) {
        return switch (soundFormat) {
            case 0, 3 -> sixteenBit ? "pcm_s16le" : "pcm_u8";
            case 1 -> "adpcm_swf";
            case 2, 14 -> "mp3";
            case 4, 5, 6 -> "nellymoser";
            case 7 -> "pcm_alaw";
            case 8 -> "pcm_mulaw";
            case 10 -> "aac";
            case 11 -> "speex";
            default -> "id " + soundFormat;
        };
    }

    /** Printable FourCC ("hvc1"), or its hex value when a byte is not printable ASCII. */
    static String fourCcString(int fourCc) {
        StringBuilder sb = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (fourCc >>> shift) & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return String.format("0x%08x", fourCc);
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
