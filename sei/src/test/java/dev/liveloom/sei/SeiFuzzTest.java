package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import java.util.List;

/**
 * Jazzer targets. In plain {@code mvn verify} they run in regression mode over the committed corpus in
 * {@code SeiFuzzTestInputs/<method>/} (encoder SEIs from the fixtures, first access units); with
 * {@code JAZZER_FUZZ=1} they fuzz. Only {@link MediaParseException} is accepted.
 */
class SeiFuzzTest {
    /** Any bytes as an H.264 and as an H.265 SEI: what reads must write back to the same messages. */
    @FuzzTest
    void reader(byte[] data) throws Exception {
        for (Codec codec : List.of(Codec.H264, Codec.HEVC)) {
            try {
                List<SeiMessage> m = SeiReader.read(codec, data);
                assertThat(m).isNotEmpty();
                assertThat(SeiReader.read(codec, SeiWriter.write(codec, m))).isEqualTo(m);
            } catch (MediaParseException expected) {
                // malformed input is fine
            }
        }
    }

    /** Any bytes as a length-prefixed access unit: inserted SEI must read back, the rest must stay. */
    @FuzzTest
    void inserter(FuzzedDataProvider in) throws Exception {
        Codec codec = in.consumeBoolean() ? Codec.HEVC : Codec.H264;
        int lengthSize = in.pickValue(new int[] {1, 2, 4});
        boolean key = in.consumeBoolean();
        long ptsUs = in.consumeLong();
        byte[] au = in.consumeRemainingAsBytes();
        SeiInserter ins = new SeiInserter(
                SeiSettings.builder()
                        .layoutVolume(SeiSettings.Channel.layoutVolume(
                                SeiSchedule.ONCE, LayoutSei.singleStreamer("u", 16, 16)))
                        .build(),
                new Aus.TestClock(1));
        MediaPacket p = Aus.packet(Aus.format(codec, lengthSize), ptsUs, key, au);
        try {
            MediaPacket out = ins.apply(p);
            if (out != p) {
                List<byte[]> before = Aus.nals(p);
                List<byte[]> after = Aus.nals(out);
                assertThat(after).hasSize(before.size() + 1);
                assertThat(SeiReader.read(
                                codec,
                                after.stream()
                                        .filter(n -> !before.stream().anyMatch(b -> b == n))
                                        .filter(n -> isSei(codec, n))
                                        .reduce((a, b) -> b)
                                        .orElseThrow()))
                        .hasSize(1);
                assertThat(Aus.bytes(out).length).isGreaterThan(au.length);
            }
        } catch (MediaParseException expected) {
            // broken length prefixes
        }
    }

    private static boolean isSei(Codec codec, byte[] n) {
        return n.length > 0 && dev.liveloom.core.codec.NalUnits.type(codec, n[0]) == (codec == Codec.HEVC ? 39 : 6);
    }
}
