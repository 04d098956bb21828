package dev.liveloom.mixer;

/**
 * Immutable video encoder settings. Build with {@link #builder(int, int)}; every setter checks its
 * range and names the parameter when it refuses a value.
 */
public final class VideoEncoderConfig {
    /** H.264 profile requested for the output. */
    public enum Profile {
        BASELINE,
        MAIN,
        HIGH
    }

    /** Speed/quality trade-off, named as x264 names its presets. */
    public enum Preset {
        ULTRAFAST,
        SUPERFAST,
        VERYFAST,
        FASTER,
        FAST,
        MEDIUM,
        SLOW,
        SLOWER,
        VERYSLOW,
        PLACEBO
    }

    public static final int MIN_BITRATE_KBPS = 1;
    public static final int MAX_BITRATE_KBPS = 10_000;
    /** GOP length in frames: the MPU seed's VideoGop range. */
    public static final int MIN_GOP = 1;

    public static final int MAX_GOP = 60;
    public static final int MAX_FPS = 120;
    public static final int MAX_THREADS = 64;
    public static final int MAX_SLICES = 64;

    private final int width;
    private final int height;
    private final int fps;
    private final int bitrateKbps;
    private final int gop;
    private final Profile profile;
    private final Preset preset;
    private final int threads;
    private final int slices;
    private final int constantQp;

    private VideoEncoderConfig(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.fps = b.fps;
        this.bitrateKbps = b.bitrateKbps;
        this.gop = b.gop;
        this.profile = b.profile;
        this.preset = b.preset;
        this.threads = b.threads;
        this.slices = b.slices;
        this.constantQp = b.constantQp;
    }

    public static Builder builder(int width, int height) {
        return new Builder(width, height);
    }

    public Builder toBuilder() {
        Builder b = new Builder(width, height);
        b.fps = fps;
        b.bitrateKbps = bitrateKbps;
        b.gop = gop;
        b.profile = profile;
        b.preset = preset;
        b.threads = threads;
        b.slices = slices;
        b.constantQp = constantQp;
        return b;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int fps() {
        return fps;
    }

    public int bitrateKbps() {
        return bitrateKbps;
    }

    /** Keyframe interval in frames. */
    public int gop() {
        return gop;
    }

    public Profile profile() {
        return profile;
    }

    public Preset preset() {
        return preset;
    }

    public int threads() {
        return threads;
    }

    public int slices() {
        return slices;
    }

    /** Fixed QP 0..51 for every picture (rate control off), or -1 when rate control sets the QP. */
    public int constantQp() {
        return constantQp;
    }

    @Override
    public String toString() {
        return "VideoEncoderConfig{" + width + "x" + height + " " + fps + "fps " + bitrateKbps + "kbps gop=" + gop
                + " " + profile + " " + preset + " threads=" + threads + " slices=" + slices
                + (constantQp >= 0 ? " qp=" + constantQp : "") + "}";
    }

    public static final class Builder {
        private int width;
        private int height;
        private int fps = 30;
        private int bitrateKbps = 2500;
        private int gop = 60;
        private Profile profile = Profile.BASELINE;
        private Preset preset = Preset.ULTRAFAST;
        private int threads = 1;
        private int slices = 1;
        private int constantQp = -1;

        private Builder(int width, int height) {
            size(width, height);
        }

        public Builder size(int width, int height) {
            if (width < 1 || height < 1 || width > YuvFrame.MAX_DIMENSION || height > YuvFrame.MAX_DIMENSION) {
                throw new IllegalArgumentException(
                        "size " + width + "x" + height + " outside 1.." + YuvFrame.MAX_DIMENSION + " per side");
            }
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder fps(int fps) {
            this.fps = check("fps", fps, 1, MAX_FPS);
            return this;
        }

        public Builder bitrateKbps(int kbps) {
            this.bitrateKbps = check("bitrateKbps", kbps, MIN_BITRATE_KBPS, MAX_BITRATE_KBPS);
            return this;
        }

        public Builder gop(int frames) {
            this.gop = check("gop", frames, MIN_GOP, MAX_GOP);
            return this;
        }

        public Builder profile(Profile profile) {
            this.profile = java.util.Objects.requireNonNull(profile, "profile");
            return this;
        }

        public Builder preset(Preset preset) {
            this.preset = java.util.Objects.requireNonNull(preset, "preset");
            return this;
        }

        public Builder threads(int threads) {
            this.threads = check("threads", threads, 1, MAX_THREADS);
            return this;
        }

        public Builder slices(int slices) {
            this.slices = check("slices", slices, 1, MAX_SLICES);
            return this;
        }

        /** Fixed QP for every picture (turns rate control off); -1 turns rate control back on. */
        public Builder constantQp(int qp) {
            this.constantQp = qp == -1 ? -1 : check("constantQp", qp, 0, 51);
            return this;
        }

        public VideoEncoderConfig build() {
            return new VideoEncoderConfig(this);
        }

        private static int check(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " " + value + " outside " + min + ".." + max);
            }
            return value;
        }
    }
}
