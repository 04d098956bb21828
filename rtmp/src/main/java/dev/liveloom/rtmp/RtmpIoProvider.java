package dev.liveloom.rtmp;

import dev.liveloom.core.media.MediaIoProvider;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.runtime.LiveloomRuntime;
import java.net.URI;
import java.util.Locale;

/** rtmp:// and rtmps:// for {@link dev.liveloom.core.media.MediaIo}: play as a source, publish as a sink. */
public final class RtmpIoProvider implements MediaIoProvider {
    private static boolean rtmp(URI uri) {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return s.equals("rtmp") || s.equals("rtmps");
    }

    @Override
    public boolean readsFrom(URI uri) {
        return rtmp(uri);
    }

    @Override
    public boolean writesTo(URI uri) {
        return rtmp(uri);
    }

    @Override
    public MediaSource source(String url, LiveloomRuntime runtime) {
        return RtmpPlayer.open(url, runtime.eventLoopGroup(), null);
    }

    @Override
    public MediaSink sink(String url, LiveloomRuntime runtime) {
        return RtmpPublisher.create(url, RtmpSinkOptions.DEFAULTS, runtime.eventLoopGroup());
    }
}
