package dev.liveloom.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.TrickleInput;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden dumps of every MP4/M4A fixture, and the same packets through 1-byte and failing inputs. */
class Mp4FixtureTest {

    static Stream<String> fixtures() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(Fixtures.repoRoot().resolve("testdata/media"))) {
            return s
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".mp4") || n.endsWith(".m4a"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void golden(String name) {
        Mp4Read r = Mp4Read.fixture(name);
        Fixtures.assertGolden("mp4/" + name + ".txt", r.dump());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void trickleGivesSamePackets(String name) {
        Mp4Read whole = Mp4Read.fixture(name);
        Mp4Read trickle = Mp4Read.of(new TrickleInput(new ByteArrayInput(name, Fixtures.bytes(name))));
        assertThat(trickle.dump()).isEqualTo(whole.dump());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void injectedErrorKeepsWholePackets(String name) {
        byte[] bytes = Fixtures.bytes(name);
        Mp4Read whole = Mp4Read.fixture(name);
        long failAt = bytes.length * 2L / 3;
        Mp4Read r = Mp4Read.of(new TrickleInput(new ByteArrayInput(name, bytes), failAt));
        assertThat(r.error).isNotNull();
        if (whole.error == null) {
            assertThat(r.error).isNotInstanceOf(MediaParseException.class);
            assertThat(r.error.getMessage()).isEqualTo(name + ": injected I/O error at byte " + failAt);
        }
        assertThat(r.packets.size()).isLessThanOrEqualTo(whole.packets.size());
        for (int i = 0; i < r.packets.size(); i++) {
            assertThat(r.packets.get(i).toString())
                    .isEqualTo(whole.packets.get(i).toString());
            assertThat(r.packets.get(i).data()).isEqualTo(whole.packets.get(i).data());
        }
    }

    /** Fails a read below a position the demuxer released. */
    static final class ReleaseChecker implements dev.liveloom.core.io.ByteInput {
        final dev.liveloom.core.io.ByteInput in;
        long released;

        ReleaseChecker(dev.liveloom.core.io.ByteInput in) {
            this.in = in;
        }

        @Override
        public java.nio.ByteBuffer read(long position, int length) throws IOException {
            if (position < released) {
                throw new AssertionError("read at " + position + " after release(" + released + ")");
            }
            return in.read(position, length);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> ready() {
            return in.ready();
        }

        @Override
        public long length() {
            return in.length();
        }

        @Override
        public void release(long position) {
            released = Math.max(released, position);
        }

        @Override
        public String name() {
            return in.name();
        }

        @Override
        public void close() {
            in.close();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void neverReadsReleasedBytes(String name) {
        ReleaseChecker c = new ReleaseChecker(new ByteArrayInput(name, Fixtures.bytes(name)));
        Mp4Read r = Mp4Read.of(c);
        assertThat(r.dump()).isEqualTo(Mp4Read.fixture(name).dump());
        if (name.contains("fragmented")) {
            assertThat(c.released).isPositive();
        }
    }

    @Test
    void vp9IsUnsupported() {
        Mp4Read r = Mp4Read.fixture("unsupported-vp9.mp4");
        assertThat(r.error).isInstanceOf(MediaParseException.class);
        MediaParseException e = (MediaParseException) r.error;
        assertThat(e.kind()).isEqualTo(MediaParseException.Kind.UNSUPPORTED);
        assertThat(e.detail()).isEqualTo("unsupported video codec vp09");
    }

    @Test
    void aacPrimingLikeFfprobe() {
        // ffprobe: packet,0,-1024,-0.023220,-1024,-0.023220,1024,93,44,KD then 0, 1024, ...
        Mp4Read r = Mp4Read.fixture("aac-44100-2ch.m4a");
        assertThat(r.error).isNull();
        assertThat(r.packets.get(0).dtsUs()).isEqualTo(-23220);
        assertThat(r.packets.get(0).ptsUs()).isEqualTo(-23220);
        assertThat(r.packets.get(0).size()).isEqualTo(93);
        assertThat(r.packets.get(1).dtsUs()).isEqualTo(0);
        assertThat(r.packets.get(2).dtsUs()).isEqualTo(23220);
    }

    @Test
    void bframesStartWithNegativeDts() {
        // ffprobe: packet,0,0,0.000000,-1024,-0.080000,512,2596,2867,K_
        Mp4Read r = Mp4Read.fixture("h264-main-bframes.mp4");
        assertThat(r.error).isNull();
        var first = r.packets.stream().filter(p -> p.track() == 0).findFirst().orElseThrow();
        assertThat(List.of(first.dtsUs(), first.ptsUs(), (long) first.size())).containsExactly(-80000L, 0L, 2596L);
        assertThat(first.key()).isTrue();
    }

    @Test
    void truncatedFileGivesWholePacketsThenTruncated() {
        byte[] full = Fixtures.bytes("h264-main-bframes.mp4"); // moov first
        Mp4Read whole = Mp4Read.fixture("h264-main-bframes.mp4");
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 1000);
        Mp4Read r = Mp4Read.of(cut);
        assertThat(r.error).isInstanceOf(MediaParseException.class);
        MediaParseException e = (MediaParseException) r.error;
        assertThat(e.kind()).isEqualTo(MediaParseException.Kind.TRUNCATED);
        assertThat(e.layer()).isEqualTo("mp4 sample");
        assertThat(e.offset()).isEqualTo(cut.length);
        assertThat(r.packets).isNotEmpty();
        for (int i = 0; i < r.packets.size(); i++) {
            assertThat(r.packets.get(i).toString())
                    .isEqualTo(whole.packets.get(i).toString());
        }
    }

    @Test
    void moovAtEndCutOffIsTruncated() {
        byte[] full = Fixtures.bytes("h264-baseline.mp4"); // moov last
        Mp4Read r = Mp4Read.of(java.util.Arrays.copyOf(full, full.length - 100));
        assertThat(r.packets).isEmpty();
        assertThat(r.error).isInstanceOf(MediaParseException.class);
        assertThat(((MediaParseException) r.error).kind()).isEqualTo(MediaParseException.Kind.TRUNCATED);
        assertThat(r.error.getMessage())
                .startsWith("mp4 moov at byte " + (full.length - 100) + " (truncated): box of ");
    }
}
