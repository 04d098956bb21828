package dev.liveloom.cli;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.io.FileByteInput;
import dev.liveloom.core.io.HttpByteInput;
import dev.liveloom.core.io.HttpInputOptions;
import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.runtime.LiveloomRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the byte input a command-line SOURCE names: a local path or an http(s) URL. */
final class Sources {
    private Sources() {}

    static ByteInput open(String source) throws IOException {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            try {
                return HttpByteInput.open(new URI(source), HttpInputOptions.defaults(), LiveloomRuntime.shared());
            } catch (URISyntaxException e) {
                throw new IOException(Redaction.url(source) + ": not a valid URL");
            }
        }
        if (source.contains("://")) {
            throw new IOException(Redaction.url(source) + ": probe reads local files and http(s) URLs");
        }
        try {
            return FileByteInput.open(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new IOException(source + ": no such file", e);
        }
    }
}
