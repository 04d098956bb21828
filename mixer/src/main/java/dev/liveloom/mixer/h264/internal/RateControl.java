package dev.liveloom.mixer.h264.internal;

import dev.liveloom.mixer.VideoEncoderConfig;

/**
 * Picture-level rate control for live streams. A constant QP when the configuration fixes one;
 * otherwise each picture type has a complexity model {@code bits = c * 2^(-qp / 6)} updated after
 * every picture, and the P-picture QP is the one whose predicted bits over a GOP (the IDR coded
 * {@link #I_QP_OFFSET} lower) match the per-frame budget corrected by the buffer error: the bits
 * spent beyond the budget so far are paid back over {@link #PAYBACK_SECONDS} (a 1 s buffer, sized
 * for live). QP moves at most {@link #MAX_STEP} per picture from the last P picture's QP.
 */
public final class RateControl {
    /** IDR pictures get this much lower QP than P pictures (about 1.4x the quantiser step). */
    public static final int I_QP_OFFSET = 3;

    static final double PAYBACK_SECONDS = 1.0;
    static final int MAX_STEP = 4;
    /** Below this QP extra bits buy no visible quality for live output. */
    static final int MIN_QP = 10;

    static final int MAX_QP = 51;

    private final int constantQp;
    private final double frameBudget; // bits per frame
    private final int gop;
    private final double paybackFrames;
    private double cI;
    private double cP;
    private boolean haveI;
    private boolean haveP;
    private double error; // bits spent minus bits budgeted so far
    private int lastQpI = -1;
    private int lastQpP = -1;

    public RateControl(VideoEncoderConfig config, int pixels) {
        this.constantQp = config.constantQp();
        this.frameBudget = config.bitrateKbps() * 1000.0 / config.fps();
        this.gop = config.gop();
        this.paybackFrames = Math.max(1, PAYBACK_SECONDS * config.fps());
        // priors for typical camera content at QP 26: 0.5 bit/pixel intra, 0.08 inter
        double at26 = Math.pow(2, 26 / 6.0);
        cI = 0.5 * pixels * at26;
        cP = 0.08 * pixels * at26;
    }

    /** QP for the next picture. */
    public int pictureQp(boolean idr) {
        if (constantQp >= 0) {
            return constantQp;
        }
        double target = frameBudget - error / paybackFrames;
        target = Math.max(target, frameBudget * 0.2);
        double sqrtOffset = Math.pow(2, I_QP_OFFSET / 6.0);
        double perGop = gop <= 1 ? cI : (cI * sqrtOffset + cP * (gop - 1)) / gop;
        double qpP = 6 * log2(perGop / target);
        int qp = (int) Math.round(idr && gop > 1 ? qpP - I_QP_OFFSET : qpP);
        // step limit against the last P picture (IDRs are too far apart to follow each other)
        int last = lastQpP >= 0 ? (idr && gop > 1 ? lastQpP - I_QP_OFFSET : lastQpP) : idr ? lastQpI : -1;
        if (last >= 0) {
            qp = Math.max(last - MAX_STEP, Math.min(last + MAX_STEP, qp));
        }
        return Math.max(MIN_QP, Math.min(MAX_QP, qp));
    }

    /**
     * For the very first picture, whose QP came from priors only: when its size is far from what the
     * model predicted, the QP to code it again with (the model now knows this content), else -1.
     */
    public int firstPictureRetryQp(int qp, long bits) {
        if (constantQp >= 0 || haveI || haveP) {
            return -1;
        }
        double predicted = cI * Math.pow(2, -qp / 6.0);
        if (bits < predicted * 2 && bits > predicted / 2) {
            return -1;
        }
        double c = bits * Math.pow(2, qp / 6.0);
        cP *= c / cI;
        cI = c;
        int retry = pictureQp(true);
        return retry == qp ? -1 : retry;
    }

    /** Records the size of the picture just coded with {@code qp}. */
    public void update(boolean idr, int qp, long bits) {
        if (constantQp >= 0) {
            return;
        }
        error += bits - frameBudget;
        double c = bits * Math.pow(2, qp / 6.0);
        if (idr) {
            if (!haveP) {
                cP *= c / cI; // scale the inter prior by how the intra prior fared
            }
            cI = haveI ? 0.5 * cI + 0.5 * c : c;
            haveI = true;
            lastQpI = qp;
        } else {
            cP = haveP ? 0.5 * cP + 0.5 * c : c;
            haveP = true;
            lastQpP = qp;
        }
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
