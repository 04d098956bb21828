package dev.liveloom.core.codec;

import dev.liveloom.core.media.MediaParseException;

/**
 * The leading fields of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2.1): the general
 * profile_tier_level, chroma format, picture size after the conformance window and bit depths.
 *
 * @param vpsId sps_video_parameter_set_id
 * @param maxSubLayers sps_max_sub_layers_minus1 + 1
 * @param temporalIdNesting sps_temporal_id_nesting_flag
 * @param profileSpace general_profile_space
 * @param tier general_tier_flag (0 Main, 1 High)
 * @param profileIdc general_profile_idc (1 Main, 2 Main 10, ...)
 * @param profileCompatibilityFlags general_profile_compatibility_flag[0..31], flag 0 in the top bit
 * @param constraintIndicatorFlags the 48 bits from general_progressive_source_flag on
 * @param levelIdc general_level_idc (30 times the level: 93 for 3.1)
 * @param spsId sps_seq_parameter_set_id
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param separateColourPlane separate_colour_plane_flag
 * @param codedWidth pic_width_in_luma_samples
 * @param codedHeight pic_height_in_luma_samples
 * @param width width after the conformance window (what ffprobe reports)
 * @param height height after the conformance window
 * @param bitDepthLuma 8 + bit_depth_luma_minus8
 * @param bitDepthChroma 8 + bit_depth_chroma_minus8
 */
public record H265Sps(
        int vpsId,
        int maxSubLayers,
        boolean temporalIdNesting,
        int profileSpace,
        int tier,
        int profileIdc,
        int profileCompatibilityFlags,
        long constraintIndicatorFlags,
        int levelIdc,
        int spsId,
        int chromaFormatIdc,
        boolean separateColourPlane,
        int codedWidth,
        int codedHeight,
        int width,
        int height,
        int bitDepthLuma,
        int bitDepthChroma) {

    static final String LAYER = "h265 sps";

    /**
     * Largest picture side accepted, in luma samples: level 6.2 allows 35,651,584 samples per picture
     * and sides up to sqrt(8 * MaxLumaPs) = 16888; 16888 also keeps width * height in an int.
     */
    public static final int MAX_DIMENSION = 16888;

    /** bit_depth_luma_minus8 is 0..8 in H.265 (up to 16-bit). */
    private static final int MAX_BIT_DEPTH_MINUS8 = 8;

    /** The profile name ffprobe prints. */
    public String profileName() {
        return CodecConfigs.h265ProfileName(profileIdc);
    }

    /** Parses an SPS NAL (with its two-byte header, emulation prevention bytes still in). */
    public static H265Sps parse(byte[] nal) throws MediaParseException {
        return parse(nal, 0, nal.length);
    }

    public static H265Sps parse(byte[] nal, int off, int len) throws MediaParseException {
        if (len < 2) {
            throw MediaParseException.truncated(LAYER, 0, "NAL header needs 2 bytes, " + len + " present");
        }
        if (len > NalUnits.MAX_PARAMETER_SET_BYTES) {
            throw MediaParseException.malformed(
                    LAYER, 0, "SPS of " + len + " bytes exceeds " + NalUnits.MAX_PARAMETER_SET_BYTES);
        }
        int type = (nal[off] >> 1) & 0x3f;
        if (type != NalUnits.H265_SPS) {
            throw MediaParseException.malformed(LAYER, 0, "NAL type " + type + " is not an SPS (33)");
        }
        byte[] rbsp = NalUnits.unescape(nal, off + 2, len - 2);
        BitReader r = new BitReader(rbsp, LAYER);
        int vpsId = r.readBits(4);
        int maxSubLayersMinus1 = r.readBits(3);
        if (maxSubLayersMinus1 == 7) {
            throw MediaParseException.malformed(LAYER, 0, "sps_max_sub_layers_minus1 7 exceeds 6");
        }
        boolean nesting = r.readFlag();
        // profile_tier_level(1, sps_max_sub_layers_minus1): the general part
        int profileSpace = r.readBits(2);
        int tier = r.readBit();
        int profileIdc = r.readBits(5);
        int compat = r.readBits(32);
        long constraints = r.readBitsLong(48);
        int levelIdc = r.readBits(8);
        skipSubLayers(r, maxSubLayersMinus1);
        int spsId = r.readUe("sps_seq_parameter_set_id", 15);
        int chroma = r.readUe("chroma_format_idc", 3);
        boolean separate = chroma == 3 && r.readFlag();
        int codedWidth = r.readUe("pic_width_in_luma_samples", MAX_DIMENSION);
        int codedHeight = r.readUe("pic_height_in_luma_samples", MAX_DIMENSION);
        if (codedWidth == 0 || codedHeight == 0) {
            throw MediaParseException.malformed(
                    LAYER, r.bytePosition(), "picture size " + codedWidth + "x" + codedHeight);
        }
        int width = codedWidth;
        int height = codedHeight;
        int windowAt = r.bytePosition();
        if (r.readFlag()) { // conformance_window_flag
            int chromaArrayType = separate ? 0 : chroma;
            int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeightC = chromaArrayType == 1 ? 2 : 1;
            long left = r.readUe("conf_win_left_offset", MAX_DIMENSION);
            long right = r.readUe("conf_win_right_offset", MAX_DIMENSION);
            long top = r.readUe("conf_win_top_offset", MAX_DIMENSION);
            long bottom = r.readUe("conf_win_bottom_offset", MAX_DIMENSION);
            long cropX = subWidthC * (left + right);
            long cropY = subHeightC * (top + bottom);
            if (cropX >= codedWidth || cropY >= codedHeight) {
                throw MediaParseException.malformed(
                        LAYER,
                        windowAt,
                        "conformance window " + cropX + "x" + cropY + " leaves nothing of " + codedWidth + "x"
                                + codedHeight);
            }
            width = (int) (codedWidth - cropX);
            height = (int) (codedHeight - cropY);
        }
        int depthLuma = 8 + r.readUe("bit_depth_luma_minus8", MAX_BIT_DEPTH_MINUS8);
        int depthChroma = 8 + r.readUe("bit_depth_chroma_minus8", MAX_BIT_DEPTH_MINUS8);
        return new H265Sps(
                vpsId,
                maxSubLayersMinus1 + 1,
                nesting,
                profileSpace,
                tier,
                profileIdc,
                compat,
                constraints,
                levelIdc,
                spsId,
                chroma,
                separate,
                codedWidth,
                codedHeight,
                width,
                height,
                depthLuma,
                depthChroma);
    }

    /** Skips the sub-layer part of profile_tier_level (H.265 7.3.3). */
    private static void skipSubLayers(BitReader r, int maxSubLayersMinus1) throws MediaParseException {
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skipBits(2L * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skipBits(88); // profile space, tier, idc, 32 compatibility flags, 48 constraint bits
            }
            if (levelPresent[i]) {
                r.skipBits(8); // sub_layer_level_idc
            }
        }
    }
}
