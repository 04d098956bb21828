package dev.liveloom.mixer;

import java.util.Objects;

/** Immutable settings of a {@link Resampler}: input and output sample rates and channel counts. */
public final class ResamplerConfig {
    /** Rates the resampler is specified and tested for; any pair of them may be converted. */
    private static final int[] RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};

    private final int inputRate;
    private final int outputRate;
    private final int inputChannels;
    private final int outputChannels;

    private ResamplerConfig(Builder b) {
        inputRate = b.inputRate;
        outputRate = b.outputRate;
        inputChannels = b.inputChannels;
        outputChannels = b.outputChannels;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .inputRate(inputRate)
                .outputRate(outputRate)
                .inputChannels(inputChannels)
                .outputChannels(outputChannels);
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    public int inputChannels() {
        return inputChannels;
    }

    public int outputChannels() {
        return outputChannels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResamplerConfig c
                && c.inputRate == inputRate
                && c.outputRate == outputRate
                && c.inputChannels == inputChannels
                && c.outputChannels == outputChannels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputRate, outputRate, inputChannels, outputChannels);
    }

    @Override
    public String toString() {
        return "ResamplerConfig{" + inputRate + " Hz x" + inputChannels + " -> " + outputRate + " Hz x" + outputChannels
                + "}";
    }

    public static final class Builder {
        private int inputRate = 48000;
        private int outputRate = 44100;
        private int inputChannels = 2;
        private int outputChannels = 2;

        private Builder() {}

        public Builder inputRate(int hz) {
            inputRate = hz;
            return this;
        }

        public Builder outputRate(int hz) {
            outputRate = hz;
            return this;
        }

        public Builder inputChannels(int n) {
            inputChannels = n;
            return this;
        }

        public Builder outputChannels(int n) {
            outputChannels = n;
            return this;
        }

        public ResamplerConfig build() {
            checkRate("input", inputRate);
            checkRate("output", outputRate);
            checkChannels("input", inputChannels);
            checkChannels("output", outputChannels);
            return new ResamplerConfig(this);
        }

        private static void checkRate(String which, int rate) {
            for (int r : RATES) {
                if (r == rate) {
                    return;
                }
            }
            throw new IllegalArgumentException(which + " rate " + rate
                    + " Hz not supported: allowed 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000");
        }

        private static void checkChannels(String which, int n) {
            if (n < 1 || n > 2) {
                throw new IllegalArgumentException(which + " channels " + n + " not supported: allowed 1..2");
            }
        }
    }
}
