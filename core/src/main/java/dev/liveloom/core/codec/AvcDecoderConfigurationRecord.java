package dev.liveloom.core.codec;

import dev.liveloom.core.media.MediaParseException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1), the avcC box body and the FLV AVC
 * sequence header: profile, level, NAL length size and the SPS/PPS NALs, plus the trailer of the
 * High profiles (chroma format, bit depths, SPS extensions) when present.
 */
public final class AvcDecoderConfigurationRecord {
    static final String LAYER = "avcC";

    /** numOfSequenceParameterSets is a 5-bit field. */
    public static final int MAX_SPS = 31;

    /** numOfPictureParameterSets (and numOfSequenceParameterSetExt) are 8-bit fields. */
    public static final int MAX_PPS = 255;

    private final int profileIdc;
    private final int profileCompatibility;
    private final int levelIdc;
    private final int nalLengthSize;
    private final List<byte[]> sps;
    private final List<byte[]> pps;
    private final boolean hasHighTrailer;
    private final int chromaFormat;
    private final int bitDepthLumaMinus8;
    private final int bitDepthChromaMinus8;
    private final List<byte[]> spsExt;

    /**
     * A record; {@code hasHighTrailer} says whether the chroma/bit depth/SPS-ext trailer is written.
     *
     * @throws IllegalArgumentException when a count, size or field does not fit the record
     */
    public AvcDecoderConfigurationRecord(
            int profileIdc,
            int profileCompatibility,
            int levelIdc,
            int nalLengthSize,
            List<byte[]> sps,
            List<byte[]> pps,
            boolean hasHighTrailer,
            int chromaFormat,
            int bitDepthLumaMinus8,
            int bitDepthChromaMinus8,
            List<byte[]> spsExt) {
        if (nalLengthSize != 1 && nalLengthSize != 2 && nalLengthSize != 4) {
            throw new IllegalArgumentException("NAL length size " + nalLengthSize);
        }
        checkNals("SPS", sps, MAX_SPS);
        checkNals("PPS", pps, MAX_PPS);
        checkNals("SPS extension", spsExt, MAX_PPS);
        if (!hasHighTrailer && !spsExt.isEmpty()) {
            throw new IllegalArgumentException("SPS extensions need the high profile trailer");
        }
        this.profileIdc = profileIdc & 0xff;
        this.profileCompatibility = profileCompatibility & 0xff;
        this.levelIdc = levelIdc & 0xff;
        this.nalLengthSize = nalLengthSize;
        this.sps = copy(sps);
        this.pps = copy(pps);
        this.hasHighTrailer = hasHighTrailer;
        this.chromaFormat = chromaFormat & 3;
        this.bitDepthLumaMinus8 = bitDepthLumaMinus8 & 7;
        this.bitDepthChromaMinus8 = bitDepthChromaMinus8 & 7;
        this.spsExt = copy(spsExt);
    }

    /** Parses a record. */
    public static AvcDecoderConfigurationRecord parse(byte[] b) throws MediaParseException {
        if (b.length < 7) {
            throw MediaParseException.truncated(
                    LAYER, b.length, "record needs at least 7 bytes, " + b.length + " present");
        }
        if (b[0] != 1) {
            throw MediaParseException.unsupported(LAYER, 0, "configurationVersion " + (b[0] & 0xff));
        }
        int lengthSizeMinusOne = b[4] & 3;
        if (lengthSizeMinusOne == 2) {
            throw MediaParseException.malformed(LAYER, 4, "lengthSizeMinusOne 2 (NAL length size 3)");
        }
        int[] pos = {5};
        List<byte[]> sps = readNals(LAYER, b, pos, b[5] & 0x1f, 1, "SPS");
        if (pos[0] >= b.length) {
            throw MediaParseException.truncated(LAYER, pos[0], "numOfPictureParameterSets missing");
        }
        int numPps = b[pos[0]] & 0xff;
        List<byte[]> pps = readNals(LAYER, b, pos, numPps, 1, "PPS");
        boolean trailer = false;
        int chroma = 1;
        int lumaDepth = 0;
        int chromaDepth = 0;
        List<byte[]> ext = List.of();
        int profile = b[1] & 0xff;
        // The trailer is only defined for the High profiles, and many muxers leave it out; a partial
        // trailer (fewer than 4 bytes) is ignored the way ffmpeg ignores the whole trailer.
        if (H264Sps.hasChromaInfo(profile) && b.length - pos[0] >= 4) {
            trailer = true;
            chroma = b[pos[0]] & 3;
            lumaDepth = b[pos[0] + 1] & 7;
            chromaDepth = b[pos[0] + 2] & 7;
            int numExt = b[pos[0] + 3] & 0xff;
            pos[0] += 3;
            ext = readNals(LAYER, b, pos, numExt, 1, "SPS extension");
        }
        return new AvcDecoderConfigurationRecord(
                profile, b[2], b[3], lengthSizeMinusOne + 1, sps, pps, trailer, chroma, lumaDepth, chromaDepth, ext);
    }

