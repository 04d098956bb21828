package dev.liveloom.rtmp.message;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Window Acknowledgement Size (type 5): how many bytes the receiver may take before acknowledging. */
public final class WindowAcknowledgementSize {
    private static final String LAYER = "rtmp WindowAckSize";
    private static final int LENGTH = 4;

    private final long windowSize;

    public WindowAcknowledgementSize(long windowSize) {
        ControlPayloads.requireU32("window size", windowSize);
        this.windowSize = windowSize;
    }

    public long windowSize() {
        return windowSize;
    }

    public static WindowAcknowledgementSize read(ByteBuffer payload) throws MediaParseException {
        ControlPayloads.requireLength(LAYER, payload, LENGTH);
        return new WindowAcknowledgementSize(ControlPayloads.u32(payload, 0));
    }

    public void write(ByteBuffer out) {
        out.putInt((int) windowSize);
    }

    public RtmpMessage toMessage() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        write(b);
        return ControlPayloads.message(MessageTypes.WINDOW_ACKNOWLEDGEMENT_SIZE, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowAcknowledgementSize w && w.windowSize == windowSize;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(windowSize);
    }

    @Override
    public String toString() {
        return "WindowAckSize{" + windowSize + "}";
    }
}
