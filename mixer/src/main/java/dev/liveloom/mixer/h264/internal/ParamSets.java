package dev.liveloom.mixer.h264.internal;

/**
 * Writes the sequence and picture parameter sets (H.264 clauses 7.3.2.1 and 7.3.2.2), the slice
 * header (7.3.3) and the AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1) for the
 * Constrained Baseline streams this encoder produces: CAVLC, frame pictures, POC type 2, one
 * reference frame, frame cropping for sizes that are not a multiple of 16, VUI with timing and
 * bitstream restrictions (no reordering, one frame of decoded picture buffer).
 */
public final class ParamSets {
    private ParamSets() {}

    public static final int PROFILE_BASELINE = 66;
    public static final int PROFILE_MAIN = 77;
    public static final int PROFILE_HIGH = 100;
    /** constraint_set0_flag and constraint_set1_flag: Constrained Baseline, decodable by Main. */
    public static final int CONSTRAINT_FLAGS = 0xC0;

    public static final int LOG2_MAX_FRAME_NUM = 8;

    /** Stream geometry and timing that parameter sets carry. */
    public record Geometry(int width, int height, int fps, int bitrateKbps) {
        public int widthMbs() {
            return (width + 15) / 16;
        }

        public int heightMbs() {
            return (height + 15) / 16;
        }

        /** Width after rounding an odd width up: 4:2:0 cropping works in units of 2 samples. */
        public int codedWidth() {
            return (width + 1) & ~1;
        }

        public int codedHeight() {
            return (height + 1) & ~1;
        }
    }

    // level_idc, MaxMBPS, MaxFS, MaxBR (kbit/s, Baseline), Table A-1
    private static final int[][] LEVELS = {
        {10, 1485, 99, 64},
        {11, 3000, 396, 192},
        {12, 6000, 396, 384},
        {13, 11880, 396, 768},
        {20, 11880, 396, 2000},
        {21, 19800, 792, 4000},
        {22, 20250, 1620, 4000},
        {30, 40500, 1620, 10000},
        {31, 108000, 3600, 14000},
        {32, 216000, 5120, 20000},
        {40, 245760, 8192, 20000},
        {41, 245760, 8192, 50000},
        {42, 522240, 8704, 50000},
        {50, 589824, 22080, 135000},
        {51, 983040, 36864, 240000},
        {52, 2073600, 36864, 240000},
    };

    /** The lowest level whose frame size, macroblock rate and bitrate limits hold the stream. */
    public static int level(Geometry g) {
        int fs = g.widthMbs() * g.heightMbs();
        long mbps = (long) fs * g.fps();
        for (int[] l : LEVELS) {
            int maxSide = (int) Math.sqrt(8.0 * l[2]);
            if (fs <= l[2]
                    && mbps <= l[1]
                    && g.bitrateKbps() <= l[3]
                    && g.widthMbs() <= maxSide
                    && g.heightMbs() <= maxSide) {
                return l[0];
            }
        }
        return 52;
    }

    /** seq_parameter_set_rbsp() for a Constrained Baseline stream. */
    public static void writeSps(BitWriter bw, Geometry g) {
        writeSps(bw, g, PROFILE_BASELINE);
    }

    /**
     * seq_parameter_set_rbsp() into {@code bw} (reset first by the caller) for profile_idc 66
     * (Constrained Baseline), 77 (Main, constraint_set1_flag) or 100 (High: 4:2:0, 8 bits, flat
     * scaling lists).
     */
    public static void writeSps(BitWriter bw, Geometry g, int profileIdc) {
        bw.u(8, profileIdc);
        bw.u(8, profileIdc == PROFILE_BASELINE ? CONSTRAINT_FLAGS : profileIdc == PROFILE_MAIN ? 0x40 : 0);
        bw.u(8, level(g));
        bw.ue(0); // seq_parameter_set_id
        if (profileIdc == PROFILE_HIGH) {
            bw.ue(1); // chroma_format_idc: 4:2:0
            bw.ue(0); // bit_depth_luma_minus8
            bw.ue(0); // bit_depth_chroma_minus8
            bw.u(1, 0); // qpprime_y_zero_transform_bypass_flag
            bw.u(1, 0); // seq_scaling_matrix_present_flag
        }
        bw.ue(LOG2_MAX_FRAME_NUM - 4);
        bw.ue(2); // pic_order_cnt_type: output order = decode order
        bw.ue(1); // max_num_ref_frames
        bw.u(1, 0); // gaps_in_frame_num_value_allowed_flag
        bw.ue(g.widthMbs() - 1);
        bw.ue(g.heightMbs() - 1);
        bw.u(1, 1); // frame_mbs_only_flag
        bw.u(1, 1); // direct_8x8_inference_flag
        int cropRight = (g.widthMbs() * 16 - g.codedWidth()) / 2;
        int cropBottom = (g.heightMbs() * 16 - g.codedHeight()) / 2;
        boolean crop = cropRight != 0 || cropBottom != 0;
        bw.u1(crop);
        if (crop) {
            bw.ue(0);
            bw.ue(cropRight);
            bw.ue(0);
            bw.ue(cropBottom);
        }
        bw.u(1, 1); // vui_parameters_present_flag
        bw.u(1, 0); // aspect_ratio_info_present_flag
        bw.u(1, 0); // overscan_info_present_flag
        bw.u(1, 0); // video_signal_type_present_flag
        bw.u(1, 0); // chroma_loc_info_present_flag
        bw.u(1, 1); // timing_info_present_flag
        bw.u(32, 1); // num_units_in_tick
        bw.u(32, 2 * g.fps()); // time_scale: two ticks per frame
        bw.u(1, 1); // fixed_frame_rate_flag
        bw.u(1, 0); // nal_hrd_parameters_present_flag
        bw.u(1, 0); // vcl_hrd_parameters_present_flag
        bw.u(1, 0); // pic_struct_present_flag
        bw.u(1, 1); // bitstream_restriction_flag
        bw.u(1, 1); // motion_vectors_over_pic_boundaries_flag
        bw.ue(0); // max_bytes_per_pic_denom
        bw.ue(0); // max_bits_per_mb_denom
        bw.ue(15); // log2_max_mv_length_horizontal
        bw.ue(15); // log2_max_mv_length_vertical
        bw.ue(0); // max_num_reorder_frames
        bw.ue(1); // max_dec_frame_buffering
        bw.trailingBits();
    }

