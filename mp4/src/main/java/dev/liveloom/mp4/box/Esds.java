package dev.liveloom.mp4.box;

import dev.liveloom.core.media.MediaParseException;
import java.io.ByteArrayOutputStream;

/**
 * Elementary stream descriptor ("esds", ISO 14496-1 7.2.6): an ES_Descriptor holding a
 * DecoderConfigDescriptor (objectTypeIndication) holding the DecoderSpecificInfo (for AAC, the
 * AudioSpecificConfig).
 */
public record Esds(int objectTypeIndication, byte[] specificInfo) {
    static final int ES_DESCR_TAG = 3;
    static final int DECODER_CONFIG_TAG = 4;
    static final int DECODER_SPECIFIC_TAG = 5;

    public static Esds read(Box box) throws MediaParseException {
        BoxReader r = box.reader();
        r.skip(4);
        expectTag(r, ES_DESCR_TAG, "ES_Descriptor");
        r.skip(2); // ES_ID
        int flags = r.u8();
        if ((flags & 0x80) != 0) {
            r.skip(2); // dependsOn_ES_ID
        }
        if ((flags & 0x40) != 0) {
            r.skip(r.u8()); // URL
        }
        if ((flags & 0x20) != 0) {
            r.skip(2); // OCR_ES_Id
        }
        expectTag(r, DECODER_CONFIG_TAG, "DecoderConfigDescriptor");
        int oti = r.u8();
        r.skip(12); // streamType, bufferSizeDB, maxBitrate, avgBitrate
        byte[] info = new byte[0];
        if (r.remaining() > 0 && r.buffer().get(r.position()) == DECODER_SPECIFIC_TAG) {
            r.skip(1);
            int len = length(r);
            info = r.bytes(len);
        }
        return new Esds(oti, info);
    }

    private static void expectTag(BoxReader r, int tag, String name) throws MediaParseException {
        int t = r.u8();
        if (t != tag) {
            throw MediaParseException.malformed(
                    r.box().layer(), r.box().at(r.position() - 1), "expected " + name + " tag " + tag + ", found " + t);
        }
        length(r);
    }

    /** An expandable descriptor size: up to four bytes of 7 bits each. */
    private static int length(BoxReader r) throws MediaParseException {
        int len = 0;
        for (int i = 0; i < 4; i++) {
            int b = r.u8();
            len = (len << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return len;
    }

    /** True for the objectTypeIndications ffmpeg maps to AAC: MPEG-4 audio and MPEG-2 AAC. */
    public boolean isAac() {
        return objectTypeIndication == 0x40 || (objectTypeIndication >= 0x66 && objectTypeIndication <= 0x68);
    }

    /** The ffmpeg codec name for the objectTypeIndication. */
    public String codecName() {
        return switch (objectTypeIndication) {
            case 0x40, 0x66, 0x67, 0x68 -> "aac";
            case 0x69, 0x6B -> "mp3";
            case 0xA5 -> "ac3";
            case 0xA6 -> "eac3";
            case 0xA9 -> "dts";
            case 0xAD -> "opus";
            case 0xDD -> "vorbis";
            case 0xE1 -> "qcelp";
            default -> String.format("with objectTypeIndication 0x%02x", objectTypeIndication);
        };
    }

    /** Writes the esds box for an AudioSpecificConfig. */
    public byte[] write() {
        ByteArrayOutputStream dsi = new ByteArrayOutputStream();
        dsi.write(DECODER_SPECIFIC_TAG);
        dsi.write(specificInfo.length);
        dsi.writeBytes(specificInfo);
        ByteArrayOutputStream dcd = new ByteArrayOutputStream();
        dcd.write(DECODER_CONFIG_TAG);
        dcd.write(13 + dsi.size());
        dcd.write(objectTypeIndication);
        dcd.write(0x15); // audio stream
        dcd.writeBytes(new byte[11]);
        dcd.writeBytes(dsi.toByteArray());
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        es.write(ES_DESCR_TAG);
        es.write(3 + dcd.size());
        es.writeBytes(new byte[] {0, 1, 0});
        es.writeBytes(dcd.toByteArray());
        byte[] body = es.toByteArray();
        var b = FullBox.start("esds", body.length, 0, 0);
        b.put(body);
        return b.array();
    }
}
