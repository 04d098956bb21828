package dev.liveloom.rtmp.message;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Abort Message (type 2): drop the partly received message on a chunk stream. */
public final class Abort {
    private static final String LAYER = "rtmp Abort";
    private static final int LENGTH = 4;

    private final long chunkStreamId;

    /** @param chunkStreamId the wire field is an unsigned 32-bit value; valid ids are 2..65599 */
    public Abort(long chunkStreamId) {
        ControlPayloads.requireU32("chunk stream id", chunkStreamId);
        this.chunkStreamId = chunkStreamId;
    }

    public long chunkStreamId() {
        return chunkStreamId;
    }

    public static Abort read(ByteBuffer payload) throws MediaParseException {
        ControlPayloads.requireLength(LAYER, payload, LENGTH);
        return new Abort(ControlPayloads.u32(payload, 0));
    }

    public void write(ByteBuffer out) {
        out.putInt((int) chunkStreamId);
    }

    public RtmpMessage toMessage() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        write(b);
        return ControlPayloads.message(MessageTypes.ABORT, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Abort a && a.chunkStreamId == chunkStreamId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(chunkStreamId);
    }

    @Override
    public String toString() {
        return "Abort{csid=" + chunkStreamId + "}";
    }
}
