package dev.liveloom.core.media;

import dev.liveloom.core.runtime.LiveloomRuntime;
import java.io.IOException;
import java.net.URI;

/**
 * Sources and sinks for URL schemes, found with {@link java.util.ServiceLoader} (modules list theirs
 * in {@code META-INF/services/dev.liveloom.core.media.MediaIoProvider}): core serves http(s) and
 * files, the rtmp module rtmp(s)://, the srt module srt://.
 */
public interface MediaIoProvider {

    /** True when this provider can pull from {@code uri}. */
    default boolean readsFrom(URI uri) {
        return false;
    }

    /** True when this provider can push to {@code uri}. */
    default boolean writesTo(URI uri) {
        return false;
    }

    /** Opens a source; it connects in the background on the runtime's event loops. */
    default MediaSource source(String url, LiveloomRuntime runtime) throws IOException {
        throw new IOException("cannot read from " + url);
    }

    /** Creates a sink; it connects when opened. */
    default MediaSink sink(String url, LiveloomRuntime runtime) throws IOException {
        throw new IOException("cannot write to " + url);
    }
}
