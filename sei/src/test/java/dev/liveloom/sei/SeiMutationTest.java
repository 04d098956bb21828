package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Mutations;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed mutants of real SEI NALs (x264's and x265's version SEIs from the fixtures, our own layout
 * SEIs) and real access units: the reader and the inserter must answer each with a value or a
 * {@link MediaParseException}, never another exception.
 */
class SeiMutationTest {
    static final int MUTANTS = 100_000;

    @FunctionalInterface
    interface Parser {
        void parse(byte[] b) throws MediaParseException;
    }

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

    static byte[] corpus(String name) throws IOException {
        try (InputStream in = SeiMutationTest.class.getResourceAsStream("SeiFuzzTestInputs/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void reader() throws Exception {
        byte[] x264 = corpus("reader/h264-encoder-sei");
        byte[] x265 = corpus("reader/hevc-encoder-sei");
        assertThat(SeiReader.read(Codec.H264, x264).get(0).uuid())
                .isEqualTo(UUID.fromString("dc45e9bd-e6d9-48b7-962c-d820d923eeef"));
        assertThat(new String(SeiReader.read(Codec.HEVC, x265).get(0).data(), "US-ASCII"))
                .startsWith("x265 (build ");
        byte[] layout = SeiWriter.write(
                Codec.H264,
                SeiMessage.userData(
                        SeiSettings.LAYOUT_VOLUME_UUID,
                        LayoutSei.singleStreamer("streamer111", 1920, 1080).toJsonBytes()),
                SeiMessage.of(100, Hex.bytes("000000010203")));
        List<byte[]> seeds = List.of(x264, x265, layout);
        int okH264 = run(11, seeds, b -> {
            List<SeiMessage> m = SeiReader.read(Codec.H264, b);
            SeiReader.read(Codec.H264, SeiWriter.write(Codec.H264, m));
        });
        int okHevc = run(12, seeds, b -> SeiReader.read(Codec.HEVC, b));
        assertThat(okH264).as("some mutants still parse").isGreaterThan(1000);
        assertThat(okHevc).isGreaterThan(1000);
    }

    @Test
    void inserter() throws Exception {
        byte[] h264 = corpus("inserter/h264-first-au");
        byte[] hevc = corpus("inserter/hevc-first-au");
        SeiSettings s = SeiSettings.builder()
                .layoutVolume(SeiSettings.Channel.layoutVolume(
                        SeiSchedule.onKeyFrames(), LayoutSei.singleStreamer("u", 320, 180)))
                .build();
        SeiInserter ins = new SeiInserter(s, new Aus.TestClock(1));
        int[] inserted = {0};
        run(13, List.of(h264), b -> {
            MediaPacket p = Aus.packet(Aus.format(Codec.H264, 4), 0, true, b);
            if (ins.apply(p) != p) {
                inserted[0]++;
            }
        });
        run(14, List.of(hevc), b -> {
            MediaPacket p = Aus.packet(Aus.format(Codec.HEVC, 4), 0, true, b);
            if (ins.apply(p) != p) {
                inserted[0]++;
            }
        });
        assertThat(inserted[0]).isGreaterThan(1000);
    }
}