    /** pic_parameter_set_rbsp() with CAVLC. */
    public static void writePps(BitWriter bw) {
        writePps(bw, false);
    }

    /**
     * pic_parameter_set_rbsp(): CAVLC or CABAC, one slice group, init QP 26, deblocking control
     * present.
     */
    public static void writePps(BitWriter bw, boolean cabac) {
        bw.ue(0); // pic_parameter_set_id
        bw.ue(0); // seq_parameter_set_id
        bw.u1(cabac); // entropy_coding_mode_flag
        bw.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
        bw.ue(0); // num_slice_groups_minus1
        bw.ue(0); // num_ref_idx_l0_default_active_minus1
        bw.ue(0); // num_ref_idx_l1_default_active_minus1
        bw.u(1, 0); // weighted_pred_flag
        bw.u(2, 0); // weighted_bipred_idc
        bw.se(0); // pic_init_qp_minus26
        bw.se(0); // pic_init_qs_minus26
        bw.se(0); // chroma_qp_index_offset
        bw.u(1, 1); // deblocking_filter_control_present_flag
        bw.u(1, 0); // constrained_intra_pred_flag
        bw.u(1, 0); // redundant_pic_cnt_present_flag
        bw.trailingBits();
    }

    /**
     * slice_header() for a slice starting at macroblock {@code firstMb}.
     *
     * @param deblock false writes disable_deblocking_filter_idc 1
     */
    public static void writeSliceHeader(
            BitWriter bw,
            int firstMb,
            boolean idr,
            boolean pSlice,
            int frameNum,
            int idrPicId,
            int qp,
            boolean deblock,
            boolean cabac) {
        bw.ue(firstMb); // first_mb_in_slice
        bw.ue(pSlice ? 5 : 7); // slice_type, +5: all slices of the picture have this type
        bw.ue(0); // pic_parameter_set_id
        bw.u(LOG2_MAX_FRAME_NUM, frameNum);
        if (idr) {
            bw.ue(idrPicId);
        }
        if (pSlice) {
            bw.u(1, 0); // num_ref_idx_active_override_flag
            bw.u(1, 0); // ref_pic_list_modification_flag_l0
        }
        // dec_ref_pic_marking(): every picture is a reference (nal_ref_idc != 0)
        if (idr) {
            bw.u(1, 0); // no_output_of_prior_pics_flag
            bw.u(1, 0); // long_term_reference_flag
        } else {
            bw.u(1, 0); // adaptive_ref_pic_marking_mode_flag: sliding window
        }
        if (cabac && pSlice) {
            bw.ue(0); // cabac_init_idc
        }
        bw.se(qp - 26); // slice_qp_delta
        bw.ue(deblock ? 0 : 1); // disable_deblocking_filter_idc
        if (deblock) {
            bw.se(0); // slice_alpha_c0_offset_div2
            bw.se(0); // slice_beta_offset_div2
        }
    }

    /** AVCDecoderConfigurationRecord with one SPS and one PPS (escaped NAL units with header byte). */
    public static byte[] avcC(byte[] spsNal, byte[] ppsNal) {
        byte[] out = new byte[11 + spsNal.length + ppsNal.length];
        out[0] = 1; // configurationVersion
        out[1] = spsNal[1]; // AVCProfileIndication
        out[2] = spsNal[2]; // profile_compatibility
        out[3] = spsNal[3]; // AVCLevelIndication
        out[4] = (byte) (0xFC | (NalWriter.LENGTH_SIZE - 1));
        out[5] = (byte) 0xE1; // one SPS
        out[6] = (byte) (spsNal.length >> 8);
        out[7] = (byte) spsNal.length;
        System.arraycopy(spsNal, 0, out, 8, spsNal.length);
        int p = 8 + spsNal.length;
        out[p] = 1; // one PPS
        out[p + 1] = (byte) (ppsNal.length >> 8);
        out[p + 2] = (byte) ppsNal.length;
        System.arraycopy(ppsNal, 0, out, p + 3, ppsNal.length);
        return out;
    }
}
