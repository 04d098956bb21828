package dev.liveloom.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.testing.Fixtures;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plain (unfragmented) MP4 releases what it has played, so a long file does not pile up in an
 * HTTP input's memory; and it never reads a released byte again.
 */
class Mp4ReleaseTest {

    /** Fails a read below the highest released position; records that position. */
    static final class Guard implements ByteInput {
        final ByteInput inner;
        long released;

        Guard(ByteInput inner) {
            this.inner = inner;
        }

        @Override
        public ByteBuffer read(long position, int length) throws java.io.IOException {
            if (position < released) {
                throw new AssertionError("read of byte " + position + " after release up to " + released);
            }
            return inner.read(position, length);
        }

        @Override
        public void release(long position) {
            assertThat(position).isGreaterThanOrEqualTo(released);
            released = position;
        }

        @Override
        public CompletableFuture<Void> ready() {
            return inner.ready();
        }

        @Override
        public long length() {
            return inner.length();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void close() {}
    }

    @ParameterizedTest
    @MethodSource("dev.liveloom.mp4.Mp4FixtureTest#fixtures")
    void releasesPlayedBytesAndNeverRereadsThem(String name) {
        byte[] bytes = Fixtures.bytes(name);
        Mp4Read whole = Mp4Read.fixture(name);
        Guard g = new Guard(new ByteArrayInput(name, bytes));
        Mp4Read r = Mp4Read.of(g);
        assertThat(r.error == null ? null : r.error.toString())
                .isEqualTo(whole.error == null ? null : whole.error.toString());
        assertThat(r.packets).hasSameSizeAs(whole.packets);
        if (whole.packets.size() >= 64) {
            // every 32 samples (or every fragment): past the first packets by the end
            assertThat(g.released).as("released position of " + name).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.liveloom.mp4.Mp4FixtureTest#fixtures")
    void rewindPlaysThePlainFileAgainFromItsFirstSample(String name) throws Exception {
        Mp4Read first = Mp4Read.fixture(name);
        if (first.error != null) {
            return; // a malformed fixture: nothing to play twice
        }
        boolean fragmented = first.demuxer.tracks().isEmpty() || isFragmented(name);
        Guard g = new Guard(new ByteArrayInput(name, Fixtures.bytes(name)));
        Mp4Read r = Mp4Read.of(g);
        boolean rewound = r.demuxer.rewind();
        assertThat(rewound).as(name).isEqualTo(!fragmented);
        if (!rewound) {
            return;
        }
        g.released = 0; // the guard forgets: starting over reads released bytes again by design
        java.util.List<dev.liveloom.core.media.MediaPacket> again = new java.util.ArrayList<>();
        for (int spins = 0; spins < 1_000_000; spins++) {
            dev.liveloom.core.media.MediaPacket p = r.demuxer.read();
            if (p != null) {
                again.add(p);
            } else if (r.demuxer.ended()) {
                break;
            } else {
                g.ready().join();
            }
        }
        Mp4Read second = new Mp4Read();
        second.demuxer = r.demuxer;
        second.packets.addAll(again);
        assertThat(second.dump()).isEqualTo(first.dump());
    }

    private static boolean isFragmented(String name) {
        byte[] b = Fixtures.bytes(name);
        String ascii = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        return ascii.contains("moof");
    }
}
