package dev.liveloom.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.NettyLeaks;
import dev.liveloom.core.testing.NginxFileServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads every test media file from a real nginx at random positions and compares with the files. */
@Tag("interop")
class HttpByteInputNginxTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static NginxFileServer nginx;
    private static LiveloomRuntime runtime;

    @BeforeAll
    static void start() {
        NettyLeaks.install();
        nginx = NginxFileServer.start(Fixtures.repoRoot().resolve("testdata/media"), dir);
        runtime = LiveloomRuntime.builder().eventLoopThreads(2).workerThreads(1).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        NettyLeaks.assertNone();
    }

    private static List<Path> mediaFiles() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.repoRoot().resolve("testdata/media"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void randomReadsMatchTheFiles() throws IOException {
        List<Path> files = mediaFiles();
        assertThat(files).hasSizeGreaterThan(10);
        Random rnd = new Random(2026);
        // a small window so that seeks regularly leave the running response
        HttpInputOptions opts = HttpInputOptions.builder().readAhead(64 * 1024).build();
        long reads = 0;
        for (Path f : files) {
            byte[] want = Files.readAllBytes(f);
            try (HttpByteInput in = HttpByteInput.open(nginx.url("/" + f.getFileName()), opts, runtime)) {
                for (int i = 0; i < 40; i++) {
                    long pos = rnd.nextInt(want.length + 100);
                    int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 512 : 128 * 1024);
                    byte[] got = bytes(BlockingReads.read(in, pos, len, WAIT));
                    int from = (int) Math.min(pos, want.length);
                    int to = (int) Math.min(pos + len, want.length);
                    assertThat(got)
                            .as("%s at %d+%d", f.getFileName(), pos, len)
                            .isEqualTo(Arrays.copyOfRange(want, from, to));
                    reads++;
                }
                assertThat(in.length()).isEqualTo(want.length);
            }
        }
        assertThat(reads).isEqualTo(40L * files.size());
        String log = nginx.accessLog();
        assertThat(log).contains("\" 206 ");
    }

    @Test
    void sequentialReadOfEveryFileMatches() throws IOException {
        for (Path f : mediaFiles()) {
            byte[] want = Files.readAllBytes(f);
            try (HttpByteInput in =
                    HttpByteInput.open(nginx.url("/" + f.getFileName()), HttpInputOptions.defaults(), runtime)) {
                byte[] got = new byte[want.length];
                int pos = 0;
                while (true) {
                    ByteBuffer b = BlockingReads.read(in, pos, 4096, WAIT);
                    if (!b.hasRemaining()) {
                        break;
                    }
                    b.get(got, pos, b.remaining());
                    pos = (int) Math.min(want.length, pos + 4096);
                    in.release(pos);
                }
                assertThat(pos).isEqualTo(want.length);
                assertThat(got).as(f.getFileName().toString()).isEqualTo(want);
                assertThat(in.requests()).isEqualTo(1);
            }
        }
    }
}
