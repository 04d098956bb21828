package dev.liveloom.rtmp.message;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Shared checks for the fixed-size protocol control payloads (all big-endian). */
final class ControlPayloads {
    private ControlPayloads() {}

    /** Fails unless {@code payload} holds exactly {@code length} bytes. */
    static void requireLength(String layer, ByteBuffer payload, int length) throws MediaParseException {
        if (payload.remaining() < length) {
            throw MediaParseException.truncated(
                    layer, payload.remaining(), "needs " + length + " bytes, has " + payload.remaining());
        }
        if (payload.remaining() > length) {
            throw MediaParseException.malformed(
                    layer, length, "needs " + length + " bytes, has " + payload.remaining());
        }
    }

    static long u32(ByteBuffer b, int index) {
        return b.getInt(b.position() + index) & 0xFFFF_FFFFL;
    }

    static RtmpMessage message(int typeId, ByteBuffer payload) {
        return new RtmpMessage(
                MessageTypes.CONTROL_CHUNK_STREAM_ID, typeId, MessageTypes.CONTROL_STREAM_ID, 0, payload.flip());
    }

    static void requireU32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " " + value + " outside 0..2^32-1");
        }
    }
}
