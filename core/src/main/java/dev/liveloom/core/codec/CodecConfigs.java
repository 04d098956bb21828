package dev.liveloom.core.codec;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import java.util.List;

/**
 * Builds a {@link TrackFormat} from a codec and its decoder configuration record as containers store
 * it (avcC, hvcC, AudioSpecificConfig): the one place demuxers turn config bytes into a format.
 */
public final class CodecConfigs {
    private CodecConfigs() {}

    /**
     * The format described by {@code config}. For H.264 and H.265 the profile, level and size come from
     * the record's first SPS (the size after cropping, as ffprobe reports it); when that SPS cannot be
     * parsed, profile and level come from the record and the size is 0x0.
     *
     * @throws MediaParseException when the record is malformed (layer names the record type)
     */
    public static TrackFormat toFormat(Codec codec, byte[] config) throws MediaParseException {
        TrackFormat.Builder b = TrackFormat.builder(codec).codecConfig(config);
        switch (codec) {
            case H264 -> {
                AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(config);
                b.profile(r.profileName()).level(r.levelIdc()).nalLengthSize(r.nalLengthSize());
                H264Sps s = firstH264Sps(r.sps());
                if (s != null) {
                    // the SPS is what decoders (and ffprobe) use; the record's copy of its bytes can be stale
                    b.profile(s.profileName()).level(s.levelIdc()).size(s.width(), s.height());
                }
            }
            case HEVC -> {
                HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(config);
                b.profile(r.profileName()).level(r.levelIdc()).nalLengthSize(r.nalLengthSize());
                H265Sps s = firstH265Sps(r.nals(NalUnits.H265_SPS));
                if (s != null) {
                    b.profile(s.profileName()).level(s.levelIdc()).size(s.width(), s.height());
                }
            }
            case AAC -> {
                AudioSpecificConfig asc = AudioSpecificConfig.parse(config);
                b.profile(asc.profileName()).sampleRate(asc.outputSampleRate()).channels(asc.channels());
            }
        }
        return b.build();
    }

    /**
     * The first SPS, or null when there is none or it cannot be parsed: the record itself is sound and
     * is relayed as it is, so an SPS we cannot read (a stub, an extension we do not know) leaves the
     * size unknown (0x0) instead of failing the track, as ffprobe still lists such a stream.
     */
    private static H264Sps firstH264Sps(List<byte[]> sps) {
        if (sps.isEmpty()) {
            return null;
        }
        try {
            return H264Sps.parse(sps.get(0));
        } catch (MediaParseException e) {
            return null;
        }
    }

    private static H265Sps firstH265Sps(List<byte[]> sps) {
        if (sps.isEmpty()) {
            return null;
        }
        try {
            return H265Sps.parse(sps.get(0));
        } catch (MediaParseException e) {
            return null;
        }
    }

    /** The profile name ffprobe prints for an H.264 profile_idc and its constraint flags byte. */
    public static String h264ProfileName(int profileIdc, int constraintFlags) {
        boolean set1 = (constraintFlags & 0x40) != 0;
        boolean set3 = (constraintFlags & 0x10) != 0;
        return switch (profileIdc) {
            case 66 -> set1 ? "Constrained Baseline" : "Baseline";
            case 77 -> "Main";
            case 88 -> "Extended";
            case 100 -> "High";
            case 110 -> set3 ? "High 10 Intra" : "High 10";
            case 122 -> set3 ? "High 4:2:2 Intra" : "High 4:2:2";
            case 244 -> set3 ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
            case 44 -> "CAVLC 4:4:4";
            default -> "profile " + profileIdc;
        };
    }

    /** The profile name ffprobe prints for an H.265 general_profile_idc. */
    public static String h265ProfileName(int profileIdc) {
        return switch (profileIdc) {
            case 1 -> "Main";
            case 2 -> "Main 10";
            case 3 -> "Main Still Picture";
            case 4 -> "Rext";
            default -> "profile " + profileIdc;
        };
    }

    /** The profile name ffprobe prints for an AAC audio object type. */
    public static String aacProfileName(int objectType) {
        return switch (objectType) {
            case 1 -> "Main";
            case 2 -> "LC";
            case 3 -> "SSR";
            case 4 -> "LTP";
            case 5 -> "HE-AAC";
            case 29 -> "HE-AACv2";
            default -> "object type " + objectType;
        };
    }
}
