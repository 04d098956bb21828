package dev.liveloom.rtmp.chunk;

/** Constants of the chunk header layout (RTMP specification 1.0, section 5.3.1). */
final class ChunkHeaders {
    private ChunkHeaders() {}

    static final int FMT_FULL = 0;
    static final int FMT_SAME_STREAM = 1;
    static final int FMT_TIMESTAMP_ONLY = 2;
    static final int FMT_CONTINUATION = 3;

    /** Message header length by fmt: 11, 7, 3, 0 bytes. */
    static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};

    /** A 24-bit timestamp field of 0xFFFFFF means a 4-byte extended timestamp follows. */
    static final int EXTENDED_TIMESTAMP_MARKER = 0xFF_FFFF;

    static final int EXTENDED_TIMESTAMP_LENGTH = 4;

    /** 3-byte basic header + 11-byte message header + 4-byte extended timestamp. */
    static final int MAX_HEADER_LENGTH = 18;

    /** Basic header length for a chunk stream id: 1 byte for 2..63, 2 for 64..319, 3 above. */
    static int basicHeaderLength(int chunkStreamId) {
        if (chunkStreamId < 64) {
            return 1;
        }
        return chunkStreamId < 320 ? 2 : 3;
    }
}
