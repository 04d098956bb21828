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

    /** A P_L0_16x16 macroblock with motion vector difference (mvdX, mvdY). */
    void inter(int mbx, int mby, int mvdX, int mvdY, int cbpL, int cbpC);

    /** A P_Skip macroblock (its picture state already set). */
    void skip(int mbx, int mby);

    /** After each macroblock; {@code last} for the last one of the slice. */
    void endMb(boolean last);

    /** Ends the slice data with the trailing bits. */
    void finishSlice(boolean pSlice);
}
