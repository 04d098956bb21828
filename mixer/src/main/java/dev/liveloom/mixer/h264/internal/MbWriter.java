package dev.liveloom.mixer.h264.internal;

/**
 * The macroblock layer of a slice (H.264 7.3.4, 7.3.5) in one entropy coding: CAVLC or CABAC. The
 * frame encoder makes the decisions and fills {@link MbCoeffs} and {@link MbInfo}; the writer codes
 * them and records what later macroblocks' context selection needs (coefficient counts, coded
 * flags).
 */
interface MbWriter {
    /** Starts the slice data after the slice header; macroblocks above {@code firstRow} are unavailable. */
    void startSlice(BitWriter bw, int firstRow, boolean pSlice, int qp);

    /** An I16x16 ({@code best16} its mode) or I4x4 macroblock, in an I or a P slice. */
    void intra(int mbx, int mby, boolean inP, int type, int best16, int chromaMode, int cbpC);

    /**
     * An inter macroblock of P mb_type {@code type} (0 P_L0_16x16, 1 P_L0_L0_16x8, 2 P_L0_L0_8x16,
     * 3 P_8x8 with four P_L0_8x8 sub-macroblocks) with the motion vector differences of its
     * partitions in {@code mvd} (x, y per partition, in partition order). The partitions' |mvd|s are
     * in {@link MbInfo#mvdAbsX4} already.
     */
    void inter(int mbx, int mby, int type, int[] mvd, int cbpL, int cbpC);

    /** A P_Skip macroblock (its picture state already set). */
    void skip(int mbx, int mby);

    /** After each macroblock; {@code last} for the last one of the slice. */
    void endMb(boolean last);

    /** Ends the slice data with the trailing bits. */
    void finishSlice(boolean pSlice);
}
