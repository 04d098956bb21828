package dev.liveloom.flv;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.testing.PacketDump;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole input with an {@link FlvDemuxer}, keeping the packets and the failure if any. */
final class DemuxRun {
    final List<MediaPacket> packets = new ArrayList<>();
    final FlvDemuxer demuxer;
    IOException failure;

    private DemuxRun(ByteInput input) {
        demuxer = new FlvDemuxer(input);
        ByteInput in = input;
        try {
            while (true) {
                MediaPacket p = demuxer.read();
                if (p != null) {
                    packets.add(p);
                } else if (demuxer.ended()) {
                    break;
                } else {
                    in.ready().join();
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    static DemuxRun of(ByteInput input) {
        return new DemuxRun(input);
    }

    static DemuxRun of(byte[] bytes) {
        return new DemuxRun(new ByteArrayInput("test.flv", bytes));
    }

    /** Tracks, packets and the end: the golden text. */
    String dump() {
        PacketDump d = new PacketDump().tracks(demuxer.tracks());
        packets.forEach(d::packet);
        d.line(failure == null ? "end" : "error: " + failure.getMessage());
        return d.toString();
    }

    /** Packets only. */
    String packetLines() {
        PacketDump d = new PacketDump();
        packets.forEach(d::packet);
        return d.toString();
    }
}
