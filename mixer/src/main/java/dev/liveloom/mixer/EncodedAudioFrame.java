package dev.liveloom.mixer;

/**
 * One raw AAC frame (a raw_data_block, no ADTS header) of 1024 samples per channel.
 *
 * @param data the frame bytes, owned by the receiver
 * @param ptsUs presentation time of the frame's first decoded sample, relative to the first input
 *     sample; the first frame carries the encoder delay and is negative
 * @param durationUs 1024 samples in microseconds
 */
public record EncodedAudioFrame(byte[] data, long ptsUs, long durationUs) {}
