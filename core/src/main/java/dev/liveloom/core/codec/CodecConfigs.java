package dev.liveloom.core.codec;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;

/**
 * Builds a {@link TrackFormat} from a codec and its decoder configuration record as containers store
 * it (avcC, hvcC, AudioSpecificConfig): the one place demuxers turn config bytes into a format.
 */
public final class CodecConfigs {
    private CodecConfigs() {}

    /**
     * The format described by {@code config}.
     *
     * @throws MediaParseException when the record is malformed (layer names the record type)
     */
    public static TrackFormat toFormat(Codec codec, byte[] config) throws MediaParseException {
        TrackFormat.Builder b = TrackFormat.builder(codec).codecConfig(config);
        switch (codec) {
            case H264 -> {
                if (config.length < 7) {
                    throw MediaParseException.truncated("avcC", config.length, "record needs at least 7 bytes");
                }
                int profileIdc = config[1] & 0xff;
                int compat = config[2] & 0xff;
                b.profile(h264ProfileName(profileIdc, compat))
                        .level(config[3] & 0xff)
                        .nalLengthSize((config[4] & 3) + 1);
            }
            case HEVC -> {
                if (config.length < 23) {
                    throw MediaParseException.truncated("hvcC", config.length, "record needs at least 23 bytes");
                }
                b.profile(h265ProfileName(config[1] & 0x1f))
                        .level(config[12] & 0xff)
                        .nalLengthSize((config[21] & 3) + 1);
            }
            case AAC -> {
                if (config.length < 2) {
                    throw MediaParseException.truncated("AudioSpecificConfig", config.length, "needs at least 2 bytes");
                }
                int objectType = (config[0] & 0xff) >> 3;
                int freqIndex = ((config[0] & 7) << 1) | ((config[1] & 0xff) >> 7);
                int channelConfig = (config[1] >> 3) & 0xf;
                if (freqIndex >= 13) {
                    throw MediaParseException.unsupported(
                            "AudioSpecificConfig", 0, "sampling frequency index " + freqIndex);
                }
                b.profile(aacProfileName(objectType))
                        .sampleRate(AAC_RATES[freqIndex])
                        .channels(channelConfig == 7 ? 8 : channelConfig);
            }
        }
        return b.build();
    }

    static final int[] AAC_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

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
