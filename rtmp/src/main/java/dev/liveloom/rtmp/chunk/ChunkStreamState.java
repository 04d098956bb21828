package dev.liveloom.rtmp.chunk;

/**
 * What one chunk stream remembers between chunks, on either side: the last message header (for
 * header compression) and, while receiving, the message being reassembled.
 */
final class ChunkStreamState {
    final int chunkStreamId;

    /** True once a type-0 header has been seen or sent on this chunk stream. */
    boolean hasHeader;

    int streamId;
    int typeId;
    int length;
    /** Timestamp of the last message started on this chunk stream (unsigned 32 bits). */
    long timestampMs;
    /**
     * The last timestamp field written in a type 0/1/2 header: the absolute timestamp after type 0,
     * the delta after types 1 and 2. A type-3 header that starts a new message adds it again.
     */
    long timestampField;
    /**
     * Sending side: whether the last header carried a delta (type 1/2/3). Decoders disagree on what
     * a type-3 new message means right after a type 0 (ffmpeg adds the absolute timestamp again,
     * nginx-rtmp adds nothing), so the encoder only repeats a delta it has actually sent.
     */
    boolean deltaSent;

    /** Whether the last type 0/1/2 header used an extended timestamp; type-3 chunks then repeat it. */
    boolean extended;

    // receiving side: the message being reassembled
    byte[] buffer;
    int received;
    boolean inProgress;

    ChunkStreamState(int chunkStreamId) {
        this.chunkStreamId = chunkStreamId;
    }

    void discardPartial() {
        buffer = null;
        received = 0;
        inProgress = false;
    }
}
