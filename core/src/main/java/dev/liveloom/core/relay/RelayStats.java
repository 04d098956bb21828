package dev.liveloom.core.relay;

/**
 * A snapshot of a running task's media counters.
 *
 * @param currentItem index of the item playing, -1 when none
 * @param positionUs position within the current item
 * @param loopsDone whole passes over the playlist completed
 * @param bitrateKbps output bitrate over the last few seconds
 * @param fps output video frame rate over the last few seconds
 * @param framesSent packets written to the ingest
 * @param framesDropped packets dropped (overlap at item joins, slow ingest, late frames)
 * @param reconnects source and ingest reconnections so far
 */
public record RelayStats(
        int currentItem,
        long positionUs,
        long loopsDone,
        double bitrateKbps,
        double fps,
        long framesSent,
        long framesDropped,
        long reconnects) {
    public static final RelayStats NONE = new RelayStats(-1, 0, 0, 0, 0, 0, 0, 0);
}
