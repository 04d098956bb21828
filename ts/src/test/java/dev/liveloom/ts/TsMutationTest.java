package dev.liveloom.ts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Mutations;
import dev.liveloom.ts.pes.PesHeader;
import dev.liveloom.ts.psi.Pat;
import dev.liveloom.ts.psi.Pmt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed robustness: 100k mutants of the fixtures (their first 40 TS packets, to keep the run
 * short) through the push demuxer (split into random chunks) and the file demuxer, and 100k mutants
 * of real PAT/PMT sections and PES headers through their parsers. The push demuxer must never throw;
 * the others only MediaParseException. A failure names the seed and mutant to reproduce it.
 */
class TsMutationTest {
    private static final int MUTANTS = 100_000;
    private static final int PACKETS = 40;

    @Test
    void demuxerSurvivesMutants() throws Exception {
        List<byte[]> originals = new ArrayList<>();
        for (String name : TsDemuxerTest.FIXTURES) {
            byte[] ts = Fixtures.bytes(name);
            originals.add(Arrays.copyOf(ts, Math.min(ts.length, PACKETS * 188)));
        }
        Mutations m = new Mutations(0x7575L);
        int failures = 0;
        long packets = 0;
        long events = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = m.mutate(originals.get(i % originals.size()));
            try {
                if (i % 2 == 0) {
                    TsRun run = TsRun.of(mutant, 1 + m.random().nextInt(400));
                    packets += run.packets.size();
                    events += run.events.size();
                } else {
                    TsInputDemuxer d = new TsInputDemuxer(new ByteArrayInput("m.ts", mutant));
                    try {
                        while (d.read() != null) {
                            packets++;
                        }
                    } catch (MediaParseException expected) {
                        failures++;
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " (seed 0x7575) threw " + e, e);
            }
        }
        // both paths ran: most mutants still demux, glitches were reported, some files failed
        assertThat(packets).isGreaterThan(MUTANTS * 3L);
        assertThat(events).isGreaterThan(MUTANTS / 10);
        assertThat(failures).isBetween(MUTANTS / 200, MUTANTS / 2);
    }

    @Test
    void sectionAndPesParsersSurviveMutants() {
        List<byte[]> sections = new ArrayList<>();
        List<byte[]> pes = new ArrayList<>();
        for (String name : TsDemuxerTest.FIXTURES) {
            collect(Fixtures.bytes(name), sections, pes);
        }
        assertThat(sections).hasSizeGreaterThanOrEqualTo(6);
        assertThat(pes).hasSizeGreaterThan(100);
        Mutations m = new Mutations(0x5EC7L);
        int parsed = 0;
        for (int i = 0; i < MUTANTS; i++) {
            try {
                if (i % 2 == 0) {
                    byte[] s = m.mutate(sections.get(i % sections.size()));
                    if ((i / 2) % 2 == 0) {
                        Pat.read(s, 0, s.length);
                    } else {
                        Pmt.read(s, 0, s.length);
                    }
                } else {
                    byte[] h = m.mutate(pes.get(i % pes.size()));
                    PesHeader.read(h, 0, h.length);
                }
                parsed++;
            } catch (MediaParseException expected) {
                // the one allowed failure
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " (seed 0x5EC7) threw " + e, e);
            }
        }
        assertThat(parsed).isBetween(MUTANTS / 10, MUTANTS - 1);
    }

    /** The first PAT/PMT sections (whole, from one packet) and the starts of PES of a file. */
    static void collect(byte[] ts, List<byte[]> sections, List<byte[]> pes) {
        int found = 0;
        for (int p = 0; p + 188 <= ts.length; p += 188) {
            if ((ts[p + 1] & 0x40) == 0) {
                continue;
            }
            int pid = ((ts[p + 1] & 0x1f) << 8) | (ts[p + 2] & 0xff);
            int payload = p + 4 + ((ts[p + 3] & 0x20) != 0 ? 1 + (ts[p + 4] & 0xff) : 0);
            if ((pid == 0 || pid == 4096) && found < 2) {
                int start = payload + 1 + (ts[payload] & 0xff);
                int len = 3 + (((ts[start + 1] & 0x0f) << 8) | (ts[start + 2] & 0xff));
                sections.add(Arrays.copyOfRange(ts, start, start + len));
                found++;
            } else if (pid != 0 && pid != 4096) {
                pes.add(Arrays.copyOfRange(ts, payload, Math.min(payload + 32, p + 188)));
            }
        }
    }
}
