package dev.liveloom.mixer;

import dev.liveloom.mixer.audio.internal.PolyphaseResampler;

/**
 * Streaming sample-rate and channel-layout conversion of interleaved PCM (windowed-sinc polyphase:
 * passband flat within 0.1 dB to 0.9 of the lower Nyquist frequency; when downsampling, input above
 * the output Nyquist frequency comes out attenuated by more than 90 dB, and when upsampling, nothing
 * above the input Nyquist frequency is created above -90 dB). State carries across calls, so feeding a
 * signal in chunks gives exactly the output of feeding it at once. Mono to stereo duplicates, stereo
 * to mono averages. Not thread-safe.
 *
 * <p>Output sample {@code n} is the input signal at time {@code n * inputRate / outputRate}: there
 * is no delay to compensate, but output is produced in blocks of up to about 160 samples, so the last
 * block of a call (and the filter's reach beyond it) waits for more input (or {@link #flush}).
 */
public interface Resampler {

    static Resampler create(ResamplerConfig config) {
        return new PolyphaseResampler(config);
    }

    ResamplerConfig config();

    /** Output frames one call with {@code inputFrames} input frames (or a flush) can produce at most. */
    int maxOutputFrames(int inputFrames);

    /**
     * Converts {@code inFrames} interleaved frames from {@code in[inOffset]} into {@code out[outOffset]},
     * which must have room for {@link #maxOutputFrames}(inFrames) frames; returns the frames written.
     */
    int process(float[] in, int inOffset, int inFrames, float[] out, int outOffset);

    /** As {@link #process(float[], int, int, float[], int)} for 16-bit PCM (saturating). */
    int process(short[] in, int inOffset, int inFrames, short[] out, int outOffset);

    /** Ends the stream: writes the remaining output frames (input padded with silence) and resets. */
    int flush(float[] out, int outOffset);

    /** Forgets all input; the next call starts a new stream. */
    void reset();
}
