package dev.liveloom.cli;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.io.FileByteInput;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the byte input a command-line SOURCE names: a local path or an http(s) URL. */
final class Sources {
    private Sources() {}

    static ByteInput open(String source) throws IOException {
        try {
            return FileByteInput.open(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new IOException(source + ": no such file", e);
        }
    }
}
