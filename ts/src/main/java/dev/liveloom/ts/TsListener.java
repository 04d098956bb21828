package dev.liveloom.ts;

import dev.liveloom.core.media.MediaParseException;

/**
 * Recoverable glitches in a transport stream, reported while {@link TsDemuxer} keeps going. Called on
 * the thread that feeds the demuxer, from inside {@link TsDemuxer#feed}; implementations must be
 * quick and must not block or call back into the demuxer. Offsets are byte positions in the fed
 * stream (the first byte ever fed is 0). All methods default to doing nothing; see {@link #NONE}.
 */
public interface TsListener {
    /** Ignores everything. */
    TsListener NONE = new TsListener() {};

    /**
     * {@code skippedBytes} bytes from {@code offset} were not at a 188-byte packet boundary after a
     * 0x47 sync byte and were skipped until sync was found again.
     */
    default void syncLost(long offset, long skippedBytes) {}

    /**
     * The continuity counter of {@code pid} jumped: {@code lostPackets} packets (modulo 16) are
     * missing before the packet at {@code offset}. The PES or section in progress is dropped.
     */
    default void continuityError(int pid, long offset, int expectedCc, int actualCc, int lostPackets) {}

    /** A PES of {@code pid} was dropped: lost packets, too large, a bad header, or cut short. */
    default void pesDropped(int pid, long offset, String reason) {}

    /** The PMT lists a stream liveloom does not demux ("unsupported audio codec mp2"); it is skipped. */
    default void unsupportedStream(int pid, int streamType, String reason) {}

    /** A structure was malformed (a section with a bad CRC, a bad adaptation field) and was skipped. */
    default void malformed(MediaParseException e) {}

    /** The packet at {@code offset} set discontinuity_indicator: its counters and clocks restart. */
    default void discontinuity(int pid, long offset) {}

    /** A program clock reference on {@code pid}, in 27 MHz units (not unwrapped). */
    default void pcr(int pid, long offset, long pcr27MHz) {}

    /** A new PMT (the first, or a new version) for {@code programNumber}. */
    default void programChanged(int programNumber, int version) {}
}
