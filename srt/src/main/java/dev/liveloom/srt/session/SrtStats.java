package dev.liveloom.srt.session;

/**
 * A snapshot of one SRT connection's receive statistics.
 *
 * @param rttUs smoothed round-trip time (from ACK/ACKACK), microseconds
 * @param rttVarianceUs its variance, microseconds
 * @param packetsReceived data packets received, duplicates and retransmissions included
 * @param bytesReceived payload bytes of those packets
 * @param packetsLost sequence numbers found missing when a later packet arrived (each reported by NAK)
 * @param packetsRetransmitted missing packets that arrived later and filled their hole
 * @param packetsDropped packets given up: too late for their delivery time, or dropped by the sender
 * @param packetsDuplicate packets received twice
 * @param packetsBelated packets that arrived after their turn had passed
 * @param packetsUndecryptable encrypted packets whose key was unknown
 * @param datagramsMalformed datagrams that did not parse or did not belong here (dropped)
 * @param packetsDelivered payloads handed on in order
 * @param latencyMs the negotiated TSBPD latency
 */
public record SrtStats(
        long rttUs,
        long rttVarianceUs,
        long packetsReceived,
        long bytesReceived,
        long packetsLost,
        long packetsRetransmitted,
        long packetsDropped,
        long packetsDuplicate,
        long packetsBelated,
        long packetsUndecryptable,
        long datagramsMalformed,
        long packetsDelivered,
        int latencyMs) {
    /** Before a connection: all zero, RTT at SRT's initial 100 ms. */
    public static final SrtStats NONE = new SrtStats(100_000, 50_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
