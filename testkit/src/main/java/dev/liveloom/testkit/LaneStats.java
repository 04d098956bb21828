package dev.liveloom.testkit;

/**
 * Counters of one direction of a proxy, a snapshot taken at one moment.
 *
 * @param received datagrams (UDP) or chunks (TCP) that entered the proxy
 * @param bytesReceived bytes that entered the proxy
 * @param forwarded datagrams or chunks sent on, duplicates included
 * @param bytesForwarded bytes sent on, duplicates included
 * @param dropped lost on purpose (uniform or burst loss)
 * @param overflowed dropped because the bandwidth queue was full (UDP only)
 * @param duplicated extra copies sent
 * @param reordered held back so that later packets overtake them
 * @param queued packets or chunks waiting in the proxy now
 */
public record LaneStats(
        long received,
        long bytesReceived,
        long forwarded,
        long bytesForwarded,
        long dropped,
        long overflowed,
        long duplicated,
        long reordered,
        long queued) {}
