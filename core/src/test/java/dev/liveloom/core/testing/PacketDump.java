package dev.liveloom.core.testing;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.TrackFormat;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The golden text form of a demuxed file: the tracks, then one line per packet with track, dts, pts
 * (microseconds), key flag, size and a CRC-32 of the payload.
 */
public final class PacketDump {
    private final StringBuilder sb = new StringBuilder();

    public PacketDump tracks(List<TrackFormat> tracks) {
        for (int i = 0; i < tracks.size(); i++) {
            TrackFormat t = tracks.get(i);
            sb.append("track ").append(i).append(": ").append(t).append('\n');
        }
        return this;
    }

    public PacketDump packet(MediaPacket p) {
        CRC32 crc = new CRC32();
        ByteBuffer d = p.data();
        crc.update(d);
        sb.append(p.track())
                .append(' ')
                .append(p.dtsUs())
                .append(' ')
                .append(p.ptsUs())
                .append(' ')
                .append(p.key() ? 'K' : '_')
                .append(' ')
                .append(p.size())
                .append(' ')
                .append(String.format("%08x", crc.getValue()))
                .append('\n');
        return this;
    }

    public PacketDump line(String s) {
        sb.append(s).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
