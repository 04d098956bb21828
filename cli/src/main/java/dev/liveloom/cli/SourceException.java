package dev.liveloom.cli;

import java.io.IOException;

/** A failure reading one source; the message starts with the source's redacted name. */
final class SourceException extends IOException {
    private static final long serialVersionUID = 1L;

    SourceException(String source, IOException cause) {
        super(
                cause.getMessage() != null && cause.getMessage().startsWith(source)
                        ? cause.getMessage()
                        : source + ": " + Failures.message(cause),
                cause);
    }
}
