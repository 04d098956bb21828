package dev.liveloom.core.codec;

import dev.liveloom.core.media.MediaParseException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1), the hvcC box body and the enhanced-FLV
 * HEVC sequence header: the general profile/tier/level, chroma format and bit depths, NAL length size
 * and arrays of NAL units (VPS, SPS, PPS, SEI) grouped by type.
 */
public final class HevcDecoderConfigurationRecord {
    static final String LAYER = "hvcC";

    /** The fixed part before the arrays. */
    static final int HEADER_BYTES = 23;

    /**
     * Most NAL units accepted across all arrays. The counts are 16-bit, so a few bytes of garbage could
     * announce 65535 empty NALs per array; real records carry one VPS, SPS and PPS and maybe a few SEI.
     */
    public static final int MAX_NALS = 1024;

    /** One array of NAL units of one type. */
    public record NalArray(boolean complete, int type, List<byte[]> nals) {
        public NalArray {
            if (type < 0 || type > 63) {
                throw new IllegalArgumentException("NAL type " + type);
            }
            AvcDecoderConfigurationRecord.checkNals("NAL", nals, 0xFFFF);
            nals = AvcDecoderConfigurationRecord.copy(nals);
        }

        @Override
        public List<byte[]> nals() {
            return AvcDecoderConfigurationRecord.copy(nals);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof NalArray a)
                    || a.complete != complete
                    || a.type != type
                    || a.nals.size() != nals.size()) {
                return false;
            }
            for (int i = 0; i < nals.size(); i++) {
                if (!Arrays.equals(nals.get(i), a.nals.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = type * 2 + (complete ? 1 : 0);
            for (byte[] n : nals) {
                h = h * 31 + Arrays.hashCode(n);
            }
            return h;
        }
    }

    private final int profileSpace;
    private final int tier;
    private final int profileIdc;
    private final int profileCompatibilityFlags;
    private final long constraintIndicatorFlags;
    private final int levelIdc;
    private final int minSpatialSegmentationIdc;
    private final int parallelismType;
    private final int chromaFormat;
    private final int bitDepthLumaMinus8;
    private final int bitDepthChromaMinus8;
    private final int avgFrameRate;
    private final int constantFrameRate;
    private final int numTemporalLayers;
    private final boolean temporalIdNested;
    private final int nalLengthSize;
    private final List<NalArray> arrays;

    /** A record. Fields are masked to their bit widths; {@code nalLengthSize} is 1, 2 or 4. */
    public HevcDecoderConfigurationRecord(
            int profileSpace,
            int tier,
            int profileIdc,
            int profileCompatibilityFlags,
            long constraintIndicatorFlags,
            int levelIdc,
            int minSpatialSegmentationIdc,
            int parallelismType,
            int chromaFormat,
            int bitDepthLumaMinus8,
            int bitDepthChromaMinus8,
            int avgFrameRate,
            int constantFrameRate,
            int numTemporalLayers,
            boolean temporalIdNested,
            int nalLengthSize,
            List<NalArray> arrays) {
        if (nalLengthSize != 1 && nalLengthSize != 2 && nalLengthSize != 4) {
            throw new IllegalArgumentException("NAL length size " + nalLengthSize);
        }
        if (arrays.size() > 255) {
            throw new IllegalArgumentException(arrays.size() + " NAL arrays exceed 255");
        }
        this.profileSpace = profileSpace & 3;
        this.tier = tier & 1;
        this.profileIdc = profileIdc & 0x1f;
        this.profileCompatibilityFlags = profileCompatibilityFlags;
        this.constraintIndicatorFlags = constraintIndicatorFlags & 0xFFFF_FFFF_FFFFL;
        this.levelIdc = levelIdc & 0xff;
        this.minSpatialSegmentationIdc = minSpatialSegmentationIdc & 0xfff;
        this.parallelismType = parallelismType & 3;
        this.chromaFormat = chromaFormat & 3;
        this.bitDepthLumaMinus8 = bitDepthLumaMinus8 & 7;
        this.bitDepthChromaMinus8 = bitDepthChromaMinus8 & 7;
        this.avgFrameRate = avgFrameRate & 0xffff;
        this.constantFrameRate = constantFrameRate & 3;
        this.numTemporalLayers = numTemporalLayers & 7;
        this.temporalIdNested = temporalIdNested;
        this.nalLengthSize = nalLengthSize;
        this.arrays = List.copyOf(arrays);
    }

    /** Parses a record. */
    public static HevcDecoderConfigurationRecord parse(byte[] b) throws MediaParseException {
        if (b.length < HEADER_BYTES) {
            throw MediaParseException.truncated(
                    LAYER, b.length, "record needs at least " + HEADER_BYTES + " bytes, " + b.length + " present");
        }
        if (b[0] != 1) {
            throw MediaParseException.unsupported(LAYER, 0, "configurationVersion " + (b[0] & 0xff));
        }
        int lengthSizeMinusOne = b[21] & 3;
        if (lengthSizeMinusOne == 2) {
            throw MediaParseException.malformed(LAYER, 21, "lengthSizeMinusOne 2 (NAL length size 3)");
        }
        int numArrays = b[22] & 0xff;
        List<NalArray> arrays = new ArrayList<>();
        int p = HEADER_BYTES;
        int total = 0;
        for (int a = 0; a < numArrays; a++) {
            if (b.length - p < 3) {
                throw MediaParseException.truncated(
                        LAYER, p, "NAL array " + a + " of " + numArrays + ": header missing");
            }
            boolean complete = (b[p] & 0x80) != 0;
            int type = b[p] & 0x3f;
            int count = ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
            total += count;
            if (total > MAX_NALS) {
                throw MediaParseException.malformed(LAYER, p + 1, "more than " + MAX_NALS + " NAL units");
            }
            int[] pos = {p + 1};
            List<byte[]> nals = AvcDecoderConfigurationRecord.readNals(LAYER, b, pos, count, 2, "NAL type " + type);
            arrays.add(new NalArray(complete, type, nals));
            p = pos[0];
        }
        long constraints = 0;
        for (int i = 6; i < 12; i++) {
            constraints = (constraints << 8) | (b[i] & 0xff);
        }
        return new HevcDecoderConfigurationRecord(
                (b[1] >> 6) & 3,
                (b[1] >> 5) & 1,
                b[1] & 0x1f,
                ((b[2] & 0xff) << 24) | ((b[3] & 0xff) << 16) | ((b[4] & 0xff) << 8) | (b[5] & 0xff),
                constraints,
                b[12] & 0xff,
                ((b[13] & 0x0f) << 8) | (b[14] & 0xff),
                b[15] & 3,
                b[16] & 3,
                b[17] & 7,
                b[18] & 7,
                ((b[19] & 0xff) << 8) | (b[20] & 0xff),
                (b[21] >> 6) & 3,
                (b[21] >> 3) & 7,
                (b[21] & 4) != 0,
                lengthSizeMinusOne + 1,
                arrays);
    }

    /** The record bytes. */
    public byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(1);
        out.write((profileSpace << 6) | (tier << 5) | profileIdc);
        for (int i = 3; i >= 0; i--) {
            out.write(profileCompatibilityFlags >>> (8 * i));
        }
        for (int i = 5; i >= 0; i--) {
            out.write((int) (constraintIndicatorFlags >>> (8 * i)));
        }
        out.write(levelIdc);
        out.write(0xf0 | (minSpatialSegmentationIdc >> 8));
        out.write(minSpatialSegmentationIdc);
        out.write(0xfc | parallelismType);
        out.write(0xfc | chromaFormat);
        out.write(0xf8 | bitDepthLumaMinus8);
        out.write(0xf8 | bitDepthChromaMinus8);
        out.write(avgFrameRate >> 8);
        out.write(avgFrameRate);
        out.write(
                (constantFrameRate << 6) | (numTemporalLayers << 3) | (temporalIdNested ? 4 : 0) | (nalLengthSize - 1));
        out.write(arrays.size());
        for (NalArray a : arrays) {
            out.write((a.complete() ? 0x80 : 0) | a.type());
            out.write(a.nals.size() >> 8);
            out.write(a.nals.size());
            AvcDecoderConfigurationRecord.writeNals(out, a.nals);
        }
        return out.toByteArray();
    }

