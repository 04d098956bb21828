package dev.liveloom.core.log;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets before a URL or message reaches a log, an event or an exception: the values of
 * secret-bearing parameters ({@code auth_key=***}) and the password of URL user-info
 * ({@code rtmp://user:***@host}). Parameter names match case-insensitively.
 *
 * <p>Redaction is textual and idempotent: applying it twice gives the same string.
 */
public final class Redaction {
    /** What replaces a secret value. */
    public static final String MASK = "***";

    /**
     * Parameter names whose values are secrets: CDN URL signatures (Alibaba {@code auth_key},
     * Tencent {@code txSecret}, Wangsu {@code wsSecret}, generic {@code sign}/{@code signature}/
     * {@code sig}), bearer tokens, SRT passphrases, passwords and API keys, and the signed-URL fields
     * of S3/GCS. Expiry times ({@code txTime}, {@code Expires}) are not secrets and stay visible.
     */
    public static final List<String> SECRET_PARAMETERS = List.of(
            "auth_key",
            "token",
            "access_token",
            "refresh_token",
            "id_token",
            "sign",
            "signature",
            "sig",
            "secret",
            "key",
            "api_key",
            "apikey",
            "passphrase",
            "password",
            "passwd",
            "pwd",
            "txSecret",
            "wsSecret",
            "x-amz-signature",
            "x-amz-credential",
            "x-amz-security-token",
            "x-goog-signature",
            "x-goog-credential");

    // name=value where name follows the start, a query/fragment separator, whitespace or a quote;
    // the value runs to the next separator or whitespace.
    private static final Pattern PARAMETER =
            Pattern.compile("(^|[?&;#\\s\"',(])(" + alternatives() + ")=([^&;#\\s\"',)]*)", Pattern.CASE_INSENSITIVE);

    // scheme://user:password@ -> scheme://user:***@
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@?#]*):([^/\\s@?#]*)@");

    private Redaction() {}

    /** The URL with secret parameter values and the user-info password masked. */
    public static String url(URI uri) {
        return text(uri.toString());
    }

    /** The URL text with secret parameter values and the user-info password masked. */
    public static String url(String url) {
        return text(url);
    }

    /**
     * Free text (a log line, an exception message, an ffmpeg command line) with every secret
     * parameter value and URL password in it masked.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        Matcher m = PARAMETER.matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(
                r.group(1) + r.group(2) + "=" + (r.group(3).isEmpty() ? "" : MASK)));
    }

    private static String alternatives() {
        StringBuilder sb = new StringBuilder();
        for (String p : SECRET_PARAMETERS) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(Pattern.quote(p));
        }
        return sb.toString();
    }
}
