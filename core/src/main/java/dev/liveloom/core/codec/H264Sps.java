package dev.liveloom.core.codec;

import dev.liveloom.core.media.MediaParseException;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) that a relay needs: profile,
 * level, chroma format, bit depth, picture order count type, reference frames, frame size after
 * cropping and the VUI frame rate.
 *
 * @param profileIdc profile_idc
 * @param constraintFlags the byte holding constraint_set0_flag (0x80) to constraint_set5_flag (0x04)
 * @param levelIdc level_idc (30 for level 3.0)
 * @param spsId seq_parameter_set_id
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param separateColourPlane separate_colour_plane_flag
 * @param bitDepthLuma luma bit depth (8 + bit_depth_luma_minus8)
 * @param bitDepthChroma chroma bit depth
 * @param log2MaxFrameNum log2_max_frame_num_minus4 + 4
 * @param picOrderCntType pic_order_cnt_type (0, 1, 2)
 * @param log2MaxPicOrderCntLsb log2_max_pic_order_cnt_lsb_minus4 + 4 (type 0, else 0)
 * @param deltaPicOrderAlwaysZero delta_pic_order_always_zero_flag (type 1)
 * @param offsetForNonRefPic offset_for_non_ref_pic (type 1)
 * @param offsetForTopToBottomField offset_for_top_to_bottom_field (type 1)
 * @param numRefFramesInPicOrderCntCycle num_ref_frames_in_pic_order_cnt_cycle (type 1)
 * @param maxNumRefFrames max_num_ref_frames
 * @param frameMbsOnly frame_mbs_only_flag
 * @param codedWidth width of the decoded picture before cropping
 * @param codedHeight height before cropping
 * @param width width after frame cropping (what ffprobe reports)
 * @param height height after frame cropping
 * @param timeScale VUI time_scale, 0 when there is no timing info
 * @param numUnitsInTick VUI num_units_in_tick, 0 when there is no timing info
 * @param fixedFrameRate VUI fixed_frame_rate_flag
 */
