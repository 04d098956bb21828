package dev.liveloom.mp4;

import dev.liveloom.mp4.box.BoxHeader;
import dev.liveloom.mp4.box.Esds;
import dev.liveloom.mp4.box.FullBox;
import dev.liveloom.mp4.box.MediaHeaders;
import dev.liveloom.mp4.box.SampleEntry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Test helper: small synthetic MP4 files from box bytes (ffmpeg writes no stz2, co64, ...). */
final class Mp4Builder {
    /** avcC: version 1, High, level 3.1, 4-byte lengths, no SPS/PPS. */
    static final byte[] AVCC = {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe0, 0};
    /** AudioSpecificConfig: AAC LC, 44100 Hz, stereo. */
    static final byte[] ASC = {0x12, 0x10};

    private Mp4Builder() {}

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] box(String type, byte[]... children) {
        return FullBox.container(type, children);
    }

    static byte[] ftyp() {
        ByteBuffer b = FullBox.start("ftyp", 8);
        b.putInt(BoxHeader.fourcc("isom")).putInt(0x200);
        return b.array();
    }

    static byte[] avc1(int width, int height) {
        return SampleEntry.writeVisual("avc1", width, height, "avcC", AVCC);
    }

    static byte[] mp4a(int objectType) {
        return SampleEntry.writeMp4a(2, 44100, new Esds(objectType, ASC));
    }

    static byte[] stsd(byte[] entry) {
        return SampleEntry.writeStsd(entry);
    }

    /** A trak with the given handler, timescale, optional edts and the stbl children. */
    static byte[] trak(int id, String handler, long timescale, byte[] edts, byte[]... stbl) {
        byte[] mdia = box(
                "mdia",
                MediaHeaders.writeTimescale("mdhd", timescale, 0),
                MediaHeaders.writeHandler(handler),
                box("minf", box("stbl", stbl)));
        return edts == null
                ? box("trak", MediaHeaders.writeTkhd(id), mdia)
                : box("trak", MediaHeaders.writeTkhd(id), edts, mdia);
    }

    static byte[] moov(long movieTimescale, byte[]... children) {
        byte[][] all = new byte[children.length + 1][];
        all[0] = MediaHeaders.writeTimescale("mvhd", movieTimescale, 0);
        System.arraycopy(children, 0, all, 1, children.length);
        return box("moov", all);
    }

    /** An mdat holding {@code payload}; 16-byte largesize header when {@code large}. */
    static byte[] mdat(byte[] payload, boolean large) {
        if (!large) {
            return box("mdat", payload);
        }
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        new BoxHeader(0, BoxHeader.MDAT, 16 + payload.length, 16).write(b);
        return b.put(payload).array();
    }

    /** {@code n} samples of {@code size} bytes each, sample i filled with byte i. */
    static byte[] samples(int n, int size) {
        byte[] b = new byte[n * size];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(b, i * size, (i + 1) * size, (byte) i);
        }
        return b;
    }
}
