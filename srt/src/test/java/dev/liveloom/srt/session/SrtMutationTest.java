package dev.liveloom.srt.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.testing.Mutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed robustness: 120k mutants of the committed seed inputs through the packet, handshake and
 * key material parsers (each must answer with a value that round-trips or MediaParseException), and
 * 10k mutants of datagram sequences through a connected session (which must never throw). A failure
 * names the seed and the mutant to reproduce it.
 */
class SrtMutationTest {
    private static final int PARSER_MUTANTS = 120_000;
    private static final int SESSION_MUTANTS = 10_000;

    @Test
    void parsersSurviveMutants() {
        List<byte[]> packets = seeds("packet");
        List<byte[]> handshakes = seeds("handshake");
        List<byte[]> km = seeds("keyMaterial");
        assertThat(packets).hasSizeGreaterThanOrEqualTo(10);
        Mutations m = new Mutations(0x5A7L);
        int parsed = 0;
        for (int i = 0; i < PARSER_MUTANTS; i++) {
            try {
                boolean ok =
                        switch (i % 3) {
                            case 0 -> SrtFuzzTest.checkPacket(m.mutate(packets.get(i % packets.size())));
                            case 1 -> SrtFuzzTest.checkHandshake(m.mutate(handshakes.get(i % handshakes.size())));
                            default -> SrtFuzzTest.checkKeyMaterial(m.mutate(km.get(i % km.size())));
                        };
                parsed += ok ? 1 : 0;
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("mutant " + i + " (seed 0x5A7) failed: " + e, e);
            }
        }
        // both outcomes happen: most mutants still parse, some are refused
        assertThat(parsed).isBetween(PARSER_MUTANTS / 4, PARSER_MUTANTS - PARSER_MUTANTS / 50);
    }

    @Test
    void sessionSurvivesMutatedDatagrams() throws Exception {
        List<byte[]> sessions = seeds("session");
        Mutations m = new Mutations(0x5E55L);
        for (int i = 0; i < SESSION_MUTANTS; i++) {
            try {
                SrtFuzzTest.checkSession(m.mutate(sessions.get(i % sessions.size())));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("session mutant " + i + " (seed 0x5E55) failed: " + e, e);
            }
        }
    }

    static List<byte[]> seeds(String method) {
        try {
            Path dir = Path.of(SrtMutationTest.class
                    .getResource("SrtFuzzTestInputs/" + method)
                    .toURI());
            List<byte[]> out = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir).sorted()) {
                for (Path p : s.toList()) {
                    out.add(Files.readAllBytes(p));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
