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

    private static final byte[] NO_HEAD = new byte[0];

    private final int chunkStreamId;
    private final int typeId;
    private final int streamId;
    private final long timestampMs;
    private final ByteBuffer payload;
    /** Bytes that come before {@link #payload} on the wire; usually empty. */
    private final byte[] head;

    /**
     * @param chunkStreamId 2..65599
     * @param typeId 0..255
     * @param streamId message stream id (the wire field is 32 bits, little-endian)
     * @param timestampMs 0..{@link #MAX_TIMESTAMP_MS}
     * @param payload the body, at most {@link #MAX_PAYLOAD_LENGTH} bytes; kept as a read-only view
     */
    public RtmpMessage(int chunkStreamId, int typeId, int streamId, long timestampMs, ByteBuffer payload) {
        this(chunkStreamId, typeId, streamId, timestampMs, NO_HEAD, payload);
    }

    /**
     * A message whose payload is {@code head} followed by {@code body}, kept apart so that a sender
     * writes a media frame behind its few tag-header bytes without first copying both into one array.
     */
    public RtmpMessage(int chunkStreamId, int typeId, int streamId, long timestampMs, byte[] head, ByteBuffer body) {
        ByteBuffer payload = body;
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
        if ((long) head.length + payload.remaining() > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload of " + ((long) head.length + payload.remaining())
                    + " bytes exceeds the 24-bit message length");
        }
        this.head = head;
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

    /**
     * A fresh read-only view of the payload (position 0, limit = length); a copy when the message
     * was built from a head and a body.
     */
    public ByteBuffer payload() {
        if (head.length == 0) {
            return payload.duplicate();
        }
        return ByteBuffer.wrap(payloadBytes()).asReadOnlyBuffer();
    }

    /** The bytes before {@link #body()}: empty unless built from a head and a body. Do not modify. */
    public byte[] head() {
        return head;
    }

    /** A fresh view of the payload after {@link #head()}. */
    public ByteBuffer body() {
        return payload.duplicate();
    }

    public int length() {
        return head.length + payload.remaining();
    }

    /** The payload copied into a new array. */
    public byte[] payloadBytes() {
        byte[] b = new byte[length()];
        System.arraycopy(head, 0, b, 0, head.length);
        payload.duplicate().get(b, head.length, payload.remaining());
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtmpMessage m
                && m.chunkStreamId == chunkStreamId
                && m.typeId == typeId
                && m.streamId == streamId
                && m.timestampMs == timestampMs
                && m.payload().equals(payload());
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkStreamId, typeId, streamId, timestampMs, payload());
    }

    @Override
    public String toString() {
        return "RtmpMessage{csid=" + chunkStreamId + ", type=" + MessageTypes.name(typeId) + ", stream=" + streamId
                + ", ts=" + timestampMs + "ms, length=" + length() + "}";
    }
}