    /**
     * A record for raw VPS, SPS and PPS NALs (without start codes) with 4-byte NAL lengths. The
     * general profile, tier, level, chroma format, bit depths and temporal layers come from the first
     * SPS; each array is marked complete.
     */
    public static HevcDecoderConfigurationRecord fromParameterSets(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps)
            throws MediaParseException {
        if (sps.isEmpty()) {
            throw MediaParseException.malformed(LAYER, -1, "no SPS");
        }
        if (vps.size() + sps.size() + pps.size() > MAX_NALS) {
            throw MediaParseException.malformed(LAYER, -1, "more than " + MAX_NALS + " parameter sets");
        }
        check(vps, NalUnits.H265_VPS, "VPS");
        check(sps, NalUnits.H265_SPS, "SPS");
        check(pps, NalUnits.H265_PPS, "PPS");
        H265Sps s = H265Sps.parse(sps.get(0));
        List<NalArray> arrays = new ArrayList<>();
        if (!vps.isEmpty()) {
            arrays.add(new NalArray(true, NalUnits.H265_VPS, vps));
        }
        arrays.add(new NalArray(true, NalUnits.H265_SPS, sps));
        if (!pps.isEmpty()) {
            arrays.add(new NalArray(true, NalUnits.H265_PPS, pps));
        }
        return new HevcDecoderConfigurationRecord(
                s.profileSpace(),
                s.tier(),
                s.profileIdc(),
                s.profileCompatibilityFlags(),
                s.constraintIndicatorFlags(),
                s.levelIdc(),
                0,
                0,
                s.chromaFormatIdc(),
                s.bitDepthLuma() - 8,
                s.bitDepthChroma() - 8,
                0,
                0,
                s.maxSubLayers(),
                s.temporalIdNesting(),
                4,
                arrays);
    }

