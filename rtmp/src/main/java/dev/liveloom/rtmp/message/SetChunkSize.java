package dev.liveloom.rtmp.message;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Set Chunk Size (type 1): the largest chunk body the sender will use from now on. */
public final class SetChunkSize {
    /** The specification allows 1..2^31-1 (the top bit must be zero). */
    public static final int MAX_CHUNK_SIZE = 0x7FFF_FFFF;

    /** Every RTMP connection starts with 128-byte chunks in both directions. */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    static final String LAYER = "rtmp SetChunkSize";
    private static final int LENGTH = 4;

    private final int chunkSize;

    public SetChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " outside 1..2^31-1");
        }
        this.chunkSize = chunkSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** Reads the 4-byte payload; the position of {@code payload} is not changed. */
    public static SetChunkSize read(ByteBuffer payload) throws MediaParseException {
        ControlPayloads.requireLength(LAYER, payload, LENGTH);
        long v = ControlPayloads.u32(payload, 0);
        if (v > MAX_CHUNK_SIZE) {
            throw MediaParseException.malformed(LAYER, 0, "chunk size " + v + " has the reserved top bit set");
        }
        if (v == 0) {
            throw MediaParseException.malformed(LAYER, 0, "chunk size 0");
        }
        return new SetChunkSize((int) v);
    }

    public void write(ByteBuffer out) {
        out.putInt(chunkSize);
    }

    public RtmpMessage toMessage() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        write(b);
        return ControlPayloads.message(MessageTypes.SET_CHUNK_SIZE, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetChunkSize s && s.chunkSize == chunkSize;
    }

    @Override
    public int hashCode() {
        return chunkSize;
    }

    @Override
    public String toString() {
        return "SetChunkSize{" + chunkSize + "}";
    }
}
