package dev.liveloom.rtmp.url;

import dev.liveloom.core.log.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An rtmp:// or rtmps:// URL split the way ffmpeg splits it: the first path element is the app; a
 * second one before the stream name is the app's instance ({@code rtmp://h/app/inst/stream} has app
 * {@code app/inst}); the rest is the stream name, which keeps the query string ({@code
 * stream?auth_key=...}) because CDNs authenticate the publish or play by it. The query is also kept
 * on the tcUrl, where some CDNs look for it. {@link #toString()} redacts secrets.
 */
public final class RtmpUrl {
    public static final int DEFAULT_PORT = 1935;
    public static final int DEFAULT_TLS_PORT = 443;

    private final boolean tls;
    private final String host;
    private final int port;
    private final String app;
    private final String streamName;
    private final String query;
    private final String original;

    private RtmpUrl(boolean tls, String host, int port, String app, String streamName, String query, String original) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.app = app;
        this.streamName = streamName;
        this.query = query;
        this.original = original;
    }

    /**
     * Parses an RTMP URL.
     *
     * @throws IllegalArgumentException naming what is wrong, with the URL redacted
     */
    public static RtmpUrl parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid RTMP URL: " + Redaction.url(url));
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean tls;
        if (scheme.equals("rtmp")) {
            tls = false;
        } else if (scheme.equals("rtmps")) {
            tls = true;
        } else {
            throw new IllegalArgumentException("not an rtmp:// or rtmps:// URL: " + Redaction.url(url));
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("RTMP URL has no host: " + Redaction.url(url));
        }
        int port = u.getPort() > 0 ? u.getPort() : tls ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String next = path.startsWith("/") ? path.substring(1) : path;
        String app;
        String stream;
        int p = next.indexOf('/');
        if (p < 0) {
            app = "";
            stream = next;
        } else {
            int second = next.indexOf('/', p + 1);
            int colon = next.indexOf(':', p + 1);
            if (second < 0 || (colon >= 0 && colon < second)) {
                app = next.substring(0, p);
                stream = next.substring(p + 1);
            } else {
                app = next.substring(0, second);
                stream = next.substring(second + 1);
            }
        }
        String query = u.getRawQuery();
        return new RtmpUrl(tls, u.getHost(), port, app, query == null ? stream : stream + "?" + query, query, url);
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The app (with its instance), as sent in connect. */
    public String app() {
        return app;
    }

    /** The stream name with its query string, as sent in publish or play. */
    public String streamName() {
        return streamName;
    }

    /** The tcUrl of connect: scheme, host, port when not the default, app, and the query. */
    public String tcUrl() {
        boolean defaultPort = port == (tls ? DEFAULT_TLS_PORT : DEFAULT_PORT);
        return (tls ? "rtmps://" : "rtmp://") + host + (defaultPort ? "" : ":" + port) + "/" + app
                + (query == null ? "" : "?" + query);
    }

    /** The URL as given, unredacted: for connecting only, never for logs. */
    public String unredacted() {
        return original;
    }

    @Override
    public String toString() {
        return Redaction.url(original);
    }
}
