package dev.liveloom.mp4;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.PacketDump;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a whole input with {@link Mp4Demuxer}, awaiting input like a real caller. */
final class Mp4Read {
    final List<MediaPacket> packets = new ArrayList<>();
    IOException error;
    Mp4Demuxer demuxer;

    static Mp4Read of(ByteInput in) {
        Mp4Read r = new Mp4Read();
        r.demuxer = new Mp4Demuxer(in);
        try {
            for (int spins = 0; ; spins++) {
                MediaPacket p = r.demuxer.read();
                if (p != null) {
                    r.packets.add(p);
                } else if (r.demuxer.ended()) {
                    break;
                } else {
                    in.ready().join();
                }
            }
        } catch (IOException e) {
            r.error = e;
        }
        return r;
    }

    static Mp4Read of(byte[] bytes) {
        String dir = System.getProperty("liveloom.mp4.writeSynthetic");
        if (dir != null) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
                java.nio.file.Files.write(
                        java.nio.file.Path.of(dir, Integer.toHexString(java.util.Arrays.hashCode(bytes)) + ".mp4"),
                        bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return of(new ByteArrayInput("test.mp4", bytes));
    }

    static Mp4Read fixture(String name) {
        return of(new ByteArrayInput(name, Fixtures.bytes(name)));
    }

    String dump() {
        PacketDump d = new PacketDump().tracks(demuxer.tracks());
        for (MediaPacket p : packets) {
            d.packet(p);
        }
        if (error != null) {
            d.line("error: " + error.getMessage());
        }
        return d.toString();
    }
}