    private static void check(List<byte[]> nals, int type, String what) throws MediaParseException {
        for (byte[] n : nals) {
            if (n.length < 2) {
                throw MediaParseException.malformed(LAYER, -1, what + " of " + n.length + " bytes");
            }
            if (n.length > NalUnits.MAX_PARAMETER_SET_BYTES) {
                throw MediaParseException.malformed(
                        LAYER, -1, what + " of " + n.length + " bytes exceeds " + NalUnits.MAX_PARAMETER_SET_BYTES);
            }
            int t = (n[0] >> 1) & 0x3f;
            if (t != type) {
                throw MediaParseException.malformed(LAYER, -1, what + " has NAL type " + t);
            }
        }
    }

    /** The NALs of all arrays of {@code type}, in record order. */
    public List<byte[]> nals(int type) {
        List<byte[]> out = new ArrayList<>();
        for (NalArray a : arrays) {
            if (a.type() == type) {
                out.addAll(a.nals);
            }
        }
        return out;
    }

    public List<NalArray> arrays() {
        return arrays;
    }

    public int profileSpace() {
        return profileSpace;
    }

    public int tier() {
        return tier;
    }

    public int profileIdc() {
        return profileIdc;
    }

    public int profileCompatibilityFlags() {
        return profileCompatibilityFlags;
    }

    public long constraintIndicatorFlags() {
        return constraintIndicatorFlags;
    }

    public int levelIdc() {
        return levelIdc;
    }

    public int minSpatialSegmentationIdc() {
        return minSpatialSegmentationIdc;
    }

    public int parallelismType() {
        return parallelismType;
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

    public int avgFrameRate() {
        return avgFrameRate;
    }

    public int constantFrameRate() {
        return constantFrameRate;
    }

    public int numTemporalLayers() {
        return numTemporalLayers;
    }

    public boolean temporalIdNested() {
        return temporalIdNested;
    }

    public int nalLengthSize() {
        return nalLengthSize;
    }

    /** The profile name ffprobe prints. */
    public String profileName() {
        return CodecConfigs.h265ProfileName(profileIdc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HevcDecoderConfigurationRecord r && Arrays.equals(write(), r.write());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(write());
    }

    @Override
    public String toString() {
        return "hvcC " + profileName() + " level " + levelIdc + ", " + arrays.size() + " arrays, NAL length "
                + nalLengthSize;
    }
}
