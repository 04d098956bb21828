/**
 * Internals of our H.264 encoder. One picture is one slice; {@code FrameEncoder} walks the
 * macroblocks in raster order and for each decides, transforms, reconstructs and writes it:
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
