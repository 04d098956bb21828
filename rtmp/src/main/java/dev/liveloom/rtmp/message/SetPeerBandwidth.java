package dev.liveloom.rtmp.message;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Set Peer Bandwidth (type 6): limits the peer's output window; answered with a WindowAckSize. */
public final class SetPeerBandwidth {
    private static final String LAYER = "rtmp SetPeerBandwidth";
    private static final int LENGTH = 5;

    /** How the receiver applies the new window (specification section 5.4.5). */
    public enum LimitType {
        /** Use the new window. */
        HARD(0),
        /** Use the smaller of the new and current windows. */
        SOFT(1),
        /** Hard if the previous limit was hard, otherwise ignore. */
        DYNAMIC(2);

        private final int wire;

        LimitType(int wire) {
            this.wire = wire;
        }

        public int wire() {
            return wire;
        }

        static LimitType of(int wire) {
            for (LimitType t : values()) {
                if (t.wire == wire) {
                    return t;
                }
            }
            return null;
        }
    }

    private final long windowSize;
    private final LimitType limitType;

    public SetPeerBandwidth(long windowSize, LimitType limitType) {
        ControlPayloads.requireU32("window size", windowSize);
        this.windowSize = windowSize;
        this.limitType = java.util.Objects.requireNonNull(limitType, "limitType");
    }

    public long windowSize() {
        return windowSize;
    }

    public LimitType limitType() {
        return limitType;
    }

    public static SetPeerBandwidth read(ByteBuffer payload) throws MediaParseException {
        ControlPayloads.requireLength(LAYER, payload, LENGTH);
        int t = payload.get(payload.position() + 4) & 0xFF;
        LimitType type = LimitType.of(t);
        if (type == null) {
            throw MediaParseException.malformed(LAYER, 4, "limit type " + t + " (allowed 0 hard, 1 soft, 2 dynamic)");
        }
        return new SetPeerBandwidth(ControlPayloads.u32(payload, 0), type);
    }

    public void write(ByteBuffer out) {
        out.putInt((int) windowSize).put((byte) limitType.wire);
    }

    public RtmpMessage toMessage() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        write(b);
        return ControlPayloads.message(MessageTypes.SET_PEER_BANDWIDTH, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetPeerBandwidth s && s.windowSize == windowSize && s.limitType == limitType;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(windowSize) * 31 + limitType.hashCode();
    }

    @Override
    public String toString() {
        return "SetPeerBandwidth{" + windowSize + ", " + limitType + "}";
    }
}
