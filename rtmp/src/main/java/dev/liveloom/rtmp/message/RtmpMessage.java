package dev.liveloom.rtmp.message;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One RTMP message as the chunk layer delivers or takes it: the chunk stream it travels on, its type
 * id, message stream id, timestamp and payload.
 *
 * <p>The timestamp is the wire value: unsigned 32-bit milliseconds that wrap after about 49.7 days.
 * The session layer turns it into microseconds and unwraps it; this layer keeps the wire value so
 * that encode(decode(x)) gives back x.
 *
 * <p>The payload is a read-only view; a decoder hands out a buffer it never writes again.
 */
public final class RtmpMessage {
    /** The largest timestamp the wire can carry (unsigned 32 bits). */
    public static final long MAX_TIMESTAMP_MS = 0xFFFF_FFFFL;

    /** The smallest and largest chunk stream ids the basic header can carry (0 and 1 are escapes). */
    public static final int MIN_CHUNK_STREAM_ID = 2;

    public static final int MAX_CHUNK_STREAM_ID = 65599;

    /** The message length field has 24 bits. */
    public static final int MAX_PAYLOAD_LENGTH = 0xFF_FFFF;

    private final int chunkStreamId;
    private final int typeId;
    private final int streamId;
    private final long timestampMs;
    private final ByteBuffer payload;

    /**
     * @param chunkStreamId 2..65599
     * @param typeId 0..255
     * @param streamId message stream id (the wire field is 32 bits, little-endian)
     * @param timestampMs 0..{@link #MAX_TIMESTAMP_MS}
     * @param payload the body, at most {@link #MAX_PAYLOAD_LENGTH} bytes; kept as a read-only view
     */
    public RtmpMessage(int chunkStreamId, int typeId, int streamId, long timestampMs, ByteBuffer payload) {
        if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream id " + chunkStreamId + " outside 2..65599");
        }
        if (typeId < 0 || typeId > 255) {
            throw new IllegalArgumentException("message type id " + typeId + " outside 0..255");
        }
        if (timestampMs < 0 || timestampMs > MAX_TIMESTAMP_MS) {
            throw new IllegalArgumentException("timestamp " + timestampMs + " ms outside 0..2^32-1");
        }
        Objects.requireNonNull(payload, "payload");
        if (payload.remaining() > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException(
                    "payload of " + payload.remaining() + " bytes exceeds the 24-bit message length");
        }
        this.chunkStreamId = chunkStreamId;
        this.typeId = typeId;
        this.streamId = streamId;
        this.timestampMs = timestampMs;
        this.payload = payload.slice().asReadOnlyBuffer();
    }

    public static RtmpMessage of(int chunkStreamId, int typeId, int streamId, long timestampMs, byte[] payload) {
        return new RtmpMessage(chunkStreamId, typeId, streamId, timestampMs, ByteBuffer.wrap(payload));
    }

    public int chunkStreamId() {
        return chunkStreamId;
    }

    public int typeId() {
        return typeId;
    }

    public int streamId() {
        return streamId;
    }

    public long timestampMs() {
        return timestampMs;
    }

    /** A fresh read-only view of the payload (position 0, limit = length). */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    public int length() {
        return payload.remaining();
    }

    /** The payload copied into a new array. */
    public byte[] payloadBytes() {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtmpMessage m
                && m.chunkStreamId == chunkStreamId
                && m.typeId == typeId
                && m.streamId == streamId
                && m.timestampMs == timestampMs
                && m.payload.equals(payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkStreamId, typeId, streamId, timestampMs, payload);
    }

    @Override
    public String toString() {
        return "RtmpMessage{csid=" + chunkStreamId + ", type=" + MessageTypes.name(typeId) + ", stream=" + streamId
                + ", ts=" + timestampMs + "ms, length=" + payload.remaining() + "}";
    }
}
