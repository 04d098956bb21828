package dev.liveloom.srt.session;

/**
 * The receiver's side of SRT's round-trip measurement and rate reports: numbers full ACKs,
 * remembers when the last 64 were sent, turns the sender's ACKACKs into RTT samples (smoothed as
 * libsrt does: RTT = 7/8 RTT + 1/8 sample, variance = 3/4 variance + 1/4 |RTT - sample|; the first
 * sample sets RTT and half of it as variance; 100 ms and 50 ms before any), and measures the
 * receive rate in packets and bytes per second over periods of at least 100 ms. Pure: times are
 * passed in, in nanoseconds.
 */
final class AckClock {
    private static final int HISTORY = 64;
    private static final long RATE_PERIOD_NS = 100_000_000L;

    private final int[] numbers = new int[HISTORY];
    private final long[] sentNs = new long[HISTORY];
    private int ackNumber;
    private long rttUs = 100_000;
    private long rttVarUs = 50_000;
    private boolean measured;
    private long rateStartNs;
    private long packets;
    private long bytes;
    private int packetRate;
    private int byteRate;

    AckClock(long nowNs) {
        this.rateStartNs = nowNs;
    }

    /** A data packet of {@code payloadBytes} arrived. */
    void received(int payloadBytes) {
        packets++;
        bytes += payloadBytes;
    }

    /** The number of the next full ACK, sent at {@code nowNs}; also folds the rate period in. */
    int nextAck(long nowNs) {
        long elapsed = nowNs - rateStartNs;
        if (elapsed >= RATE_PERIOD_NS) {
            int pr = (int) Math.min(Integer.MAX_VALUE, packets * 1_000_000_000L / elapsed);
            int br = (int) Math.min(Integer.MAX_VALUE, bytes * 1_000_000_000L / elapsed);
            packetRate = packetRate == 0 ? pr : (int) ((7L * packetRate + pr) / 8);
            byteRate = byteRate == 0 ? br : (int) ((7L * byteRate + br) / 8);
            packets = 0;
            bytes = 0;
            rateStartNs = nowNs;
        }
        ackNumber = ackNumber == Integer.MAX_VALUE ? 1 : ackNumber + 1;
        int i = Math.floorMod(ackNumber, HISTORY);
        numbers[i] = ackNumber;
        sentNs[i] = nowNs;
        return ackNumber;
    }

    /** The ACKACK for {@code number} arrived at {@code nowNs}; unknown or repeated numbers are ignored. */
    void ackAck(int number, long nowNs) {
        int i = Math.floorMod(number, HISTORY);
        if (numbers[i] != number || sentNs[i] == 0) {
            return;
        }
        long sample = Math.max(1, (nowNs - sentNs[i]) / 1000);
        sentNs[i] = 0;
        if (!measured) {
            measured = true;
            rttUs = sample;
            rttVarUs = sample / 2;
        } else {
            rttVarUs = (3 * rttVarUs + Math.abs(rttUs - sample)) / 4;
            rttUs = (7 * rttUs + sample) / 8;
        }
    }

    long rttUs() {
        return rttUs;
    }

    long rttVarianceUs() {
        return rttVarUs;
    }

    int packetRate() {
        return packetRate;
    }

    int byteRate() {
        return byteRate;
    }
}
