package dev.liveloom.mixer.h264;

import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.VideoEncoder;
import dev.liveloom.mixer.VideoEncoderConfig;
import dev.liveloom.mixer.YuvFrame;
import dev.liveloom.mixer.h264.internal.BitWriter;
import dev.liveloom.mixer.h264.internal.FrameEncoder;
import dev.liveloom.mixer.h264.internal.NalWriter;
import dev.liveloom.mixer.h264.internal.ParamSets;
import dev.liveloom.mixer.h264.internal.Picture;
import dev.liveloom.mixer.h264.internal.RateControl;

/**
 * Our own H.264 encoder. Current scope: Constrained Baseline (CAVLC), one slice per picture, IDR
 * pictures with Intra16x16/Intra4x4 macroblocks and P pictures with quarter-sample motion in
 * P_L0_16x16, P_L0_L0_16x8, P_L0_L0_8x16 and P_8x8 (four P_L0_8x8 sub-macroblocks; no smaller
 * sub-partitions, no P_8x8ref0) macroblocks and P_Skip, one reference frame, no B frames (output
 * order is input order), and the in-loop deblocking filter. BASELINE produces Constrained Baseline with CAVLC; MAIN (profile_idc
 * 77) and HIGH (profile_idc 100, without the 8x8 transform) code the same macroblock decisions with
 * CABAC. Odd widths/heights are coded one sample larger (4:2:0 frame
 * cropping works in pairs of samples), the extra column/row repeating the last one.
 *
 * <p>{@code slices} above 1 cuts each picture into that many slices of whole macroblock rows (at
 * most one per row), each its own NAL unit; intra and motion vector prediction and the entropy
 * coder's contexts do not cross slice boundaries, the deblocking filter does (as
 * disable_deblocking_filter_idc 0 specifies). {@code threads} above 1 codes slices in parallel
 * on a fixed pool of that many threads owned by this encoder (released by {@link #close()});
 * with {@code slices} 1, {@code threads} slices are used so that there is something to share.
 * The stream does not depend on the thread count.
 *
 * <p>Presets map to three speed levels. ULTRAFAST and SUPERFAST share the fast search: motion
 * refinement by SAD (half samples compared on every other row) over the half- and quarter-sample
 * positions that do not read the centre half-sample plane, so the reference's centre plane is
 * filtered only where a predicted vector needs it; intra macroblocks in P pictures are Intra16x16
 * only, and whether to try one is judged without the plane mode. ULTRAFAST also leaves out what x264's ultrafast leaves out: the in-loop deblocking filter
 * (disable_deblocking_filter_idc 1) and Intra4x4 in IDR pictures. (jcodec 0.2.5 ignores
 * disable_deblocking_filter_idc and filters anyway, so it decodes ULTRAFAST streams, as it does
 * x264's ultrafast ones, with a small drift; ffmpeg decodes them exactly.) SUPERFAST keeps both.
 * Every slower preset is the full level: refinement by SATD over all eight half-sample and four
 * quarter-sample neighbours, all three half-sample planes filtered together, Intra4x4 in P
 * pictures as well, and inter partitions: after the 16x16 search each 8x8 block is searched
 * (integer diamond from the 16x16 vector, its own predictor and zero, then SATD refinement), 16x8
 * and 8x16 halves refine the best of the 16x16 vector and their two 8x8 vectors, and the macroblock
 * takes the 16x16, 16x8, 8x16 or P_8x8 partitioning with the lowest SATD + lambda * bits (the fast
 * search codes P_L0_16x16 and P_Skip only). All levels use the same predictors and integer diamond
 * search, the early P_Skip check (the fast level makes it only next to a skipped macroblock) and
 * the intra check of P macroblocks whose inter cost exceeds 2 per sample.
 */
public final class H264Encoder implements VideoEncoder {
    private static final int NAL_SLICE = 1;
    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private final VideoEncoderConfig config;
    private final ParamSets.Geometry geometry;
    private final FrameEncoder frameEncoder;
    private final BitWriter[] sliceBits;
    private final int slices;
    private final java.util.concurrent.ExecutorService pool;
    private final NalWriter nals = new NalWriter();
    private final byte[] spsRbsp;
    private final byte[] ppsRbsp;
    private final byte[] avcC;
    private final RateControl rc;
    private int frameIndex;
    private int framesSinceIdr;
    private int frameNum;
    private int idrCount;
    private boolean forceKey;
    private boolean closed;
    private int lastQp;

