package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Jazzer fuzz targets, one per parser. In plain {@code mvn verify} they run in regression mode over
 * the committed corpus in {@code CodecFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} they fuzz.
 * Each target accepts only {@link MediaParseException}, and checks that what parses also writes back
 * to something that parses to the same value.
 */
class CodecFuzzTest {
    @FuzzTest(maxDuration = "45s")
    void avcC(byte[] data) throws Exception {
        try {
            AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(data);
            assertThat(AvcDecoderConfigurationRecord.parse(r.write())).isEqualTo(r);
            for (byte[] sps : r.sps()) {
                tryH264Sps(sps);
            }
        } catch (MediaParseException expected) {
            // malformed input is fine
        }
    }

    @FuzzTest(maxDuration = "45s")
    void hvcC(byte[] data) throws Exception {
        try {
            HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(data);
            assertThat(HevcDecoderConfigurationRecord.parse(r.write())).isEqualTo(r);
            for (byte[] sps : r.nals(NalUnits.H265_SPS)) {
                tryH265Sps(sps);
            }
        } catch (MediaParseException expected) {
            // malformed input is fine
        }
    }

    @FuzzTest(maxDuration = "45s")
    void audioSpecificConfig(byte[] data) throws Exception {
        try {
            AudioSpecificConfig a = AudioSpecificConfig.parse(data);
            assertThat(AudioSpecificConfig.parse(a.write())).isEqualTo(a);
            assertThat(a.channels()).isBetween(0, 93);
        } catch (MediaParseException expected) {
            // malformed input is fine
        }
    }

    @FuzzTest(maxDuration = "45s")
    void adts(byte[] data) throws Exception {
        try {
            Adts a = Adts.parse(data, 0, data.length);
            assertThat(a.toBytes()).isEqualTo(Arrays.copyOf(data, a.headerSize()));
            a.toAudioSpecificConfig();
        } catch (MediaParseException expected) {
            // malformed input is fine
        }
    }

    @FuzzTest(maxDuration = "45s")
    void h264Sps(byte[] data) throws Exception {
        tryH264Sps(data);
    }

    @FuzzTest(maxDuration = "45s")
    void h265Sps(byte[] data) throws Exception {
        tryH265Sps(data);
    }

    @FuzzTest(maxDuration = "45s")
    void nalUnits(byte[] data) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(data).asReadOnlyBuffer();
        byte[] lp = NalUnits.annexBToLengthPrefixed(b, 4);
        byte[] back = NalUnits.lengthPrefixedToAnnexB(ByteBuffer.wrap(lp), 4);
        assertThat(NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(back), 4)).isEqualTo(lp);
        assertThat(NalUnits.unescape(NalUnits.escape(data))).isEqualTo(data);
        NalUnits.containsRandomAccessAnnexB(Codec.HEVC, b);
        for (int size : new int[] {1, 2, 4}) {
            try {
                NalUnits.extractParameterSets(Codec.H264, b, size);
                NalUnits.containsRandomAccess(Codec.HEVC, b, size);
            } catch (MediaParseException expected) {
                // truncated length-prefixed data is fine
            }
        }
    }

    static void tryH264Sps(byte[] data) {
        try {
            H264Sps s = H264Sps.parse(data);
            assertThat(s.width()).isBetween(1, H264Sps.MAX_DIMENSION);
            assertThat(s.height()).isBetween(1, 2 * H264Sps.MAX_DIMENSION);
            AvcDecoderConfigurationRecord.fromParameterSets(java.util.List.of(data), java.util.List.of());
        } catch (MediaParseException expected) {
            // malformed input is fine
        }
    }

    static void tryH265Sps(byte[] data) {
        try {
            H265Sps s = H265Sps.parse(data);
            assertThat(s.width()).isBetween(1, H265Sps.MAX_DIMENSION);
            assertThat(s.height()).isBetween(1, H265Sps.MAX_DIMENSION);
            HevcDecoderConfigurationRecord.fromParameterSets(
                    java.util.List.of(), java.util.List.of(data), java.util.List.of());
        } catch (MediaParseException expected) {
            // malformed input is fine
        }
    }
}
