package dev.liveloom.rtmp.message;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * User Control Message (type 4): a 2-byte event type followed by event data. The known events carry
 * one 4-byte value (a message stream id or a ping timestamp); SetBufferLength carries a stream id and
 * a buffer length in milliseconds. Other event types (for example SWF verification, 26/27) are kept
 * as raw data so a session can ignore them.
 */
public final class UserControl {
    private static final String LAYER = "rtmp UserControl";

    /** Event data is a few bytes; a longer payload is not a user control message we can use. */
    public static final int MAX_EVENT_DATA_LENGTH = 64;

    /** The event types of the specification (section 7.1.7). */
    public enum Event {
        STREAM_BEGIN(0, 4),
        STREAM_EOF(1, 4),
        STREAM_DRY(2, 4),
        SET_BUFFER_LENGTH(3, 8),
        STREAM_IS_RECORDED(4, 4),
        PING_REQUEST(6, 4),
        PING_RESPONSE(7, 4);

        private final int wire;
        private final int dataLength;

        Event(int wire, int dataLength) {
            this.wire = wire;
            this.dataLength = dataLength;
        }

        public int wire() {
            return wire;
        }

        static Event of(int wire) {
            for (Event e : values()) {
                if (e.wire == wire) {
                    return e;
                }
            }
            return null;
        }
    }

    private final int eventType;
    private final byte[] data;

    private UserControl(int eventType, byte[] data) {
        this.eventType = eventType;
        this.data = data;
    }

    /** An event with one 4-byte value: a stream id, or a ping timestamp for the ping events. */
    public static UserControl of(Event event, long value) {
        if (event == Event.SET_BUFFER_LENGTH) {
            throw new IllegalArgumentException("SET_BUFFER_LENGTH needs a stream id and a length: use setBufferLength");
        }
        ControlPayloads.requireU32("event value", value);
        return new UserControl(
                event.wire, ByteBuffer.allocate(4).putInt((int) value).array());
    }

    public static UserControl setBufferLength(long streamId, long bufferLengthMs) {
        ControlPayloads.requireU32("stream id", streamId);
        ControlPayloads.requireU32("buffer length", bufferLengthMs);
        return new UserControl(
                Event.SET_BUFFER_LENGTH.wire,
                ByteBuffer.allocate(8)
                        .putInt((int) streamId)
                        .putInt((int) bufferLengthMs)
                        .array());
    }

    /** The event type number as on the wire. */
    public int eventType() {
        return eventType;
    }

    /** The known event, or null for an event type this class does not know. */
    public Event event() {
        return Event.of(eventType);
    }

    /** The first 4-byte value: stream id or ping timestamp (0 if the event data is shorter). */
    public long value() {
        return data.length >= 4 ? ByteBuffer.wrap(data).getInt(0) & 0xFFFF_FFFFL : 0;
    }

    /** The buffer length of a SetBufferLength event (0 for other events). */
    public long bufferLengthMs() {
        return eventType == Event.SET_BUFFER_LENGTH.wire ? ByteBuffer.wrap(data).getInt(4) & 0xFFFF_FFFFL : 0;
    }

    public byte[] data() {
        return data.clone();
    }

    public static UserControl read(ByteBuffer payload) throws MediaParseException {
        int n = payload.remaining();
        if (n < 2) {
            throw MediaParseException.truncated(LAYER, n, "needs an event type, has " + n + " bytes");
        }
        int type = payload.getShort(payload.position()) & 0xFFFF;
        int dataLength = n - 2;
        Event e = Event.of(type);
        if (e != null && dataLength != e.dataLength) {
            if (dataLength < e.dataLength) {
                throw MediaParseException.truncated(
                        LAYER, n, e + " needs " + e.dataLength + " data bytes, has " + dataLength);
            }
            throw MediaParseException.malformed(
                    LAYER, 2 + e.dataLength, e + " needs " + e.dataLength + " data bytes, has " + dataLength);
        }
        if (dataLength > MAX_EVENT_DATA_LENGTH) {
            throw MediaParseException.malformed(
                    LAYER, 2, "event " + type + " data of " + dataLength + " bytes exceeds " + MAX_EVENT_DATA_LENGTH);
        }
        byte[] data = new byte[dataLength];
        payload.duplicate().position(payload.position() + 2).get(data);
        return new UserControl(type, data);
    }

    public void write(ByteBuffer out) {
        out.putShort((short) eventType).put(data);
    }

    public RtmpMessage toMessage() {
        ByteBuffer b = ByteBuffer.allocate(2 + data.length);
        write(b);
        return ControlPayloads.message(MessageTypes.USER_CONTROL, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserControl u && u.eventType == eventType && Arrays.equals(u.data, data);
    }

    @Override
    public int hashCode() {
        return eventType * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        Event e = event();
        if (e == Event.SET_BUFFER_LENGTH) {
            return "UserControl{" + e + " stream=" + value() + " " + bufferLengthMs() + "ms}";
        }
        return "UserControl{" + (e != null ? e : "event " + eventType) + " " + value() + "}";
    }
}