    /** The record bytes. */
    public byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(1);
        out.write(profileIdc);
        out.write(profileCompatibility);
        out.write(levelIdc);
        out.write(0xfc | (nalLengthSize - 1));
        out.write(0xe0 | sps.size());
        writeNals(out, sps);
        out.write(pps.size());
        writeNals(out, pps);
        if (hasHighTrailer) {
            out.write(0xfc | chromaFormat);
            out.write(0xf8 | bitDepthLumaMinus8);
            out.write(0xf8 | bitDepthChromaMinus8);
            out.write(spsExt.size());
            writeNals(out, spsExt);
        }
        return out.toByteArray();
    }

    /**
     * A record for raw SPS and PPS NALs (as found in Annex B streams, without start codes) with
     * 4-byte NAL lengths. Profile, compatibility and level come from the first SPS; for the High
     * profiles the trailer is filled from the parsed SPS.
     */
    public static AvcDecoderConfigurationRecord fromParameterSets(List<byte[]> sps, List<byte[]> pps)
            throws MediaParseException {
        if (sps.isEmpty()) {
            throw MediaParseException.malformed(LAYER, -1, "no SPS");
        }
        if (sps.size() > MAX_SPS || pps.size() > MAX_PPS) {
            throw MediaParseException.malformed(
                    LAYER, -1, sps.size() + " SPS and " + pps.size() + " PPS exceed " + MAX_SPS + " and " + MAX_PPS);
        }
        for (byte[] s : sps) {
            checkParameterSet(s, NalUnits.H264_SPS, "SPS");
        }
        for (byte[] p : pps) {
            checkParameterSet(p, NalUnits.H264_PPS, "PPS");
        }
        H264Sps first = H264Sps.parse(sps.get(0));
        boolean trailer = H264Sps.hasChromaInfo(first.profileIdc());
        return new AvcDecoderConfigurationRecord(
                first.profileIdc(),
                first.constraintFlags(),
                first.levelIdc(),
                4,
                sps,
                pps,
                trailer,
                first.chromaFormatIdc(),
                first.bitDepthLuma() - 8,
                first.bitDepthChroma() - 8,
                List.of());
    }

    private static void checkParameterSet(byte[] nal, int type, String what) throws MediaParseException {
        if (nal.length == 0) {
            throw MediaParseException.malformed(LAYER, -1, "empty " + what);
        }
        if (nal.length > NalUnits.MAX_PARAMETER_SET_BYTES) {
            throw MediaParseException.malformed(
                    LAYER, -1, what + " of " + nal.length + " bytes exceeds " + NalUnits.MAX_PARAMETER_SET_BYTES);
        }
        if ((nal[0] & 0x1f) != type) {
            throw MediaParseException.malformed(LAYER, -1, what + " has NAL type " + (nal[0] & 0x1f));
        }
    }

    /** Reads {@code count} NALs each with a 16-bit length, starting after the count byte at pos[0]. */
    static List<byte[]> readNals(String layer, byte[] b, int[] pos, int count, int countBytes, String what)
            throws MediaParseException {
        int p = pos[0] + countBytes;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (b.length - p < 2) {
                throw MediaParseException.truncated(layer, p, what + " " + i + " of " + count + ": length missing");
            }
            int len = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
            p += 2;
            if (len > b.length - p) {
                throw MediaParseException.truncated(
                        layer, p - 2, what + " of " + len + " bytes, " + (b.length - p) + " left");
            }
            out.add(Arrays.copyOfRange(b, p, p + len));
            p += len;
        }
        pos[0] = p;
        return out;
    }

    static void writeNals(ByteArrayOutputStream out, List<byte[]> nals) {
        for (byte[] n : nals) {
            out.write(n.length >> 8);
            out.write(n.length);
            out.write(n, 0, n.length);
        }
    }

    static void checkNals(String what, List<byte[]> nals, int max) {
        if (nals.size() > max) {
            throw new IllegalArgumentException(nals.size() + " " + what + " exceed " + max);
        }
        for (byte[] n : nals) {
            if (n.length > NalUnits.MAX_PARAMETER_SET_BYTES) {
                throw new IllegalArgumentException(what + " of " + n.length + " bytes");
            }
        }
    }

    static List<byte[]> copy(List<byte[]> nals) {
        List<byte[]> out = new ArrayList<>(nals.size());
        for (byte[] n : nals) {
            out.add(n.clone());
        }
        return List.copyOf(out);
    }

    public int profileIdc() {
        return profileIdc;
    }

    /** The constraint flags byte (profile_compatibility). */
    public int profileCompatibility() {
        return profileCompatibility;
    }

    public int levelIdc() {
        return levelIdc;
    }

    /** 1, 2 or 4. */
    public int nalLengthSize() {
        return nalLengthSize;
    }

    /** Copies of the SPS NALs. */
    public List<byte[]> sps() {
        return copy(sps);
    }

    public List<byte[]> pps() {
        return copy(pps);
    }

    public boolean hasHighTrailer() {
        return hasHighTrailer;
    }

    public int chromaFormat() {
        return chromaFormat;
    }

    public int bitDepthLumaMinus8() {
        return bitDepthLumaMinus8;
    }

    public int bitDepthChromaMinus8() {
        return bitDepthChromaMinus8;
    }

    public List<byte[]> spsExt() {
        return copy(spsExt);
    }

    /** The profile name ffprobe prints. */
    public String profileName() {
        return CodecConfigs.h264ProfileName(profileIdc, profileCompatibility);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvcDecoderConfigurationRecord r && Arrays.equals(write(), r.write());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(write());
    }

    @Override
    public String toString() {
        return "avcC " + profileName() + " level " + levelIdc + ", " + sps.size() + " SPS, " + pps.size()
                + " PPS, NAL length " + nalLengthSize;
    }
}
