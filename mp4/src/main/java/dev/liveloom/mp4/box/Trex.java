package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** Track extends ("trex" in mvex): per-track defaults for fragment samples. */
public record Trex(int trackId, int descriptionIndex, int duration, int size, int flags) {

    public static Trex read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        r.need(24, "trex");
        ByteBuffer b = r.buffer();
        b.getInt();
        return new Trex(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }

    public byte[] write() {
        ByteBuffer b = FullBox.start("trex", 20, 0, 0);
        b.putInt(trackId).putInt(descriptionIndex).putInt(duration).putInt(size).putInt(flags);
        return b.array();
    }
}
