package dev.liveloom.mixer;

/**
 * Encodes raw pictures into compressed access units, one output per input (no frame reordering, so
 * decode order is presentation order). Not thread-safe: one caller thread at a time.
 */
public interface VideoEncoder extends AutoCloseable {
    /**
     * Encodes one picture, which must have the configured width and height.
     *
     * @throws IllegalArgumentException when the frame size differs from the configuration
     * @throws IllegalStateException when the encoder is closed
     */
    EncodedFrame encode(YuvFrame frame);

    /**
     * The decoder configuration record (for H.264 the avcC: profile, level, 4-byte NAL lengths, one
     * SPS and one PPS) that every access unit of this encoder refers to.
     */
    byte[] codecConfig();

    /** Makes the next encoded picture a keyframe (IDR) regardless of the GOP position. */
    void forceKeyframe();

    /** Releases the encoder; safe to call twice. */
    @Override
    void close();
}