    /**
     * True when this JVM runs the Vector API kernels (started with {@code --add-modules
     * jdk.incubator.vector} on a CPU with AVX2): the same streams, about 1.7x faster at 720p. False:
     * the portable kernels.
     */
    public static boolean vectorKernels() {
        return dev.liveloom.mixer.h264.internal.Simd.ON;
    }

    public H264Encoder(VideoEncoderConfig config) {
        this.config = config;
        this.geometry = new ParamSets.Geometry(config.width(), config.height(), config.fps(), config.bitrateKbps());
        int requested = config.slices() == 1 ? config.threads() : config.slices();
        this.slices = FrameEncoder.sliceCount(geometry.heightMbs(), requested);
        int coders = Math.min(config.threads(), slices);
        boolean cabac = config.profile() != VideoEncoderConfig.Profile.BASELINE;
        // speed level: ULTRAFAST and SUPERFAST the fast search, every slower preset the full one (see above)
        this.frameEncoder = new FrameEncoder(
                geometry.widthMbs(),
                geometry.heightMbs(),
                config.preset().compareTo(VideoEncoderConfig.Preset.SUPERFAST) > 0,
                cabac,
                coders);
        // ULTRAFAST leaves out the loop filter and Intra4x4, as x264's ultrafast does
        boolean ultrafast = config.preset() == VideoEncoderConfig.Preset.ULTRAFAST;
        frameEncoder.setDeblocking(!ultrafast);
        frameEncoder.setIntra4x4InIdr(!ultrafast);
        this.sliceBits = new BitWriter[slices];
        for (int i = 0; i < slices; i++) {
            sliceBits[i] = new BitWriter(geometry.widthMbs() * geometry.heightMbs() * 64 / slices);
        }
        if (coders > 1) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            pool = java.util.concurrent.Executors.newFixedThreadPool(coders, r -> {
                Thread t = new Thread(r, "liveloom-h264-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            pool = null;
        }
        BitWriter pw = new BitWriter(64);
        int profileIdc =
                switch (config.profile()) {
                    case BASELINE -> ParamSets.PROFILE_BASELINE;
                    case MAIN -> ParamSets.PROFILE_MAIN;
                    case HIGH -> ParamSets.PROFILE_HIGH;
                };
        ParamSets.writeSps(pw, geometry, profileIdc);
        spsRbsp = pw.toByteArray();
        pw.reset();
        ParamSets.writePps(pw, cabac);
        ppsRbsp = pw.toByteArray();
        avcC = ParamSets.avcC(
                NalWriter.nal(3, NAL_SPS, spsRbsp, spsRbsp.length), NalWriter.nal(3, NAL_PPS, ppsRbsp, ppsRbsp.length));
        rc = new RateControl(config, geometry.codedWidth() * geometry.codedHeight());
    }

    public VideoEncoderConfig config() {
        return config;
    }

    @Override
    public byte[] codecConfig() {
        return avcC.clone();
    }

    @Override
    public void forceKeyframe() {
        forceKey = true;
    }

    /** Test hook: switches the deblocking filter (on by default) for the following pictures. */
    void setDeblocking(boolean on) {
        frameEncoder.setDeblocking(on);
    }

    /** Test hook: switches the dropping of low-scoring inter levels (on by default). */
    void setDecimation(boolean on) {
        frameEncoder.setDecimation(on);
    }

    /**
     * Macroblock counts of the last picture: intra, P_L0_16x16, fractional-vector P_L0_16x16, P_Skip,
     * P_L0_L0_16x8, P_L0_L0_8x16, P_8x8.
     */
    int[] lastMbStats() {
        return new int[] {
            frameEncoder.lastIntraMbs,
            frameEncoder.lastInterMbs,
            frameEncoder.lastFractionalMvs,
            frameEncoder.lastSkipMbs,
            frameEncoder.last16x8Mbs,
            frameEncoder.last8x16Mbs,
            frameEncoder.last8x8Mbs
        };
    }

    /** QP of the last encoded picture. */
    public int lastQp() {
        return lastQp;
    }

    @Override
    public EncodedFrame encode(YuvFrame frame) {
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        if (frame.width() != config.width() || frame.height() != config.height()) {
            throw new IllegalArgumentException("frame " + frame.width() + "x" + frame.height() + " but encoder is "
                    + config.width() + "x" + config.height());
        }
        loadSource(frame);
        boolean idr = forceKey || frameIndex == 0 || framesSinceIdr >= config.gop();
        forceKey = false;
        if (idr) {
            framesSinceIdr = 0;
            frameNum = 0;
        }
        int qp = rc.pictureQp(idr);
        encodePicture(idr, qp);
        if (frameIndex == 0) {
            int retry = rc.firstPictureRetryQp(qp, sliceBytes() * 8L);
            if (retry >= 0) {
                qp = retry;
                encodePicture(idr, qp);
            }
        }
        lastQp = qp;
        nals.reset();
        if (idr) {
            nals.add(3, NAL_SPS, spsRbsp, spsRbsp.length);
            nals.add(3, NAL_PPS, ppsRbsp, ppsRbsp.length);
            idrCount++;
        }
        for (BitWriter bw : sliceBits) {
            nals.add(idr ? 3 : 2, idr ? NAL_IDR : NAL_SLICE, bw.buffer(), bw.size());
        }
        byte[] out = nals.toByteArray();
        rc.update(idr, qp, out.length * 8L);
        frameIndex++;
        framesSinceIdr++;
        frameNum = (frameNum + 1) & ((1 << ParamSets.LOG2_MAX_FRAME_NUM) - 1);
        return new EncodedFrame(out, idr);
    }

    private void encodePicture(boolean idr, int qp) {
        for (BitWriter bw : sliceBits) {
            bw.reset();
        }
        frameEncoder.encode(sliceBits, slices, idr, frameNum, idrCount & 0xffff, qp, pool);
    }

    private long sliceBytes() {
        long n = 0;
        for (BitWriter bw : sliceBits) {
            n += bw.size();
        }
        return n;
    }

    /** Slices per picture (see the class comment). */
    public int slices() {
        return slices;
    }

    private void loadSource(YuvFrame f) {
        Picture p = frameEncoder.source();
        copyPlane(f.y(), f.yStride(), f.width(), f.height(), p.y, p.originY, p.strideY, p.width, p.height);
        int cw = f.chromaWidth();
        int ch = f.chromaHeight();
        copyPlane(f.u(), f.uStride(), cw, ch, p.u, p.originC, p.strideC, p.width / 2, p.height / 2);
        copyPlane(f.v(), f.vStride(), cw, ch, p.v, p.originC, p.strideC, p.width / 2, p.height / 2);
    }

    private static void copyPlane(byte[] s, int ss, int w, int h, byte[] d, int dOrigin, int ds, int dw, int dh) {
        for (int j = 0; j < dh; j++) {
            int sr = (j < h ? j : h - 1) * ss;
            int dr = dOrigin + j * ds;
            System.arraycopy(s, sr, d, dr, w);
            if (dw > w) {
                java.util.Arrays.fill(d, dr + w, dr + dw, s[sr + w - 1]);
            }
        }
    }

    /** The decoder's output for the last picture (coded size, before display of odd sizes). */
    YuvFrame reconstruction() {
        Picture p = frameEncoder.reconstruction();
        int w = geometry.codedWidth();
        int h = geometry.codedHeight();
        YuvFrame f = YuvFrame.allocate(w, h);
        for (int j = 0; j < h; j++) {
            System.arraycopy(p.y, p.originY + j * p.strideY, f.y(), j * w, w);
        }
        for (int j = 0; j < h / 2; j++) {
            System.arraycopy(p.u, p.originC + j * p.strideC, f.u(), j * (w / 2), w / 2);
            System.arraycopy(p.v, p.originC + j * p.strideC, f.v(), j * (w / 2), w / 2);
        }
        return f;
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null && !pool.isShutdown()) {
            pool.shutdownNow();
            try {
                // idle workers end at once; bounded so that close never hangs
                pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
