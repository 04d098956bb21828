package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;

/** Track fragment decode time ("tfdt"): the decode time of the fragment's first sample. */
public final class Tfdt {
    private Tfdt() {}

    public static long read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        int version = r.u8();
        r.skip(3);
        long t = version == 1 ? r.s64() : r.u32();
        if (t < 0) {
            throw MediaParseException.malformed(box.layer(), box.at(4), "baseMediaDecodeTime " + t + " < 0");
        }
        return t;
    }

    public static byte[] write(long time, int version) {
        var b = FullBox.start("tfdt", version == 1 ? 8 : 4, version, 0);
        if (version == 1) {
            b.putLong(time);
        } else {
            b.putInt((int) time);
        }
        return b.array();
    }
}
