package dev.liveloom.rtmp.chunk;

import static dev.liveloom.rtmp.chunk.ChunkHeaders.EXTENDED_TIMESTAMP_MARKER;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.FMT_CONTINUATION;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.FMT_FULL;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.FMT_SAME_STREAM;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.FMT_TIMESTAMP_ONLY;

import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits messages into chunks (RTMP specification 1.0, section 5.3), choosing per chunk stream the
 * shortest header the previous message allows: type 0 for the first message, a new message stream or
 * a timestamp going backwards; type 1 when length or type changed; type 2 when only the timestamp
 * delta changed or no delta was sent yet; type 3 when everything including a sent delta repeats
 * (never right after a type 0, whose meaning for a following type 3 differs between peers).
 *
 * <p>Writing a Set Chunk Size message (type 1 on message stream 0) switches this encoder to the new
 * size after the message, as the peer will read the following chunks with it. Not thread-safe.
 */
public final class ChunkEncoder {
    private static final int DIRECT_IDS = 320;

    private final ChunkStreamState[] direct = new ChunkStreamState[DIRECT_IDS];
    private final Map<Integer, ChunkStreamState> others = new HashMap<>();
    private int chunkSize = SetChunkSize.DEFAULT_CHUNK_SIZE;

    public int chunkSize() {
        return chunkSize;
    }

    /** Uses {@code chunkSize} for the following messages (the peer must have been told). */
    public void setChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " outside 1..2^31-1");
        }
        this.chunkSize = chunkSize;
    }

    /** The most bytes {@link #encode} writes for a payload of this length at the current chunk size. */
    public int maxEncodedLength(int payloadLength) {
        int chunks = payloadLength == 0 ? 1 : (int) (((long) payloadLength + chunkSize - 1) / chunkSize);
        // the first header is at most 18 bytes, each continuation at most 3 + 4
        return payloadLength + ChunkHeaders.MAX_HEADER_LENGTH + (chunks - 1) * 7;
    }

    /**
     * Writes {@code message} as chunks into {@code out}, which must have {@link #maxEncodedLength}
     * bytes remaining.
     *
     * @throws IllegalArgumentException if {@code out} is too small (nothing is written then)
     */
    public void encode(RtmpMessage message, ByteBuffer out) {
        int length = message.length();
        if (out.remaining() < maxEncodedLength(length)) {
            throw new IllegalArgumentException("output has " + out.remaining() + " bytes, needs up to "
                    + maxEncodedLength(length) + " for " + message);
        }
        int csid = message.chunkStreamId();
        ChunkStreamState s = stream(csid);
        long ts = message.timestampMs();
        int fmt;
        long field;
        if (!s.hasHeader || s.streamId != message.streamId() || ts < s.timestampMs) {
            fmt = FMT_FULL;
            field = ts;
        } else {
            field = ts - s.timestampMs;
            if (message.typeId() != s.typeId || length != s.length) {
                fmt = FMT_SAME_STREAM;
            } else if (field != s.timestampField || !s.deltaSent) {
                fmt = FMT_TIMESTAMP_ONLY;
            } else {
                fmt = FMT_CONTINUATION;
            }
        }
        boolean extended = fmt == FMT_CONTINUATION ? s.extended : field >= EXTENDED_TIMESTAMP_MARKER;
        writeBasicHeader(out, fmt, csid);
        if (fmt != FMT_CONTINUATION) {
            putU24(out, extended ? EXTENDED_TIMESTAMP_MARKER : (int) field);
            if (fmt <= FMT_SAME_STREAM) {
                putU24(out, length);
                out.put((byte) message.typeId());
            }
            if (fmt == FMT_FULL) {
                out.putInt(Integer.reverseBytes(message.streamId()));
            }
        }
        if (extended) {
            out.putInt((int) field);
        }
        s.hasHeader = true;
        s.streamId = message.streamId();
        s.typeId = message.typeId();
        s.length = length;
        s.timestampMs = ts;
        s.timestampField = field;
        s.extended = extended;
        s.deltaSent = fmt != FMT_FULL;

        byte[] head = message.head();
        ByteBuffer body = message.body();
        int size = chunkSize;
        int first = Math.min(size, length);
        putPayload(out, head, body, 0, first);
        for (int at = first; at < length; at += size) {
            writeBasicHeader(out, FMT_CONTINUATION, csid);
            if (extended) {
                out.putInt((int) field);
            }
            putPayload(out, head, body, at, Math.min(length, at + size));
        }
        if (message.typeId() == MessageTypes.SET_CHUNK_SIZE
                && message.streamId() == MessageTypes.CONTROL_STREAM_ID
                && length == 4) {
            int next = message.payload().getInt(0);
            if (next >= 1) {
                chunkSize = next;
            }
        }
    }

    /**
     * Forgets what was last sent on chunk stream {@code csid}, so the next message on it gets a full
     * (type 0) header. Used when bytes encoded elsewhere went out on that chunk stream, and to encode
     * a message that depends on no earlier header (a server encodes a message once for all players).
     */
    public void forget(int csid) {
        ChunkStreamState s = csid < DIRECT_IDS ? direct[csid] : others.get(csid);
        if (s != null) {
            s.hasHeader = false;
        }
    }

    /** Encodes into a new exactly-sized array (for tests and simple callers). */
    public byte[] encode(RtmpMessage message) {
        ByteBuffer b = ByteBuffer.allocate(maxEncodedLength(message.length()));
        encode(message, b);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** Payload bytes {@code [from, to)}: from the head, then on from the body's position. */
    private static void putPayload(ByteBuffer out, byte[] head, ByteBuffer body, int from, int to) {
        if (from < head.length) {
            int n = Math.min(to, head.length) - from;
            out.put(head, from, n);
            from += n;
        }
        if (from < to) {
            body.limit(body.position() + (to - from));
            out.put(body);
        }
    }

    private ChunkStreamState stream(int csid) {
        ChunkStreamState s = csid < DIRECT_IDS ? direct[csid] : others.get(csid);
        if (s == null) {
            s = new ChunkStreamState(csid);
            if (csid < DIRECT_IDS) {
                direct[csid] = s;
            } else {
                others.put(csid, s);
            }
        }
        return s;
    }

    private static void writeBasicHeader(ByteBuffer out, int fmt, int csid) {
        int top = fmt << 6;
        if (csid < 64) {
            out.put((byte) (top | csid));
        } else if (csid < 320) {
            out.put((byte) top).put((byte) (csid - 64));
        } else {
            int v = csid - 64;
            out.put((byte) (top | 1)).put((byte) v).put((byte) (v >>> 8));
        }
    }

    private static void putU24(ByteBuffer out, int v) {
        out.put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
    }
}
