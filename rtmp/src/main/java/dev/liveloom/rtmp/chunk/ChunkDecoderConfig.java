package dev.liveloom.rtmp.chunk;

/**
 * Limits of a {@link ChunkDecoder}. The defaults suit live audio/video from encoders and servers;
 * every limit exists because the value comes from the peer.
 *
 * @param maxChunkSize the largest Set Chunk Size accepted from the peer
 * @param maxMessageLength the longest message accepted (the wire allows 2^24-1)
 * @param maxChunkStreams how many chunk streams the peer may open
 */
public record ChunkDecoderConfig(int maxChunkSize, int maxMessageLength, int maxChunkStreams) {
    /**
     * A chunk never carries more than one message and a message has at most 2^24-1 bytes, so a chunk
     * size above 2^24 buys the peer nothing; asking for more (up to the 2^31-1 the specification
     * allows) only signals a broken or hostile peer.
     */
    public static final int DEFAULT_MAX_CHUNK_SIZE = 1 << 24;

    /**
     * 8 MiB holds a keyframe of 4K video at very high bitrates several times over; larger messages
     * on a live connection mean a broken peer, and each one is buffered whole before delivery.
     */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 8 << 20;

    /**
     * Encoders and servers use a handful of chunk streams (control, command, audio, video, data);
     * 64 leaves room for many streams on one connection while bounding per-stream state.
     */
    public static final int DEFAULT_MAX_CHUNK_STREAMS = 64;

    public static final ChunkDecoderConfig DEFAULTS =
            new ChunkDecoderConfig(DEFAULT_MAX_CHUNK_SIZE, DEFAULT_MAX_MESSAGE_LENGTH, DEFAULT_MAX_CHUNK_STREAMS);

    public ChunkDecoderConfig {
        if (maxChunkSize < 1) {
            throw new IllegalArgumentException("maxChunkSize " + maxChunkSize + " must be at least 1");
        }
        if (maxMessageLength < 0 || maxMessageLength > 0xFF_FFFF) {
            throw new IllegalArgumentException("maxMessageLength " + maxMessageLength + " outside 0..2^24-1");
        }
        if (maxChunkStreams < 1 || maxChunkStreams > 65598) {
            throw new IllegalArgumentException("maxChunkStreams " + maxChunkStreams + " outside 1..65598");
        }
    }
}
