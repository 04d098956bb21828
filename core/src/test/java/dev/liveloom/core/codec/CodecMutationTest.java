package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Mutations;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed mutants of real records and NALs: each parser must answer every mutant with a value or a
 * {@link MediaParseException}, never another exception. Any other exception fails the test with the
 * mutant in hex, to be committed as a fuzz regression input.
 */
class CodecMutationTest {
    static final int MUTANTS = 100_000;

    @FunctionalInterface
    interface Parser {
        void parse(byte[] b) throws MediaParseException;
    }

    /** Runs MUTANTS mutants of the seeds through {@code p}; returns how many parsed without error. */
    static int run(long seed, List<byte[]> seeds, Parser p) {
        Mutations m = new Mutations(seed);
        int ok = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = m.mutate(seeds.get(i % seeds.size()));
            try {
                p.parse(mutant);
                ok++;
            } catch (MediaParseException expected) {
                // the only failure allowed
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("mutant " + i + " " + Hex.of(mutant) + " threw " + e, e);
            }
        }
        return ok;
    }

    private static List<byte[]> hex(String... s) {
        return java.util.Arrays.stream(s).map(Hex::bytes).toList();
    }

    @Test
    void avcC() {
        List<byte[]> seeds = List.of(
                FixtureConfigs.box("h264-high-bframes.mp4", "avcC"),
                FixtureConfigs.box("h264-baseline.mp4", "avcC"),
                FixtureConfigs.box("h264-main-bframes.mp4", "avcC"));
        int ok = run(
                1,
                seeds,
                b -> AvcDecoderConfigurationRecord.parse(
                        AvcDecoderConfigurationRecord.parse(b).write()));
        assertThat(ok).as("some mutants still parse").isGreaterThan(1000);
    }

    @Test
    void hvcC() {
        List<byte[]> seeds = List.of(
                Hex.bytes(HevcDecoderConfigurationRecordTest.RECORD), FixtureConfigs.box("hevc-hvc1.mp4", "hvcC"));
        int ok = run(
                2,
                seeds,
                b -> HevcDecoderConfigurationRecord.parse(
                        HevcDecoderConfigurationRecord.parse(b).write()));
        assertThat(ok).isGreaterThan(1000);
    }

    @Test
    void h264Sps() {
        List<byte[]> seeds = hex(
                H264SpsTest.HIGH_320x180,
                H264SpsTest.BASELINE_1080P,
                H264SpsTest.HIGH422_10BIT,
                H264SpsTest.INTERLACED);
        List<byte[]> all = new java.util.ArrayList<>(seeds);
        all.add(H264SpsTest.craftedHigh());
        int ok = run(3, all, b -> AvcDecoderConfigurationRecord.fromParameterSets(List.of(b), List.of()));
        assertThat(ok).isGreaterThan(1000);
    }

    @Test
    void h265Sps() {
        List<byte[]> seeds =
                hex(H265SpsTest.MAIN_320x180, H265SpsTest.MAIN10, H265SpsTest.REXT_444, H265SpsTest.SUB_LAYERS);
        int ok = run(4, seeds, b -> HevcDecoderConfigurationRecord.fromParameterSets(List.of(), List.of(b), List.of()));
        assertThat(ok).isGreaterThan(1000);
    }

    @Test
    void audioSpecificConfig() {
        List<byte[]> seeds = new java.util.ArrayList<>(
                hex("1210", "121056e500", "2b118800", "eb098800", "131056e59d4880", "1780562210"));
        seeds.add(AudioSpecificConfigTest.withPce());
        seeds.add(FixtureConfigs.asc("aac-48000-1ch.m4a"));
        int ok = run(
                5,
                seeds,
                b -> AudioSpecificConfig.parse(AudioSpecificConfig.parse(b).write()));
        assertThat(ok).isGreaterThan(1000);
    }

    @Test
    void adts() {
        List<byte[]> seeds = hex("fff150802b3ffcde0200", "fff80e680da48dbeef");
        int ok = run(6, seeds, b -> Adts.parse(b, 0, b.length).toAudioSpecificConfig());
        assertThat(ok).isGreaterThan(1000);
    }

    @Test
    void nalUnits() {
        List<byte[]> seeds = hex(NalUnitsTest.ANNEX_B, NalUnitsTest.LENGTH_PREFIXED_4);
        int ok = run(7, seeds, b -> {
            ByteBuffer buf = ByteBuffer.wrap(b);
            NalUnits.lengthPrefixedToAnnexB(ByteBuffer.wrap(NalUnits.annexBToLengthPrefixed(buf, 2)), 2);
            NalUnits.extractParameterSets(Codec.H264, buf, 0);
            NalUnits.containsRandomAccess(Codec.H264, buf, 4);
        });
        assertThat(ok).isGreaterThan(1000);
    }
}
