package dev.liveloom.srt;

import dev.liveloom.core.media.MediaIoProvider;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.runtime.LiveloomRuntime;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** srt:// for {@link dev.liveloom.core.media.MediaIo}: an SRT live receiver carrying MPEG-TS as a source. */
public final class SrtIoProvider implements MediaIoProvider {
    @Override
    public boolean readsFrom(URI uri) {
        return uri.getScheme() != null
                && uri.getScheme().toLowerCase(Locale.ROOT).equals("srt");
    }

    @Override
    public MediaSource source(String url, LiveloomRuntime runtime) throws IOException {
        try {
            return SrtSource.open(url, runtime.eventLoopGroup());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
