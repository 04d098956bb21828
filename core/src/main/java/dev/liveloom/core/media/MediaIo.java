package dev.liveloom.core.media;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Opens sources and sinks by URL through the {@link MediaIoProvider}s on the class path. */
public final class MediaIo {
    private static final List<MediaIoProvider> PROVIDERS = load();

    private MediaIo() {}

    private static List<MediaIoProvider> load() {
        List<MediaIoProvider> list = new ArrayList<>();
        list.add(new Builtin());
        ServiceLoader.load(MediaIoProvider.class, MediaIo.class.getClassLoader())
                .forEach(list::add);
        return List.copyOf(list);
    }

    /**
     * A source for {@code url}: http(s) files and HTTP-FLV, local paths when {@code allowFiles}, and
     * whatever providers serve (rtmp://, srt://).
     */
    public static MediaSource source(String url, LiveloomRuntime runtime, boolean allowFiles) throws IOException {
        if (!url.contains("://")) {
            if (!allowFiles) {
                throw new IOException(url + ": local files are not allowed as sources here");
            }
            try {
                return new DemuxedSource(FileByteInput.open(Path.of(url)));
            } catch (NoSuchFileException e) {
                throw new IOException(url + ": no such file", e);
            }
        }
        URI uri = uri(url);
        for (MediaIoProvider p : PROVIDERS) {
            if (p.readsFrom(uri)) {
                return p.source(url, runtime);
            }
        }
        throw new IOException(Redaction.url(url) + ": no source for scheme " + uri.getScheme());
    }

    /** A sink for {@code url} (rtmp:// and rtmps:// with the rtmp module). */
    public static MediaSink sink(String url, LiveloomRuntime runtime) throws IOException {
        URI uri = uri(url);
        for (MediaIoProvider p : PROVIDERS) {
            if (p.writesTo(uri)) {
                return p.sink(url, runtime);
            }
        }
        throw new IOException(Redaction.url(url) + ": no sink for scheme " + uri.getScheme()
                + " (is liveloom-rtmp on the class path?)");
    }

    private static URI uri(String url) throws IOException {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URL: " + Redaction.url(url));
        }
    }

    /** http(s) through {@link HttpByteInput} and a demuxer. */
    private static final class Builtin implements MediaIoProvider {
        @Override
        public boolean readsFrom(URI uri) {
            String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return s.equals("http") || s.equals("https");
        }

        @Override
        public MediaSource source(String url, LiveloomRuntime runtime) {
            return new DemuxedSource(HttpByteInput.open(URI.create(url), HttpInputOptions.defaults(), runtime));
        }
    }
}
