package dev.liveloom.rtmp.message;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Acknowledgement (type 3): the number of bytes received so far, modulo 2^32. */
public final class Acknowledgement {
    private static final String LAYER = "rtmp Acknowledgement";
    private static final int LENGTH = 4;

    private final long sequenceNumber;

    public Acknowledgement(long sequenceNumber) {
        ControlPayloads.requireU32("sequence number", sequenceNumber);
        this.sequenceNumber = sequenceNumber;
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    public static Acknowledgement read(ByteBuffer payload) throws MediaParseException {
        ControlPayloads.requireLength(LAYER, payload, LENGTH);
        return new Acknowledgement(ControlPayloads.u32(payload, 0));
    }

    public void write(ByteBuffer out) {
        out.putInt((int) sequenceNumber);
    }

    public RtmpMessage toMessage() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        write(b);
        return ControlPayloads.message(MessageTypes.ACKNOWLEDGEMENT, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Acknowledgement a && a.sequenceNumber == sequenceNumber;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequenceNumber);
    }

    @Override
    public String toString() {
        return "Acknowledgement{" + sequenceNumber + "}";
    }
}
