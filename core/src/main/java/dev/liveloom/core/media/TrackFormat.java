package dev.liveloom.core.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * The format of one track at one point in time: codec, its decoder configuration record and the
 * values parsed from it. Immutable. A codec-config change mid-stream is a new {@code TrackFormat};
 * sinks re-send sequence headers when {@link #sameConfig} says the config differs.
 *
 * <p>{@code codecConfig} is the record exactly as containers store it: an
 * AVCDecoderConfigurationRecord for H.264, an HEVCDecoderConfigurationRecord for H.265, an
 * AudioSpecificConfig for AAC. Video packets are length-prefixed with the NAL length size the record
 * declares.
 */
public final class TrackFormat {
    private final MediaType type;
    private final Codec codec;
    private final byte[] codecConfig;
    private final String profile;
    private final int level;
    private final int width;
    private final int height;
    private final int sampleRate;
    private final int channels;
    private final int nalLengthSize;

    private TrackFormat(Builder b) {
        this.codec = Objects.requireNonNull(b.codec, "codec");
        this.type = codec.type();
        this.codecConfig = b.codecConfig == null ? new byte[0] : b.codecConfig.clone();
        this.profile = b.profile;
        this.level = b.level;
        this.width = b.width;
        this.height = b.height;
        this.sampleRate = b.sampleRate;
        this.channels = b.channels;
        this.nalLengthSize = b.nalLengthSize;
    }

    public static Builder builder(Codec codec) {
        return new Builder().codec(codec);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.codec = codec;
        b.codecConfig = codecConfig;
        b.profile = profile;
        b.level = level;
        b.width = width;
        b.height = height;
        b.sampleRate = sampleRate;
        b.channels = channels;
        b.nalLengthSize = nalLengthSize;
        return b;
    }

    public MediaType type() {
        return type;
    }

    public Codec codec() {
        return codec;
    }

    /** A copy of the decoder configuration record (empty when none is known yet). */
    public byte[] codecConfig() {
        return codecConfig.clone();
    }

    public int codecConfigLength() {
        return codecConfig.length;
    }

    /** The profile name as ffprobe prints it ("High", "Main", "LC"), or null when unknown. */
    public String profile() {
        return profile;
    }

    /** Codec level (H.264 level_idc, H.265 general_level_idc), 0 when unknown. */
    public int level() {
        return level;
    }

    /** Display width in pixels for video, 0 otherwise or when unknown. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Output sample rate in Hz for audio, 0 otherwise. */
    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Bytes in each NAL length prefix of a video packet (1, 2 or 4); 0 for audio. */
    public int nalLengthSize() {
        return nalLengthSize;
    }

    /** True when both have the same codec and byte-identical configuration records. */
    public boolean sameConfig(TrackFormat other) {
        return other != null && codec == other.codec && Arrays.equals(codecConfig, other.codecConfig);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrackFormat)) {
            return false;
        }
        TrackFormat t = (TrackFormat) o;
        return codec == t.codec
                && Arrays.equals(codecConfig, t.codecConfig)
                && Objects.equals(profile, t.profile)
                && level == t.level
                && width == t.width
                && height == t.height
                && sampleRate == t.sampleRate
                && channels == t.channels
                && nalLengthSize == t.nalLengthSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, Arrays.hashCode(codecConfig), width, height, sampleRate, channels);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.id()).append(' ').append(codec.id());
        if (profile != null) {
            sb.append(" (").append(profile).append(')');
        }
        if (type == MediaType.VIDEO) {
            sb.append(' ').append(width).append('x').append(height);
        } else {
            sb.append(' ').append(sampleRate).append(" Hz ").append(channels).append(" ch");
        }
        return sb.toString();
    }

    /** Builds a {@link TrackFormat}. */
    public static final class Builder {
        private Codec codec;
        private byte[] codecConfig;
        private String profile;
        private int level;
        private int width;
        private int height;
        private int sampleRate;
        private int channels;
        private int nalLengthSize;

        private Builder() {}

        public Builder codec(Codec codec) {
            this.codec = codec;
            return this;
        }

        public Builder codecConfig(byte[] codecConfig) {
            this.codecConfig = codecConfig == null ? null : codecConfig.clone();
            return this;
        }

        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Builder level(int level) {
            this.level = level;
            return this;
        }

        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder sampleRate(int sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder nalLengthSize(int nalLengthSize) {
            this.nalLengthSize = nalLengthSize;
            return this;
        }

        public TrackFormat build() {
            return new TrackFormat(this);
        }
    }
}
