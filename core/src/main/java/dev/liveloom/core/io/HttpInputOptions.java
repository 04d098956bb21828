package dev.liveloom.core.io;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.X509TrustManager;

/** How an {@link HttpByteInput} connects and buffers. Immutable; build with {@link #builder()}. */
public final class HttpInputOptions {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    /**
     * Bytes buffered beyond the consumer's last read before the socket read pauses: 768 KiB is 2.5 s
     * of a 2.5 Mbps stream (reading resumes at three quarters of it), and keeps a relay task's heap
     * under 2 MB (a relay reads in real time).
     */
    public static final int DEFAULT_READ_AHEAD = 768 << 10;

    public static final String DEFAULT_USER_AGENT = "liveloom";

    private static final HttpInputOptions DEFAULTS = new Builder().build();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxRedirects;
    private final int readAhead;
    private final Map<String, String> headers;
    private final X509TrustManager trustManager;

    private HttpInputOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxRedirects = b.maxRedirects;
        this.readAhead = b.readAhead;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.trustManager = b.trustManager;
    }

    public static HttpInputOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.maxRedirects = maxRedirects;
        b.readAhead = readAhead;
        b.headers.putAll(headers);
        b.trustManager = trustManager;
        return b;
    }

    /** Time allowed to open the TCP connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Longest time without a byte from the server while bytes are wanted (TLS handshake and
     * response headers included); not counted while reading is paused by the read-ahead window.
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    public int maxRedirects() {
        return maxRedirects;
    }

    /** Bytes buffered beyond the consumer's last read before reading from the socket pauses. */
    public int readAhead() {
        return readAhead;
    }

    /** Extra request headers, including {@code User-Agent}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Trust manager replacing the JDK default for https (tests with self-signed certificates), or null. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private int readAhead = DEFAULT_READ_AHEAD;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private X509TrustManager trustManager;

        private Builder() {
            headers.put("User-Agent", DEFAULT_USER_AGENT);
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive("connectTimeout", d);
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = positive("readTimeout", d);
            return this;
        }

        public Builder maxRedirects(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxRedirects " + n + ", allowed >= 0");
            }
            this.maxRedirects = n;
            return this;
        }

        public Builder readAhead(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("readAhead " + bytes + ", allowed >= 1");
            }
            this.readAhead = bytes;
            return this;
        }

        /** Sets a request header (replacing one of the same name); Host and Range are set by the input. */
        public Builder header(String name, String value) {
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Range")) {
                throw new IllegalArgumentException("header " + name + " is set by the input");
            }
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        public Builder userAgent(String value) {
            return header("User-Agent", value);
        }

        public Builder trustManager(X509TrustManager tm) {
            this.trustManager = tm;
            return this;
        }

        public HttpInputOptions build() {
            return new HttpInputOptions(this);
        }

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " " + d + ", allowed > 0");
            }
            return d;
        }
    }
}
