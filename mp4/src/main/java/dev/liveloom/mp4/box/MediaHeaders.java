package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/** The few fields liveloom needs from mvhd, tkhd, mdhd and hdlr. */
public final class MediaHeaders {
    private MediaHeaders() {}

    /** The timescale of mvhd (movie) or mdhd (media): both put it after the version's times. */
    public static long timescale(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        int version = r.u8();
        r.skip(3);
        r.skip(version == 1 ? 16 : 8); // creation and modification times
        return r.u32();
    }

    /** Writes an mdhd or mvhd holding only what {@link #timescale} reads, plus a duration. */
    public static byte[] writeTimescale(String type, long timescale, long duration) {
        int extra = type.equals("mvhd") ? 80 : 4; // mvhd: rate..next_track_ID; mdhd: language, pre_defined
        ByteBuffer b = FullBox.start(type, 16 + extra, 0, 0);
        b.putInt(0).putInt(0).putInt((int) timescale).putInt((int) duration);
        if (type.equals("mvhd")) {
            b.putInt(0x00010000).putShort((short) 0x0100);
        }
        return b.array();
    }

    /** The handler type of an hdlr box ("vide", "soun", ...) as a fourcc int. */
    public static int handlerType(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        r.skip(8); // version, flags, pre_defined
        return r.s32();
    }

    public static byte[] writeHandler(String handler) {
        ByteBuffer b = FullBox.start("hdlr", 4 + 4 + 12 + 1, 0, 0);
        b.putInt(0).putInt(BoxHeader.fourcc(handler));
        return b.array();
    }

    /** The track_ID of a tkhd box. */
    public static int trackId(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        int version = r.u8();
        r.skip(3);
        r.skip(version == 1 ? 16 : 8);
        return r.s32();
    }

    public static byte[] writeTkhd(int trackId) {
        ByteBuffer b = FullBox.start("tkhd", 80, 0, 3);
        b.putInt(0).putInt(0).putInt(trackId);
        return b.array();
    }
}
