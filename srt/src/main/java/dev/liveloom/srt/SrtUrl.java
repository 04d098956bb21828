package dev.liveloom.srt;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.srt.crypto.Passphrase;
import dev.liveloom.srt.session.SrtConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An {@code srt://} URL as ffmpeg and srt-live-transmit write them:
 * {@code srt://host:port?mode=caller|listener&streamid=…&passphrase=…&pbkeylen=16&latency=…}.
 *
 * <ul>
 *   <li>{@code mode}: {@code caller} (the default when a host is given) or {@code listener} (the
 *       default when the host is empty: {@code srt://:9000}); a listener with a host binds to it.
 *       {@code rendezvous} is not supported.
 *   <li>{@code latency} (alias {@code rcvlatency}): TSBPD latency in <b>milliseconds</b>, as
 *       srt-live-transmit reads it (default 120). ffmpeg's own {@code latency} option is in
 *       microseconds; liveloom follows srt-live-transmit.
 *   <li>{@code passphrase} (10 to 79 characters) and {@code pbkeylen} (16, 24 or 32; 0 means 16).
 *   <li>{@code streamid}: sent by a caller; percent-encoded characters are decoded.
 *   <li>{@code peeridletimeo} (ms, default 5000), {@code conntimeo} / {@code connect_timeout} (ms,
 *       default 3000), {@code fc} (flow window in packets, default 8192), {@code transtype} (only
 *       {@code live}).
 * </ul>
 *
 * Other parameters (ffmpeg's {@code pkt_size}, ...) are ignored. {@link #toString} is the URL with the
 * passphrase masked.
 */
public record SrtUrl(String host, int port, boolean listener, SrtConfig config, String redacted) {

    /** Parses {@code url}; the exception message never contains the passphrase. */
    public static SrtUrl parse(String url) {
        String shown = Redaction.url(url);
        if (url == null || !url.regionMatches(true, 0, "srt://", 0, 6)) {
            throw new IllegalArgumentException("not an srt:// URL: " + shown);
        }
        String rest = url.substring(6);
        int q = rest.indexOf('?');
        String authority = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.contains("/")) {
            throw new IllegalArgumentException(shown + ": srt:// URLs have no path (put the stream ID in ?streamid=)");
        }
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0 || end + 1 >= authority.length() || authority.charAt(end + 1) != ':') {
                throw new IllegalArgumentException(shown + ": IPv6 host needs the form [addr]:port");
            }
            host = authority.substring(1, end);
            portText = authority.substring(end + 2);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(shown + ": no port (srt://host:port)");
            }
            host = authority.substring(0, colon);
            portText = authority.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(shown + ": port '" + portText + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(shown + ": port " + port + " is out of range");
        }
        SrtConfig config = SrtConfig.DEFAULTS;
        String mode = null;
        String passphrase = null;
        int keyLength = 16;
        long idle = SrtConfig.DEFAULT_IDLE_TIMEOUT_MS;
        long connect = SrtConfig.DEFAULT_CONNECT_TIMEOUT_MS;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), shown);
            switch (key) {
                case "mode" -> mode = value.toLowerCase(Locale.ROOT);
                case "streamid" -> config = config.withStreamId(value);
                case "passphrase" -> passphrase = value;
                case "pbkeylen" -> {
                    keyLength = number(shown, key, value);
                    if (keyLength == 0) {
                        keyLength = 16;
                    }
                    if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
                        throw new IllegalArgumentException(shown + ": pbkeylen " + keyLength + ", allowed 16, 24, 32");
                    }
                }
                case "latency", "rcvlatency" -> {
                    int ms = number(shown, key, value);
                    if (ms < 0 || ms > 0xFFFF) {
                        throw new IllegalArgumentException(shown + ": latency " + ms + " ms, allowed 0..65535");
                    }
                    config = config.withLatencyMs(ms);
                }
                case "peeridletimeo" -> idle = positive(shown, key, value);
                case "conntimeo", "connect_timeout" -> connect = positive(shown, key, value);
                case "fc" -> {
                    int fc = number(shown, key, value);
                    if (fc < 32 || fc > 65536) {
                        throw new IllegalArgumentException(shown + ": fc " + fc + ", allowed 32..65536");
                    }
                    config = config.withFlowWindow(fc);
                }
                case "transtype" -> {
                    if (!value.equalsIgnoreCase("live")) {
                        throw new IllegalArgumentException(
                                shown + ": transtype " + value + " is not supported (only live)");
                    }
                }
                default -> {
                    // options of other tools (ffmpeg's pkt_size, ...) do not change a receiver
                }
            }
        }
        if (passphrase != null && !passphrase.isEmpty()) {
            try {
                config = config.withPassphrase(Passphrase.of(passphrase), keyLength);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(shown + ": " + e.getMessage());
            }
        }
        config = config.withTimeouts(idle, connect);
        boolean listener;
        if (mode == null) {
            listener = host.isEmpty();
        } else if (mode.equals("listener") || mode.equals("server")) {
            listener = true;
        } else if (mode.equals("caller") || mode.equals("client")) {
            listener = false;
        } else if (mode.equals("rendezvous")) {
            throw new IllegalArgumentException(shown + ": mode=rendezvous is not supported (use caller or listener)");
        } else {
            throw new IllegalArgumentException(shown + ": mode '" + mode + "', allowed caller or listener");
        }
        if (!listener && (host.isEmpty() || port == 0)) {
            throw new IllegalArgumentException(shown + ": a caller needs a host and a port");
        }
        return new SrtUrl(host, port, listener, config, shown);
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static int number(String shown, String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(shown + ": " + key + " '" + value + "' is not a number");
        }
    }

    private static long positive(String shown, String key, String value) {
        int v = number(shown, key, value);
        if (v <= 0) {
            throw new IllegalArgumentException(shown + ": " + key + " " + v + " must be positive (milliseconds)");
        }
        return v;
    }

    private static String decode(String s, String shown) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException(shown + ": bad percent escape");
                }
                int v = Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16);
                if (v < 0) {
                    throw new IllegalArgumentException(shown + ": bad percent escape");
                }
                out.write(v);
                i += 2;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
