/**
 * Internals of our H.264 encoder. {@code FrameEncoder} splits a picture into slices (runs of whole
 * macroblock rows) and hands them to {@code SliceCoder}s, which walk the macroblocks in raster order
 * and for each decide, transform, reconstruct and write it:
 *
 * <ul>
 *   <li>{@code BitWriter}, {@code NalWriter}: RBSP bits, exp-Golomb, emulation prevention, 4-byte
 *       length-prefixed NAL units.
 *   <li>{@code ParamSets}: SPS (Constrained Baseline, POC type 2, cropping, VUI timing, no
 *       reordering), PPS (CAVLC), slice header, avcC.
 *   <li>{@code IntraPred}, {@code InterPred}, {@code MotionSearch}: predictions (Intra4x4 9 modes,
 *       Intra16x16 and chroma 4 modes; quarter-sample luma from lazily filtered half-sample planes,
 *       eighth-sample chroma), vector prediction and search.
 *   <li>{@code Transform}, {@code CavlcWriter}/{@code CavlcTables}: 4x4 integer transform, Hadamard
 *       DC transforms, dead-zone quantisation and the exact inverse; residual_block_cavlc.
 *   <li>{@code MbWriter}: the macroblock layer, {@code CavlcMbWriter} (Baseline) or {@code
 *       CabacMbWriter} (Main, High, on {@code CabacWriter}/{@code CabacEncoder}); {@code MbInfo}
 *       holds the per-picture macroblock state they and the deblocker read, {@code MbCoeffs} the
 *       current macroblock's levels.
 *   <li>{@code Deblocker}: the in-loop filter over the whole reconstructed picture.
 *   <li>{@code RateControl}: picture QP from per-type complexity models and a 1 s payback buffer.
 * </ul>
 *
 * <p>Invariant that the tests guard: the reconstruction kept here is exactly what a conforming
 * decoder outputs (the conformance tests decode with jcodec and ffmpeg and compare every sample),
 * so any new mode must reconstruct through the same code paths a decoder would follow. Intra
 * prediction reads unfiltered samples of the current picture; deblocking runs after the last
 * macroblock. Motion vectors stay {@code MotionSearch.MV_MARGIN} samples inside the picture
 * border so the 6-tap filter never reads outside {@code Picture.PAD_Y}.
 */
package dev.liveloom.mixer.h264.internal;
