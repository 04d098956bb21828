package dev.liveloom.flv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Mutations;
import dev.liveloom.flv.amf0.Amf0Reader;
import dev.liveloom.flv.tag.AudioTagBody;
import dev.liveloom.flv.tag.VideoTagBody;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed robustness: 100k mutants of the real fixtures through the demuxer, and 100k mutants of
 * real tag bodies and onMetaData through each body parser. The only exception allowed is
 * {@link MediaParseException}; anything else fails with the seed and mutant index to reproduce it.
 */
class FlvMutationTest {
    private static final int MUTANTS = 100_000;

    @Test
    void demuxerSurvivesMutants() {
        List<byte[]> originals = new ArrayList<>();
        for (String name : FlvDemuxerTest.FIXTURES) {
            originals.add(Fixtures.bytes(name));
        }
        Mutations m = new Mutations(0xF1F1L);
        int failures = 0;
        int packets = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = m.mutate(originals.get(i % originals.size()));
            DemuxRun run;
            try {
                run = DemuxRun.of(mutant);
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " (seed 0xF1F1) threw " + e, e);
            }
            if (run.failure != null) {
                assertThat(run.failure).as("mutant %d", i).isInstanceOf(MediaParseException.class);
                failures++;
            }
            packets += run.packets.size();
        }
        // most mutants still demux, some fail: both paths ran
        assertThat(failures).isBetween(MUTANTS / 100, MUTANTS - MUTANTS / 100);
        assertThat(packets).isGreaterThan(MUTANTS);
    }

    @Test
    void bodyParsersSurviveMutants() {
        List<byte[]> video = new ArrayList<>();
        List<byte[]> audio = new ArrayList<>();
        List<byte[]> script = new ArrayList<>();
        for (String name : FlvDemuxerTest.FIXTURES) {
            collectBodies(Fixtures.bytes(name), video, audio, script);
        }
        assertThat(video).hasSizeGreaterThan(10);
        assertThat(audio).hasSizeGreaterThan(10);
        assertThat(script).hasSize(FlvDemuxerTest.FIXTURES.length);
        Mutations m = new Mutations(0xB0D1L);
        int parsed = 0;
        for (int i = 0; i < MUTANTS; i++) {
            try {
                switch (i % 3) {
                    case 0 -> VideoTagBody.parse(ByteBuffer.wrap(m.mutate(video.get(i % video.size()))));
                    case 1 -> AudioTagBody.parse(ByteBuffer.wrap(m.mutate(audio.get(i % audio.size()))));
                    default -> Amf0Reader.readAll(ByteBuffer.wrap(m.mutate(script.get(i % script.size()))));
                }
                parsed++;
            } catch (MediaParseException expected) {
                // the one allowed failure
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " (seed 0xB0D1) threw " + e, e);
            }
        }
        assertThat(parsed).isBetween(MUTANTS / 10, MUTANTS - 1);
    }

    /** Tag bodies of a file (short ones whole, long ones cut to 64 bytes to keep mutants fast). */
    private static void collectBodies(byte[] flv, List<byte[]> video, List<byte[]> audio, List<byte[]> script) {
        int p = 13;
        while (p + 11 <= flv.length) {
            int type = flv[p] & 0x1f;
            int size = ((flv[p + 1] & 0xff) << 16) | ((flv[p + 2] & 0xff) << 8) | (flv[p + 3] & 0xff);
            byte[] body = Arrays.copyOfRange(flv, p + 11, p + 11 + size);
            switch (type) {
                case 9 -> video.add(Arrays.copyOf(body, Math.min(body.length, 64)));
                case 8 -> audio.add(Arrays.copyOf(body, Math.min(body.length, 64)));
                case 18 -> script.add(body);
                default -> {}
            }
            p += 11 + size + 4;
        }
    }
}
