package dev.liveloom.rtmp.chunk;

import static dev.liveloom.rtmp.chunk.ChunkHeaders.EXTENDED_TIMESTAMP_LENGTH;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.EXTENDED_TIMESTAMP_MARKER;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.FMT_CONTINUATION;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.FMT_FULL;
import static dev.liveloom.rtmp.chunk.ChunkHeaders.MESSAGE_HEADER_LENGTH;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.message.Abort;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles RTMP messages from the chunk stream a peer sends (RTMP specification 1.0, section
 * 5.3). Incremental and pure: {@link #decode} takes whatever bytes arrived, keeps partial headers and
 * messages, and hands every completed message to a consumer. It applies the peer's Set Chunk Size and
 * Abort messages itself (they change how the following chunks are read) and still passes them on.
 *
 * <p>Memory is bounded by the limits of {@link ChunkDecoderConfig}: a message longer than the
 * maximum is refused when its header arrives, before anything is allocated, and a message buffer is
 * never larger than the bytes received for it plus {@link #ALLOCATION_STEP}.
 *
 * <p>A type-3 chunk that starts a new message adds the previous header's timestamp field again: the
 * delta after type 1/2, the absolute timestamp after type 0 (as ffmpeg reads and writes it; the
 * specification leaves the second case open and {@link ChunkEncoder} never produces it).
 *
 * <p>After a failure the decoder stays failed and refuses further input. Not thread-safe.
 */
public final class ChunkDecoder {
    static final String LAYER = "rtmp chunk";

    /**
     * How far a message buffer may run ahead of the bytes received for it: the first allocation and
     * each growth step are at most this large, so a peer that announces a long message and sends
     * little costs little. 64 KiB covers most audio/video messages in one allocation.
     */
    public static final int ALLOCATION_STEP = 64 * 1024;

    /** Chunk stream ids below this live in an array; the rest (rare) in a map. */
    private static final int DIRECT_IDS = 320;

    private enum State {
        HEADER,
        PAYLOAD,
        FAILED
    }

    private enum HeaderStage {
        FIRST_BYTE,
        BASIC,
        MESSAGE,
        EXTENDED
    }

    private final ChunkDecoderConfig config;
    private final ChunkStreamState[] direct = new ChunkStreamState[DIRECT_IDS];
    private final Map<Integer, ChunkStreamState> others = new HashMap<>();
    private int openStreams;

    private State state = State.HEADER;
    private HeaderStage stage = HeaderStage.FIRST_BYTE;
    private final byte[] header = new byte[ChunkHeaders.MAX_HEADER_LENGTH];
    private int headerHave;
    private int headerNeed = 1;
    private int fmt;
    private int basicLength;
    private ChunkStreamState current;
    private int chunkRemaining;

    private int chunkSize = SetChunkSize.DEFAULT_CHUNK_SIZE;
    private long consumed;
    private long chunkStart;
    private MediaParseException failure;

    public ChunkDecoder() {
        this(ChunkDecoderConfig.DEFAULTS);
    }

    public ChunkDecoder(ChunkDecoderConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** The chunk size the peer uses now (128 until it sends Set Chunk Size). */
    public int chunkSize() {
        return chunkSize;
    }

    /** Total bytes taken by {@link #decode} so far. */
    public long bytesConsumed() {
        return consumed;
    }

    /** Number of chunk streams the peer has opened. */
    public int openChunkStreams() {
        return openStreams;
    }

    /** Bytes allocated for messages still being reassembled (for memory accounting and tests). */
    public long bufferedCapacity() {
        long sum = 0;
        for (ChunkStreamState s : direct) {
            if (s != null && s.buffer != null) {
                sum += s.buffer.length;
            }
        }
        for (ChunkStreamState s : others.values()) {
            if (s.buffer != null) {
                sum += s.buffer.length;
            }
        }
        return sum;
    }

    /**
     * Takes all remaining bytes of {@code in} and passes each message completed by them to {@code
     * out}, in the order they complete.
     *
     * @throws MediaParseException when the bytes break the chunk format or a configured limit; the
     *     offset counts bytes since this decoder started. The decoder is then failed for good.
     */
    public void decode(ByteBuffer in, Consumer<? super RtmpMessage> out) throws MediaParseException {
        if (state == State.FAILED) {
            consumed += in.remaining();
            in.position(in.limit());
            throw failure;
        }
        try {
            while (in.hasRemaining()) {
                if (state == State.PAYLOAD) {
                    readPayload(in, out);
                } else if (readHeader(in)) {
                    startChunk(out);
                }
            }
        } catch (MediaParseException e) {
            state = State.FAILED;
            failure = e;
            consumed += in.remaining();
            in.position(in.limit());
            throw e;
        }
    }

    /** Collects header bytes; returns true once the whole chunk header is in {@link #header}. */
    private boolean readHeader(ByteBuffer in) throws MediaParseException {
        while (true) {
            if (headerHave < headerNeed) {
                int n = Math.min(in.remaining(), headerNeed - headerHave);
                if (headerHave == 0) {
                    chunkStart = consumed;
                }
                in.get(header, headerHave, n);
                headerHave += n;
                consumed += n;
                if (headerHave < headerNeed) {
                    return false;
                }
            }
            switch (stage) {
                case FIRST_BYTE -> {
                    int low = header[0] & 0x3F;
                    basicLength = low == 0 ? 2 : low == 1 ? 3 : 1;
                    headerNeed = basicLength;
                    stage = HeaderStage.BASIC;
                }
                case BASIC -> {
                    fmt = (header[0] & 0xFF) >>> 6;
                    int csid = chunkStreamId();
                    current = stream(csid, fmt == FMT_FULL);
                    headerNeed += MESSAGE_HEADER_LENGTH[fmt];
                    stage = HeaderStage.MESSAGE;
                }
                case MESSAGE -> {
                    boolean extended =
                            fmt == FMT_CONTINUATION ? current.extended : u24(basicLength) == EXTENDED_TIMESTAMP_MARKER;
                    if (extended) {
                        headerNeed += EXTENDED_TIMESTAMP_LENGTH;
                    }
                    stage = HeaderStage.EXTENDED;
                }
                case EXTENDED -> {
                    return true;
                }
            }
        }
    }

    private int chunkStreamId() {
        return switch (basicLength) {
            case 1 -> header[0] & 0x3F;
            case 2 -> 64 + (header[1] & 0xFF);
            default -> 64 + (header[1] & 0xFF) + ((header[2] & 0xFF) << 8);
        };
    }

    private ChunkStreamState stream(int csid, boolean create) throws MediaParseException {
        ChunkStreamState s = csid < DIRECT_IDS ? direct[csid] : others.get(csid);
        if (s != null) {
            return s;
        }
        if (!create) {
            throw MediaParseException.malformed(
                    LAYER, chunkStart, "chunk type " + fmt + " on chunk stream " + csid + " before any type-0 header");
        }
        if (openStreams >= config.maxChunkStreams()) {
            throw MediaParseException.malformed(
                    LAYER,
                    chunkStart,
                    "chunk stream " + csid + " would exceed the limit of " + config.maxChunkStreams()
                            + " open chunk streams");
        }
        s = new ChunkStreamState(csid);
        if (csid < DIRECT_IDS) {
            direct[csid] = s;
        } else {
            others.put(csid, s);
        }
        openStreams++;
        return s;
    }

    private int u24(int at) {
        return ((header[at] & 0xFF) << 16) | ((header[at + 1] & 0xFF) << 8) | (header[at + 2] & 0xFF);
    }

    private long extendedValue() {
        int at = headerNeed - EXTENDED_TIMESTAMP_LENGTH;
        return ((header[at] & 0xFFL) << 24)
                | ((header[at + 1] & 0xFF) << 16)
                | ((header[at + 2] & 0xFF) << 8)
                | (header[at + 3] & 0xFF);
    }

    /** Applies a complete header: starts or continues a message on its chunk stream. */
    private void startChunk(Consumer<? super RtmpMessage> out) throws MediaParseException {
        ChunkStreamState s = current;
        boolean hasExtended = headerNeed - basicLength - MESSAGE_HEADER_LENGTH[fmt] == EXTENDED_TIMESTAMP_LENGTH;
        long extendedTimestamp = hasExtended ? extendedValue() : 0;
        headerHave = 0;
        headerNeed = 1;
        stage = HeaderStage.FIRST_BYTE;
        if (fmt != FMT_CONTINUATION && s.inProgress) {
            throw MediaParseException.malformed(
                    LAYER,
                    chunkStart,
                    "chunk type " + fmt + " on chunk stream " + s.chunkStreamId + " while a message has " + s.received
                            + " of " + s.length + " bytes");
        }
        if (!s.inProgress) {
            startMessage(s, hasExtended, extendedTimestamp);
        }
        chunkRemaining = Math.min(chunkSize, s.length - s.received);
        if (chunkRemaining == 0) {
            complete(s, out);
        } else {
            state = State.PAYLOAD;
        }
    }

    private void startMessage(ChunkStreamState s, boolean hasExtended, long extendedTimestamp)
            throws MediaParseException {
        int b = basicLength;
        long field = fmt == FMT_CONTINUATION ? s.timestampField : u24(b);
        if (hasExtended) {
            field = extendedTimestamp;
        }
        if (fmt <= ChunkHeaders.FMT_SAME_STREAM) {
            int length = u24(b + 3);
            if (length > config.maxMessageLength()) {
                throw MediaParseException.malformed(
                        LAYER,
                        chunkStart,
                        "message length " + length + " on chunk stream " + s.chunkStreamId + " exceeds the limit of "
                                + config.maxMessageLength());
            }
            s.length = length;
            s.typeId = header[b + 6] & 0xFF;
        }
        if (fmt == FMT_FULL) {
            s.streamId = (header[b + 7] & 0xFF)
                    | ((header[b + 8] & 0xFF) << 8)
                    | ((header[b + 9] & 0xFF) << 16)
                    | ((header[b + 10] & 0xFF) << 24);
            s.timestampMs = field;
            s.hasHeader = true;
        } else {
            s.timestampMs = (s.timestampMs + field) & RtmpMessage.MAX_TIMESTAMP_MS;
        }
        if (fmt != FMT_CONTINUATION) {
            s.extended = hasExtended;
        }
        s.timestampField = field;
        s.received = 0;
        s.inProgress = true;
        s.buffer = new byte[Math.min(s.length, ALLOCATION_STEP)];
    }

    private void readPayload(ByteBuffer in, Consumer<? super RtmpMessage> out) throws MediaParseException {
        ChunkStreamState s = current;
        int n = Math.min(in.remaining(), chunkRemaining);
        int need = s.received + n;
        if (need > s.buffer.length) {
            grow(s, need);
        }
        in.get(s.buffer, s.received, n);
        s.received = need;
        chunkRemaining -= n;
        consumed += n;
        if (chunkRemaining == 0) {
            state = State.HEADER;
            if (s.received == s.length) {
                complete(s, out);
            }
        }
    }

    private static void grow(ChunkStreamState s, int need) {
        int cap = s.buffer.length;
        int next = Math.max(need, cap + Math.min(cap, ALLOCATION_STEP));
        s.buffer = java.util.Arrays.copyOf(s.buffer, Math.min(next, s.length));
    }

    private void complete(ChunkStreamState s, Consumer<? super RtmpMessage> out) throws MediaParseException {
        byte[] body = s.buffer;
        int length = s.length;
        s.buffer = null;
        s.received = 0;
        s.inProgress = false;
        state = State.HEADER;
        RtmpMessage m =
                new RtmpMessage(s.chunkStreamId, s.typeId, s.streamId, s.timestampMs, ByteBuffer.wrap(body, 0, length));
        if (s.typeId == MessageTypes.SET_CHUNK_SIZE) {
            applyChunkSize(m);
        } else if (s.typeId == MessageTypes.ABORT) {
            applyAbort(m);
        }
        out.accept(m);
    }

    private void applyChunkSize(RtmpMessage m) throws MediaParseException {
        SetChunkSize scs;
        try {
            scs = SetChunkSize.read(m.payload());
        } catch (MediaParseException e) {
            throw e.atOffset(chunkStart);
        }
        if (scs.chunkSize() > config.maxChunkSize()) {
            throw MediaParseException.malformed(
                    LAYER,
                    chunkStart,
                    "peer chunk size " + scs.chunkSize() + " exceeds the limit of " + config.maxChunkSize());
        }
        chunkSize = scs.chunkSize();
    }

    private void applyAbort(RtmpMessage m) throws MediaParseException {
        Abort abort;
        try {
            abort = Abort.read(m.payload());
        } catch (MediaParseException e) {
            throw e.atOffset(chunkStart);
        }
        long id = abort.chunkStreamId();
        ChunkStreamState s = id < DIRECT_IDS ? direct[(int) id] : others.get((int) Math.min(id, Integer.MAX_VALUE));
        if (s != null) {
            s.discardPartial();
        }
    }
}
