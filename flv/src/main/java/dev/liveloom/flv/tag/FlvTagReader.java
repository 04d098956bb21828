package dev.liveloom.flv.tag;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.MediaParseException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Frames an FLV byte stream into tags without blocking: {@link #next()} returns the next tag, or null
 * when the input has not delivered the bytes yet (call again after {@code input.ready()}) or when
 * the stream ended ({@link #ended()}). It keeps its place across nulls and input {@link IOException}s,
 * so the caller may retry after either.
 *
 * <p>Framing follows the tag sizes only, like FFmpeg: the PreviousTagSize fields are not checked
 * (some muxers write wrong values, FFmpeg ignores them, and the data size alone frames the stream),
 * and there is no byte-level resync. A clean end is the end of a tag with or without its final
 * PreviousTagSize; any other end is a TRUNCATED error naming the offset of the tag that is cut.
 * After a {@link MediaParseException} the reader is failed and throws it again.
 */
public final class FlvTagReader {
    private static final String LAYER = "flv tag";
    /** PreviousTagSize plus the next tag's header. */
    private static final int FRAME_HEAD = 4 + FlvTagHeader.SIZE;

    private enum State {
        HEADER,
        TAGS,
        ENDED,
        FAILED
    }

    private final ByteInput input;
    private State state = State.HEADER;
    private FlvHeader header;
    /** Offset of the next PreviousTagSize field. */
    private long position;

    private MediaParseException failure;

    public FlvTagReader(ByteInput input) {
        this.input = input;
    }

    /** The file header, or null until it has been read. */
    public FlvHeader header() {
        return header;
    }

    public boolean ended() {
        return state == State.ENDED;
    }

    /** Offset of the next PreviousTagSize field (the end of the last tag returned). */
    public long position() {
        return position;
    }

    /**
     * The next tag, or null when the bytes are not here yet or the stream ended.
     *
     * @throws MediaParseException for a bad header or a truncated tag
     * @throws IOException when the input failed
     */
    public FlvTag next() throws IOException {
        while (true) {
            switch (state) {
                case HEADER:
                    if (!handleHeader()) {
                        return null;
                    }
                    break;
                case TAGS:
                    return handleTag();
                case ENDED:
                    return null;
                default:
                    throw failure;
            }
        }
    }

    private boolean handleHeader() throws IOException {
        ByteBuffer b = input.read(0, FlvHeader.SIZE);
        if (b == null) {
            return false;
        }
        try {
            header = FlvHeader.read(b);
        } catch (MediaParseException e) {
            throw fail(e);
        }
        position = header.dataOffset();
        state = State.TAGS;
        return true;
    }

    private FlvTag handleTag() throws IOException {
        ByteBuffer head = input.read(position, FRAME_HEAD);
        if (head == null) {
            return null;
        }
        int got = head.remaining();
        if (got < FRAME_HEAD) {
            if (got == 0 || got == 4) {
                state = State.ENDED;
                return null;
            }
            if (got < 4) {
                throw fail(MediaParseException.truncated(
                        LAYER, position, "PreviousTagSize needs 4 bytes, " + got + " left"));
            }
            throw fail(MediaParseException.truncated(
                    LAYER, position + 4, "tag header needs 11 bytes, " + (got - 4) + " left"));
        }
        long tagOffset = position + 4;
        head.position(4);
        FlvTagHeader h = FlvTagHeader.read(head);
        ByteBuffer body = input.read(tagOffset + FlvTagHeader.SIZE, h.dataSize());
        if (body == null) {
            return null;
        }
        if (body.remaining() < h.dataSize()) {
            throw fail(MediaParseException.truncated(
                    LAYER,
                    tagOffset,
                    "tag of type " + h.type() + " announces " + h.dataSize() + " data bytes, the input ends after "
                            + body.remaining()));
        }
        position = tagOffset + h.tagSize();
        input.release(position);
        return new FlvTag(tagOffset, h, body);
    }

    private MediaParseException fail(MediaParseException e) {
        state = State.FAILED;
        failure = e;
        return e;
    }

    /** Enters the failed state with {@code e} (a semantic error found by the caller) and returns it. */
    public MediaParseException failWith(MediaParseException e) {
        return fail(e);
    }
}
