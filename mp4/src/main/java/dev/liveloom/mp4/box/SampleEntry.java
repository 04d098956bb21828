package dev.liveloom.mp4.box;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * The first sample description of a track ("stsd"): avc1/avc3 with avcC, hvc1/hev1 with hvcC, mp4a
 * with esds. Any other entry, or an mp4a whose esds names another codec, is UNSUPPORTED with the
 * codec's ffmpeg name.
 */
public final class SampleEntry {
    /** Bytes of a VisualSampleEntry before its child boxes (ISO 14496-12 12.1.3). */
    static final int VISUAL_FIXED = 78;
    /** Bytes of an AudioSampleEntry (version 0) before its child boxes (ISO 14496-12 12.2.3). */
    static final int AUDIO_FIXED = 28;

    private static final Map<String, String> VIDEO_NAMES = Map.of(
            "vp09", "vp09", "vp08", "vp8", "av01", "av1", "mp4v", "mpeg4", "s263", "h263", "jpeg", "mjpeg", "dvh1",
            "hevc", "dvhe", "hevc", "apcn", "prores");
    private static final Map<String, String> AUDIO_NAMES = Map.of(
            ".mp3",
            "mp3",
            "ac-3",
            "ac3",
            "ec-3",
            "eac3",
            "opus",
            "opus",
            "flac",
            "flac",
            "alac",
            "alac",
            "samr",
            "amr_nb",
            "sawb",
            "amr_wb",
            "ulaw",
            "pcm_mulaw",
            "alaw",
            "pcm_alaw");

    private SampleEntry() {}

    /**
     * The track format of the first entry of {@code stsd}.
     *
     * @param video true for a "vide" handler, false for "soun"
     */
    public static TrackFormat read(Box stsd, boolean video) throws MediaParseException {
        BoxReader r = stsd.reader();
        r.skip(4);
        long count = r.u32();
        if (count == 0) {
            throw MediaParseException.malformed(stsd.layer(), stsd.at(4), "no sample description");
        }
        Box[] entries = stsd.children(8);
        if (entries.length == 0) {
            throw MediaParseException.truncated(stsd.layer(), stsd.at(8), "sample description cut off");
        }
        Box e = entries[0];
        String fourcc = BoxHeader.fourccString(e.type());
        return switch (fourcc) {
            case "avc1", "avc3" -> video(e, Codec.H264, "avcC");
            case "hvc1", "hev1" -> video(e, Codec.HEVC, "hvcC");
            case "mp4a" -> audio(e);
            default -> {
                String name = (video ? VIDEO_NAMES : AUDIO_NAMES).get(fourcc.toLowerCase(Locale.ROOT));
                if (name == null) {
                    name = fourcc.trim().toLowerCase(Locale.ROOT);
                }
                throw MediaParseException.unsupported(
                        "mp4 stsd",
                        e.payloadOffset() - 8,
                        "unsupported " + (video ? "video" : "audio") + " codec " + name);
            }
        };
    }

    private static TrackFormat video(Box e, Codec codec, String recordType) throws MediaParseException {
        BoxReader r = e.reader();
        r.need(VISUAL_FIXED, "VisualSampleEntry");
        ByteBuffer b = r.buffer();
        int width = b.getShort(24) & 0xffff;
        int height = b.getShort(26) & 0xffff;
        Box record = Box.find(e.children(VISUAL_FIXED), BoxHeader.fourcc(recordType));
        if (record == null) {
            throw MediaParseException.malformed(e.layer(), e.payloadOffset(), "no " + recordType + " box");
        }
        byte[] config = new byte[record.size()];
        record.payload().get(config);
        try {
            return CodecConfigs.toFormat(codec, config).toBuilder()
                    .size(width, height)
                    .build();
        } catch (MediaParseException ex) {
            throw ex.atOffset(record.payloadOffset());
        }
    }

    private static TrackFormat audio(Box e) throws MediaParseException {
        BoxReader r = e.reader();
        r.need(AUDIO_FIXED, "AudioSampleEntry");
        int version = r.buffer().getShort(8) & 0xffff;
        // QuickTime sound description versions 1 and 2 append 16 and 36 bytes
        int fixed = AUDIO_FIXED + (version == 1 ? 16 : version == 2 ? 36 : 0);
        Box[] children = e.children(fixed);
        Box esds = Box.find(children, BoxHeader.fourcc("esds"));
        if (esds == null) {
            Box wave = Box.find(children, BoxHeader.fourcc("wave"));
            if (wave != null) {
                esds = Box.find(wave.children(0), BoxHeader.fourcc("esds"));
            }
        }
        if (esds == null) {
            throw MediaParseException.malformed(e.layer(), e.payloadOffset(), "no esds box");
        }
        Esds d = Esds.read(esds);
        if (!d.isAac()) {
            throw MediaParseException.unsupported(
                    "mp4 esds", esds.payloadOffset(), "unsupported audio codec " + d.codecName());
        }
        try {
            return CodecConfigs.toFormat(Codec.AAC, d.specificInfo());
        } catch (MediaParseException ex) {
            throw ex.atOffset(esds.payloadOffset());
        }
    }

    /** Writes a VisualSampleEntry ("avc1", "hvc1", ...) holding one record box ("avcC", "hvcC"). */
    public static byte[] writeVisual(String type, int width, int height, String recordType, byte[] record) {
        byte[] rec = FullBox.container(recordType, record);
        ByteBuffer b = FullBox.start(type, VISUAL_FIXED + rec.length);
        b.put(new byte[6]).putShort((short) 1).put(new byte[16]);
        b.putShort((short) width).putShort((short) height);
        b.putInt(0x00480000).putInt(0x00480000).putInt(0).putShort((short) 1);
        b.put(new byte[32]).putShort((short) 0x18).putShort((short) -1);
        b.put(rec);
        return b.array();
    }

    /** Writes an "mp4a" AudioSampleEntry (version 0) holding {@code esds}. */
    public static byte[] writeMp4a(int channels, int sampleRate, Esds esds) {
        byte[] e = esds.write();
        ByteBuffer b = FullBox.start("mp4a", AUDIO_FIXED + e.length);
        b.put(new byte[6]).putShort((short) 1).put(new byte[8]);
        b.putShort((short) channels).putShort((short) 16).putInt(0).putInt(sampleRate << 16);
        b.put(e);
        return b.array();
    }

    /** Writes an "stsd" holding one entry. */
    public static byte[] writeStsd(byte[] entry) {
        ByteBuffer b = FullBox.start("stsd", 4 + entry.length, 0, 0);
        b.putInt(1).put(entry);
        return b.array();
    }
}
