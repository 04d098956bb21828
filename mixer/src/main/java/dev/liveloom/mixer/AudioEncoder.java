package dev.liveloom.mixer;

import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.mixer.aac.internal.AacLcEncoder;

/**
 * A streaming audio encoder: feed interleaved PCM of any length, take finished frames with {@link
 * #poll()}. Not thread-safe; one thread drives one encoder.
 *
 * <p>Frame {@code k} decodes to input samples {@code [(k - 1) * 1024, k * 1024)}: the first frame is
 * the encoder's priming delay ({@link #delaySamples()}) and has a negative pts; frames come out one
 * frame later than their input because block switching looks one frame ahead.
 */
public interface AudioEncoder extends AutoCloseable {

    /** An AAC-LC encoder for {@code config}. */
    static AudioEncoder aacLc(AudioEncoderConfig config) {
        return new AacLcEncoder(config);
    }

    AudioEncoderConfig config();

    /** The AudioSpecificConfig (object type 2) describing the frames. */
    byte[] audioSpecificConfig();

    /** The output track's format (codec, AudioSpecificConfig, profile, rate, channels) for MediaPackets. */
    TrackFormat trackFormat();

    /** Samples per channel the output lags the input (1024 for AAC-LC). */
    int delaySamples();

    /** Encodes {@code frames} sample frames of interleaved 16-bit PCM starting at {@code pcm[offset]}. */
    void encode(short[] pcm, int offset, int frames);

    /** Encodes {@code frames} sample frames of interleaved float PCM (full scale +/-1.0). */
    void encode(float[] pcm, int offset, int frames);

    /** The next finished frame, or null when none is ready. */
    EncodedAudioFrame poll();

    /**
     * Ends the stream: pads the input with silence and finishes every frame needed to decode all input
     * (then poll them). Encoding after a flush throws IllegalStateException; flushing twice does nothing.
     */
    void flush();

    /** Releases the encoder; safe to call twice. Encoding after close throws IllegalStateException. */
    @Override
    void close();
}
