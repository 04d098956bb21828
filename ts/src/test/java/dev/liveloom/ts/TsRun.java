package dev.liveloom.ts;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.PacketDump;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Feeds bytes to a {@link TsDemuxer} in chunks, keeping the packets and a log of listener events. */
final class TsRun implements TsListener {
    final List<MediaPacket> packets = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final TsDemuxer demuxer = new TsDemuxer(this);

    static TsRun of(byte[] bytes) {
        return of(bytes, Integer.MAX_VALUE);
    }

    /** Feeds {@code chunk} bytes at a time, then ends the stream. */
    static TsRun of(byte[] bytes, int chunk) {
        TsRun run = new TsRun();
        for (int p = 0; p < bytes.length; p += chunk) {
            int n = Math.min(chunk, bytes.length - p);
            run.demuxer.feed(ByteBuffer.wrap(bytes, p, n));
            run.drain();
        }
        run.demuxer.endOfStream();
        run.drain();
        return run;
    }

    void drain() {
        MediaPacket p;
        while ((p = demuxer.poll()) != null) {
            packets.add(p);
        }
    }

    List<MediaPacket> track(int t) {
        return packets.stream().filter(p -> p.track() == t).toList();
    }

    /** Tracks, packets, events and the end: the golden text. */
    String dump() {
        PacketDump d = new PacketDump().tracks(demuxer.tracks());
        packets.forEach(d::packet);
        events.forEach(e -> d.line("event " + e));
        MediaParseException t = demuxer.truncation();
        d.line(t == null ? "end" : "truncated: " + t.getMessage());
        return d.toString();
    }

    String packetLines() {
        PacketDump d = new PacketDump();
        packets.forEach(d::packet);
        return d.toString();
    }

    @Override
    public void syncLost(long offset, long skippedBytes) {
        events.add("syncLost " + offset + " " + skippedBytes);
    }

    @Override
    public void continuityError(int pid, long offset, int expectedCc, int actualCc, int lostPackets) {
        events.add("continuityError pid " + pid + " at " + offset + " expected " + expectedCc + " got " + actualCc
                + " lost " + lostPackets);
    }

    @Override
    public void pesDropped(int pid, long offset, String reason) {
        events.add("pesDropped pid " + pid + " at " + offset + ": " + reason);
    }

    @Override
    public void unsupportedStream(int pid, int streamType, String reason) {
        events.add("unsupported pid " + pid + " type " + streamType + ": " + reason);
    }

    @Override
    public void malformed(MediaParseException e) {
        events.add("malformed " + e.getMessage());
    }

    @Override
    public void discontinuity(int pid, long offset) {
        events.add("discontinuity pid " + pid + " at " + offset);
    }

    @Override
    public void programChanged(int programNumber, int version) {
        events.add("program " + programNumber + " version " + version);
    }
}
