package dev.liveloom.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.testing.TrickleInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteInputTest {
    private static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void fileInputReadsRangesAndShortensAtEnd(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.bin");
        Files.write(f, DATA);
        try (FileByteInput in = FileByteInput.open(f)) {
            assertThat(in.length()).isEqualTo(10);
            assertThat(bytes(in.read(2, 3))).containsExactly(3, 4, 5);
            assertThat(bytes(in.read(8, 5))).containsExactly(9, 10);
            assertThat(in.read(10, 5).remaining()).isZero();
            assertThat(in.read(0, 1).isReadOnly()).isTrue();
        }
    }

    @Test
    void closedFileInputFailsWithItsName(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("b.bin");
        Files.write(f, DATA);
        FileByteInput in = FileByteInput.open(f);
        in.close();
        in.close();
        assertThatThrownBy(() -> in.read(0, 1)).isInstanceOf(IOException.class).hasMessageContaining("b.bin: closed");
    }

    @Test
    void arrayInputMatchesFileSemantics() {
        ByteArrayInput in = new ByteArrayInput("mem", DATA);
        assertThat(bytes(in.read(9, 4))).containsExactly(10);
        assertThat(in.read(11, 4).remaining()).isZero();
    }

    @Test
    void trickleInputRevealsOneByteAtATimeAndBlockingReadWaits() throws IOException {
        TrickleInput in = new TrickleInput(new ByteArrayInput("mem", DATA));
        assertThat(in.read(0, 3)).isNull();
        ByteBuffer b = BlockingReads.read(in, 0, 3, Duration.ofSeconds(1));
        assertThat(bytes(b)).containsExactly(1, 2, 3);
    }

    @Test
    void trickleInputInjectsIoErrors() {
        TrickleInput in = new TrickleInput(new ByteArrayInput("mem", DATA), 4);
        assertThatThrownBy(() -> BlockingReads.read(in, 2, 4, Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class)
                .hasMessage("mem: injected I/O error at byte 4");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