public record H264Sps(
        int profileIdc,
        int constraintFlags,
        int levelIdc,
        int spsId,
        int chromaFormatIdc,
        boolean separateColourPlane,
        int bitDepthLuma,
        int bitDepthChroma,
        int log2MaxFrameNum,
        int picOrderCntType,
        int log2MaxPicOrderCntLsb,
        boolean deltaPicOrderAlwaysZero,
        int offsetForNonRefPic,
        int offsetForTopToBottomField,
        int numRefFramesInPicOrderCntCycle,
        int maxNumRefFrames,
        boolean frameMbsOnly,
        int codedWidth,
        int codedHeight,
        int width,
        int height,
        long timeScale,
        long numUnitsInTick,
        boolean fixedFrameRate) {

    static final String LAYER = "h264 sps";

    /**
     * Largest picture side accepted, in pixels. Level 6.2 allows 139264 macroblocks per frame, so a
     * 16384-pixel side (1024 macroblocks) covers every real stream; it also keeps width * height in an
     * int for any caller.
     */
    public static final int MAX_DIMENSION = 16384;

    /** Bit depths above 14 do not exist in H.264 (bit_depth_luma_minus8 is 0..6). */
    private static final int MAX_BIT_DEPTH_MINUS8 = 6;

    /**
     * num_ref_frames_in_pic_order_cnt_cycle is 0..255 by the spec: it bounds the offset_for_ref_frame
     * loop, which reads one se(v) per entry.
     */
    private static final int MAX_POC_CYCLE = 255;

    /** max_num_ref_frames is at most MaxDpbFrames, 16 in every level. */
    private static final int MAX_REF_FRAMES = 16;

    /** The profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices. */
    static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    /** The profile name ffprobe prints. */
    public String profileName() {
        return CodecConfigs.h264ProfileName(profileIdc, constraintFlags);
    }

    /** Frames per second from the VUI timing info (time_scale / (2 * num_units_in_tick)), 0 if none. */
    public double frameRate() {
        return numUnitsInTick == 0 ? 0 : timeScale / (2.0 * numUnitsInTick);
    }

    /** Parses an SPS NAL (with its one-byte header, emulation prevention bytes still in). */
    public static H264Sps parse(byte[] nal) throws MediaParseException {
        return parse(nal, 0, nal.length);
    }

    public static H264Sps parse(byte[] nal, int off, int len) throws MediaParseException {
        if (len < 1) {
            throw MediaParseException.truncated(LAYER, 0, "empty NAL");
        }
        if (len > NalUnits.MAX_PARAMETER_SET_BYTES) {
            throw MediaParseException.malformed(
                    LAYER, 0, "SPS of " + len + " bytes exceeds " + NalUnits.MAX_PARAMETER_SET_BYTES);
        }
        int type = nal[off] & 0x1f;
        if (type != NalUnits.H264_SPS) {
            throw MediaParseException.malformed(LAYER, 0, "NAL type " + type + " is not an SPS (7)");
        }
        byte[] rbsp = NalUnits.unescape(nal, off + 1, len - 1);
        BitReader r = new BitReader(rbsp, LAYER);
        int profileIdc = r.readBits(8);
        int constraintFlags = r.readBits(8);
        int levelIdc = r.readBits(8);
        int spsId = r.readUe("seq_parameter_set_id", 31);
        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = r.readUe("chroma_format_idc", 3);
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.readFlag();
            }
            bitDepthLuma = 8 + r.readUe("bit_depth_luma_minus8", MAX_BIT_DEPTH_MINUS8);
            bitDepthChroma = 8 + r.readUe("bit_depth_chroma_minus8", MAX_BIT_DEPTH_MINUS8);
            r.readBit(); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        int log2MaxFrameNum = 4 + r.readUe("log2_max_frame_num_minus4", 12);
        int pocType = r.readUe("pic_order_cnt_type", 2);
        int log2MaxPocLsb = 0;
        boolean deltaAlwaysZero = false;
        int offsetNonRef = 0;
        int offsetTopBottom = 0;
        int cycle = 0;
        if (pocType == 0) {
            log2MaxPocLsb = 4 + r.readUe("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (pocType == 1) {
            deltaAlwaysZero = r.readFlag();
            offsetNonRef = r.readSe();
            offsetTopBottom = r.readSe();
            cycle = r.readUe("num_ref_frames_in_pic_order_cnt_cycle", MAX_POC_CYCLE);
            for (int i = 0; i < cycle; i++) {
                r.readSe(); // offset_for_ref_frame[i]
            }
        }
        int maxRefFrames = r.readUe("max_num_ref_frames", MAX_REF_FRAMES);
        r.readBit(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = 1 + r.readUe("pic_width_in_mbs_minus1", MAX_DIMENSION / 16 - 1);
        int heightMapUnits = 1 + r.readUe("pic_height_in_map_units_minus1", MAX_DIMENSION / 16 - 1);
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.readBit(); // mb_adaptive_frame_field_flag
        }
        r.readBit(); // direct_8x8_inference_flag
        int codedWidth = widthMbs * 16;
        int codedHeight = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        int width = codedWidth;
        int height = codedHeight;
        int cropAt = r.bytePosition();
        if (r.readFlag()) { // frame_cropping_flag
            int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeightC = chromaArrayType == 1 ? 2 : 1;
            int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
            int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
            long left = r.readUe("frame_crop_left_offset", MAX_DIMENSION);
            long right = r.readUe("frame_crop_right_offset", MAX_DIMENSION);
            long top = r.readUe("frame_crop_top_offset", MAX_DIMENSION);
            long bottom = r.readUe("frame_crop_bottom_offset", MAX_DIMENSION);
            long cropX = cropUnitX * (left + right);
            long cropY = cropUnitY * (top + bottom);
            if (cropX >= codedWidth || cropY >= codedHeight) {
                throw MediaParseException.malformed(
                        LAYER,
                        cropAt,
                        "frame cropping " + cropX + "x" + cropY + " leaves nothing of " + codedWidth + "x"
                                + codedHeight);
            }
            width = (int) (codedWidth - cropX);
            height = (int) (codedHeight - cropY);
        }
        long[] timing = {0, 0, 0};
        if (r.readFlag()) { // vui_parameters_present_flag
            try {
                readVuiTiming(r, timing);
            } catch (MediaParseException e) {
                // Encoders exist whose VUI ends early; like ffmpeg ("Overread VUI"), keep the SPS and
                // drop the timing it could not read.
                if (e.kind() != MediaParseException.Kind.TRUNCATED) {
                    throw e;
                }
                timing[0] = 0;
                timing[1] = 0;
                timing[2] = 0;
            }
        }
        long numUnitsInTick = timing[0];
        long timeScale = timing[1];
        boolean fixedFrameRate = timing[2] != 0;
        return new H264Sps(
                profileIdc,
                constraintFlags,
                levelIdc,
                spsId,
                chromaFormatIdc,
                separateColourPlane,
                bitDepthLuma,
                bitDepthChroma,
                log2MaxFrameNum,
                pocType,
                log2MaxPocLsb,
                deltaAlwaysZero,
                offsetNonRef,
                offsetTopBottom,
                cycle,
                maxRefFrames,
                frameMbsOnly,
                codedWidth,
                codedHeight,
                width,
                height,
                timeScale,
                numUnitsInTick,
                fixedFrameRate);
    }

    /** Reads the VUI (E.1.1) up to the timing info into {num_units_in_tick, time_scale, fixed}. */
    private static void readVuiTiming(BitReader r, long[] timing) throws MediaParseException {
        if (r.readFlag()) { // aspect_ratio_info_present_flag
            if (r.readBits(8) == 255) { // aspect_ratio_idc == Extended_SAR
                r.skipBits(32); // sar_width, sar_height
            }
        }
        if (r.readFlag()) { // overscan_info_present_flag
            r.readBit();
        }
        if (r.readFlag()) { // video_signal_type_present_flag
            r.skipBits(4); // video_format, video_full_range_flag
            if (r.readFlag()) { // colour_description_present_flag
                r.skipBits(24);
            }
        }
        if (r.readFlag()) { // chroma_loc_info_present_flag
            r.readUe();
            r.readUe();
        }
        if (r.readFlag()) { // timing_info_present_flag
            timing[0] = r.readBitsLong(32);
            timing[1] = r.readBitsLong(32);
            timing[2] = r.readBit();
        }
    }

    /** Skips scaling_list(sizeOfScalingList) (7.3.2.1.1.1): delta_scale values until nextScale is 0. */
    private static void skipScalingList(BitReader r, int size) throws MediaParseException {
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size; j++) {
            if (nextScale != 0) {
                int delta = r.readSe();
                if (delta < -128 || delta > 127) {
                    throw MediaParseException.malformed(
                            LAYER, r.bytePosition(), "delta_scale " + delta + " outside -128..127");
                }
                nextScale = (lastScale + delta + 256) % 256;
            }
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
    }
}
