package dev.liveloom.core.relay.internal;

import dev.liveloom.core.relay.RelayException;
import dev.liveloom.core.relay.RelayException.Code;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.SourceType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The seed's rules for a relay task's parameters; each failure names the parameter. */
public final class SpecRules {
    /** The seed: "Maximum 30 VOD media asset IDs or video source URL paths". */
    public static final int MAX_ITEMS = 30;

    /** Longest task name accepted (the console's field). */
    static final int MAX_NAME_LENGTH = 128;

    /** Longest URL accepted, as for MPU ingest URLs. */
    static final int MAX_URL_LENGTH = 2048;

    /** Media asset IDs: the character set of ApsaraVideo VOD IDs. */
    private static final Pattern ASSET_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private SpecRules() {}

    /**
     * Checks every parameter of a spec about to be created or saved.
     *
     * @param now the service clock's time, for start and end times
     * @param allowFiles whether the host allows local file sources
     * @param hasResolver whether VOD asset IDs can be resolved
     */
    public static void check(RelayTaskSpec s, Instant now, boolean allowFiles, boolean hasResolver) {
        check(s, now, allowFiles, hasResolver, true);
    }

    /** As {@link #check(RelayTaskSpec, Instant, boolean, boolean)}, with the callback optional when not {@code requireCallback}. */
    public static void check(
            RelayTaskSpec s, Instant now, boolean allowFiles, boolean hasResolver, boolean requireCallback) {
        String name = s.name();
        if (name == null || name.isBlank()) {
            throw invalid("TaskName", "required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid("TaskName", "longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (s.region() == null) {
            throw invalid("Region", "required");
        }
        checkTimes(s.startTime(), s.endTime(), now);
        if (requireCallback || s.callbackUrl() != null) {
            checkCallback(s.callbackUrl());
        }
        checkSources(s.sourceType(), s.sources(), s.playbackTimes(), allowFiles, hasResolver);
        checkDestination(s.destinationUrl());
    }

    static void checkTimes(Instant start, Instant end, Instant now) {
        if (end != null && !end.isAfter(now)) {
            throw invalid("EndTime", "must be in the future, was " + end);
        }
        if (start != null && end != null && !end.isAfter(start)) {
            throw invalid("EndTime", "must be after StartTime " + start + ", was " + end);
        }
    }

    static void checkCallback(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("CallbackUrl", "required");
        }
        URI u = uri("CallbackUrl", url);
        String scheme = lower(u.getScheme());
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw invalid("CallbackUrl", "must be an http:// or https:// URL");
        }
    }

    static void checkSources(
            SourceType type, List<String> sources, int playbackTimes, boolean allowFiles, boolean hasResolver) {
        if (type == null) {
            throw invalid("SourceType", "required: LIVE, VOD or VIDEO_URL");
        }
        if (sources.isEmpty()) {
            throw invalid("Sources", "at least one source is required");
        }
        if (type == SourceType.LIVE) {
            if (sources.size() != 1) {
                throw invalid("Sources", "a LIVE task takes exactly one source, got " + sources.size());
            }
            if (playbackTimes != 1) {
                throw invalid("PlaybackTimes", "only for VOD and VIDEO_URL sources");
            }
            checkLiveUrl(sources.get(0), allowFiles);
            return;
        }
        if (sources.size() > MAX_ITEMS) {
            throw invalid("Sources", "at most " + MAX_ITEMS + " items, got " + sources.size());
        }
        if (playbackTimes != RelayTaskSpec.INFINITE && playbackTimes < 1) {
            throw invalid("PlaybackTimes", "must be at least 1, or infinite; was " + playbackTimes);
        }
        for (int i = 0; i < sources.size(); i++) {
            String src = sources.get(i);
            String param = "Sources[" + i + "]";
            if (type == SourceType.VOD) {
                if (!hasResolver) {
                    throw invalid("SourceType", "VOD needs a MediaAssetResolver, and none is configured");
                }
                if (src == null || !ASSET_ID.matcher(src).matches()) {
                    throw invalid(param, "not a media asset ID (1-64 of A-Z a-z 0-9 _ -)");
                }
            } else {
                checkVideoUrl(param, src, allowFiles);
            }
        }
    }

    /** A VIDEO_URL item: http(s), path ending in .mp4 or .flv; or a local file where allowed. */
    public static void checkVideoUrl(String param, String src, boolean allowFiles) {
        if (src == null || src.isBlank()) {
            throw invalid(param, "empty");
        }
        if (src.length() > MAX_URL_LENGTH) {
            throw invalid(param, "longer than " + MAX_URL_LENGTH + " characters");
        }
        String lower = lower(src);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            if (allowFiles && isFile(src)) {
                if (!lower.endsWith(".mp4") && !lower.endsWith(".flv")) {
                    throw invalid(param, "must end with .mp4 or .flv");
                }
                return;
            }
            throw invalid(param, "must start with http:// or https://" + (allowFiles ? " (or be a local file)" : ""));
        }
        URI u = uri(param, src);
        String path = lower(u.getPath());
        if (u.getHost() == null || !(path.endsWith(".mp4") || path.endsWith(".flv"))) {
            throw invalid(param, "must end with .mp4 or .flv");
        }
    }

    private static final java.util.regex.Pattern SRT_ANY_HOST =
            java.util.regex.Pattern.compile("srt://:[0-9]{1,5}/?([?].*)?");

    static void checkLiveUrl(String src, boolean allowFiles) {
        String param = "Sources[0]";
        if (src == null || src.length() > MAX_URL_LENGTH) {
            throw invalid(param, src == null ? "empty" : "longer than " + MAX_URL_LENGTH + " characters");
        }
        String lower = lower(src);
        if (lower.startsWith("rtmp://") || lower.startsWith("rtmps://") || lower.startsWith("srt://")) {
            // an SRT listener binds every interface when the host is empty: srt://:9000?mode=listener
            boolean srtListener = SRT_ANY_HOST.matcher(lower).matches();
            if (uri(param, src).getHost() == null && !srtListener) {
                throw invalid(param, "has no host");
            }
            return;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            String path = lower(uri(param, src).getPath());
            if (!path.endsWith(".flv")) {
                throw invalid(param, "a live http(s) source must be HTTP-FLV (a path ending in .flv)");
            }
            return;
        }
        if (allowFiles && isFile(src)) {
            return;
        }
        throw invalid(param, "a live source must be rtmp://, rtmps://, srt:// or http(s) FLV");
    }

    static void checkDestination(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("DestinationUrl", "required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw invalid("DestinationUrl", "longer than " + MAX_URL_LENGTH + " characters");
        }
        URI u = uri("DestinationUrl", url);
        String scheme = lower(u.getScheme());
        if (!scheme.equals("rtmp") && !scheme.equals("rtmps")) {
            throw invalid("DestinationUrl", "must be an rtmp:// or rtmps:// URL");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (u.getHost() == null || path.replaceAll("^/+", "").split("/").length < 2) {
            throw invalid("DestinationUrl", "must name a host, an app and a stream: rtmp://host/app/stream");
        }
    }

    private static boolean isFile(String src) {
        return !src.contains("://");
    }

    private static URI uri(String param, String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw invalid(param, "not a valid URL: " + e.getReason());
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static RelayException invalid(String param, String message) {
        return new RelayException(Code.INVALID_PARAMETER, param, message);
    }
}
