package dev.liveloom.srt.packet;

import static dev.liveloom.srt.packet.SrtPackets.writeInt;

import dev.liveloom.core.media.MediaParseException;

/**
 * An ACK: the type-specific field carries the ACK number (echoed by the ACKACK that measures RTT;
 * 0 for a light ACK), the CIF the next sequence number expected and, in a full ACK, the RTT and its
 * variance (microseconds), the available receive buffer (packets), the packet receive rate
 * (packets/s), the estimated link capacity (packets/s) and the receive rate (bytes/s). A light ACK
 * carries only the sequence number, a small ACK the first four fields.
 */
public record Ack(
        int ackNumber,
        int lastAckedSequence,
        int rttUs,
        int rttVarianceUs,
        int availableBuffer,
        int packetRate,
        int linkCapacity,
        int byteRate,
        int words) {
    private static final String LAYER = "srt ack";

    /** CIF words of a full ACK. */
    public static final int FULL = 7;
    /** CIF words of a small ACK. */
    public static final int SMALL = 4;
    /** CIF words of a light ACK. */
    public static final int LIGHT = 1;

    public Ack {
        if (words != FULL && words != SMALL && words != LIGHT) {
            throw new IllegalArgumentException("an ACK has 1, 4 or 7 CIF words, not " + words);
        }
    }

    /** A full ACK. */
    public static Ack full(
            int ackNumber, int seq, int rttUs, int rttVarUs, int available, int pktRate, int capacity, int byteRate) {
        return new Ack(ackNumber, seq, rttUs, rttVarUs, available, pktRate, capacity, byteRate, FULL);
    }

    /** A light ACK: the next expected sequence number only. */
    public static Ack light(int seq) {
        return new Ack(0, seq, 0, 0, 0, 0, 0, 0, LIGHT);
    }

    public boolean isFull() {
        return words == FULL;
    }

    public static Ack read(ControlPacket p) throws MediaParseException {
        if (p.type() != ControlType.ACK) {
            throw MediaParseException.malformed(LAYER, 0, "not an ACK: " + ControlType.name(p.type()));
        }
        int n = p.cif().length / 4;
        // libsrt sends 4, 16 or 28 bytes; longer CIFs (future fields) are read as full ACKs
        int words = n >= FULL ? FULL : n >= SMALL ? SMALL : n >= LIGHT ? LIGHT : 0;
        if (words == 0) {
            throw MediaParseException.truncated(LAYER, SrtPackets.HEADER_SIZE, "ACK without a sequence number");
        }
        return new Ack(
                p.typeInfo(),
                p.word(0) & SrtPackets.MAX_SEQUENCE,
                words > 1 ? p.word(1) : 0,
                words > 1 ? p.word(2) : 0,
                words > 1 ? p.word(3) : 0,
                words > SMALL ? p.word(4) : 0,
                words > SMALL ? p.word(5) : 0,
                words > SMALL ? p.word(6) : 0,
                words);
    }

    public ControlPacket toPacket(int timestamp, int destinationSocketId) {
        byte[] cif = new byte[words * 4];
        int[] fields = {lastAckedSequence, rttUs, rttVarianceUs, availableBuffer, packetRate, linkCapacity, byteRate};
        for (int i = 0; i < words; i++) {
            writeInt(cif, i * 4, fields[i]);
        }
        return ControlPacket.of(ControlType.ACK, ackNumber, timestamp, destinationSocketId, cif);
    }
}
