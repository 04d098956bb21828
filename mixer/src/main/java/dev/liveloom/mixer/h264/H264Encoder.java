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
 * pictures with Intra16x16/Intra4x4 macroblocks and P pictures with P_L0_16x16/P_Skip and
 * quarter-sample motion, one reference frame, no B frames (output order is input order), and the
 * in-loop deblocking filter. BASELINE produces Constrained Baseline with CAVLC; MAIN (profile_idc
 * 77) and HIGH (profile_idc 100, without the 8x8 transform) code the same macroblock decisions with
 * CABAC. Odd widths/heights are coded one sample larger (4:2:0 frame
 * cropping works in pairs of samples), the extra column/row repeating the last one.
 *
 * <p>Encoding runs on the calling thread; {@code threads} is not used yet. {@code slices} above 1
 * is refused.
 */
public final class H264Encoder implements VideoEncoder {
    private static final int NAL_SLICE = 1;
    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private final VideoEncoderConfig config;
    private final ParamSets.Geometry geometry;
    private final FrameEncoder frameEncoder;
    private final BitWriter bw;
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

    public H264Encoder(VideoEncoderConfig config) {
        if (config.slices() != 1) {
            throw new IllegalArgumentException("slices " + config.slices() + " not supported yet, only 1");
        }
        this.config = config;
        this.geometry = new ParamSets.Geometry(config.width(), config.height(), config.fps(), config.bitrateKbps());
        boolean cabac = config.profile() != VideoEncoderConfig.Profile.BASELINE;
        this.frameEncoder = new FrameEncoder(
                geometry.widthMbs(),
                geometry.heightMbs(),
                config.preset() != VideoEncoderConfig.Preset.ULTRAFAST,
                cabac);
        this.bw = new BitWriter(geometry.widthMbs() * geometry.heightMbs() * 64);
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

    /** Macroblock counts of the last picture: intra, P_L0_16x16, fractional-vector P_L0_16x16, P_Skip. */
    int[] lastMbStats() {
        return new int[] {
            frameEncoder.lastIntraMbs,
            frameEncoder.lastInterMbs,
            frameEncoder.lastFractionalMvs,
            frameEncoder.lastSkipMbs
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
        bw.reset();
        frameEncoder.encode(bw, idr, frameNum, idrCount & 0xffff, qp);
        if (frameIndex == 0) {
            int retry = rc.firstPictureRetryQp(qp, bw.size() * 8L);
            if (retry >= 0) {
                qp = retry;
                bw.reset();
                frameEncoder.encode(bw, idr, frameNum, idrCount & 0xffff, qp);
            }
        }
        lastQp = qp;
        nals.reset();
        if (idr) {
            nals.add(3, NAL_SPS, spsRbsp, spsRbsp.length);
            nals.add(3, NAL_PPS, ppsRbsp, ppsRbsp.length);
            idrCount++;
        }
        nals.add(idr ? 3 : 2, idr ? NAL_IDR : NAL_SLICE, bw.buffer(), bw.size());
        byte[] out = nals.toByteArray();
        rc.update(idr, qp, out.length * 8L);
        frameIndex++;
        framesSinceIdr++;
        frameNum = (frameNum + 1) & ((1 << ParamSets.LOG2_MAX_FRAME_NUM) - 1);
        return new EncodedFrame(out, idr);
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
    }
}
