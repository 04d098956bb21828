package dev.liveloom.mixer;

import java.util.Objects;

/**
 * Immutable settings of an {@link AudioEncoder}: sample rate, channel count and target bitrate. AAC-LC
 * allows at most 6144 bits per channel in a frame of 1024 samples, so the encoder caps the bitrate at
 * a little below {@code 6 * sampleRate * channels} bits per second (about 96 kbps for 8 kHz stereo,
 * 528 kbps for 44.1 kHz stereo).
 */
public final class AudioEncoderConfig {
    /** Sample rates the AAC-LC encoder accepts (those with an AAC sampling frequency index, 8 to 48 kHz). */
    private static final int[] RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};

    public static final int MIN_BITRATE_KBPS = 8;
    public static final int MAX_BITRATE_KBPS = 500;

    private final int sampleRate;
    private final int channels;
    private final int bitrateKbps;

    private AudioEncoderConfig(Builder b) {
        this.sampleRate = b.sampleRate;
        this.channels = b.channels;
        this.bitrateKbps = b.bitrateKbps;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().sampleRate(sampleRate).channels(channels).bitrateKbps(bitrateKbps);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    public int bitrateKbps() {
        return bitrateKbps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioEncoderConfig c
                && c.sampleRate == sampleRate
                && c.channels == channels
                && c.bitrateKbps == bitrateKbps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, channels, bitrateKbps);
    }

    @Override
    public String toString() {
        return "AudioEncoderConfig{" + sampleRate + " Hz, " + channels + " ch, " + bitrateKbps + " kbps}";
    }

    public static final class Builder {
        private int sampleRate = 44100;
        private int channels = 2;
        private int bitrateKbps = 128;

        private Builder() {}

        public Builder sampleRate(int hz) {
            this.sampleRate = hz;
            return this;
        }

        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder bitrateKbps(int kbps) {
            this.bitrateKbps = kbps;
            return this;
        }

        /** Checks the ranges and builds; the message names the offending value and what was allowed. */
        public AudioEncoderConfig build() {
            boolean rateOk = false;
            for (int r : RATES) {
                rateOk |= r == sampleRate;
            }
            if (!rateOk) {
                throw new IllegalArgumentException("sample rate " + sampleRate
                        + " Hz not supported: allowed 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000");
            }
            if (channels < 1 || channels > 2) {
                throw new IllegalArgumentException("channels " + channels + " not supported: allowed 1..2");
            }
            if (bitrateKbps < MIN_BITRATE_KBPS || bitrateKbps > MAX_BITRATE_KBPS) {
                throw new IllegalArgumentException(
                        "bitrate " + bitrateKbps + " kbps out of range " + MIN_BITRATE_KBPS + ".." + MAX_BITRATE_KBPS);
            }
            return new AudioEncoderConfig(this);
        }
    }
}
