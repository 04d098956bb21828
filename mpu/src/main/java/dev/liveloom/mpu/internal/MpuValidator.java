package dev.liveloom.mpu.internal;

import dev.liveloom.mpu.MpuException;
import dev.liveloom.mpu.MpuException.Code;
import dev.liveloom.mpu.MpuParams.EncodeParams;
import dev.liveloom.mpu.MpuParams.Layout;
import dev.liveloom.mpu.MpuParams.PassThrough;
import dev.liveloom.mpu.MpuParams.SeiParams;
import dev.liveloom.mpu.MpuParams.SingleSubParams;
import dev.liveloom.mpu.MpuParams.StreamTarget;
import dev.liveloom.mpu.MpuParams.TranscodeParams;
import dev.liveloom.mpu.MpuParams.UserInfo;
import dev.liveloom.mpu.MpuParams.UserPane;
import dev.liveloom.mpu.MpuTaskPlan;
import dev.liveloom.mpu.MpuTaskPlan.Encode;
import dev.liveloom.mpu.MpuTaskPlan.PassThroughSei;
import dev.liveloom.mpu.MpuTaskPlan.SeiSchedule;
import dev.liveloom.mpu.MpuTaskPlan.Single;
import dev.liveloom.mpu.MpuTaskPlan.Source;
import dev.liveloom.mpu.MpuTaskPlan.StreamKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule the seed states for StartLiveMPUTask (and the same rules for UpdateLiveMPUTask), each
 * failure naming the parameter by its dotted seed path. Pure.
 */
public final class MpuValidator {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    /** The seed: AppId, ChannelId and user IDs at most 64 characters. */
    static final int MAX_ID = 64;

    /** The seed: TaskId at most 55 characters. */
    static final int MAX_TASK_ID = 55;

    /** The seed: ingest and image URLs at most 2048 characters. */
    static final int MAX_URL = 2048;

    /** Outputs per task: a bound of ours (the seed names none); each is one RTMP session. */
    static final int MAX_OUTPUTS = 10;

    /** The layout SEI numbers panes 0 to 8. */
    static final int MAX_PANES = 9;

    /** Subscribed users: as many as panes, plus audio-only participants. */
    static final int MAX_USERS = 32;

    /** Pass-through payload: it travels in every SEI; keep it well under an RTMP chunk. */
    static final int MAX_PAYLOAD = 4096;

    static final Set<String> REGIONS = Set.of("CN-Shanghai", "AP-Singapore", "EMAA-Saudi");
    static final Set<Integer> SAMPLE_RATES = Set.of(8000, 16000, 32000, 44100, 48000);
    static final List<String> PRESETS = List.of(
            "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo");

    private MpuValidator() {}

    /** Validates a start request into a plan. */
    public static MpuTaskPlan start(
            String appId,
            String channelId,
            String taskId,
            String mixMode,
            String streamUrl,
            List<StreamTarget> multi,
            String region,
            String maxIdleTime,
            SingleSubParams single,
            TranscodeParams transcode,
            SeiParams sei) {
        appId(appId);
        id("ChannelId", channelId, MAX_ID);
        id("TaskId", taskId, MAX_TASK_ID);
        String mode = required("MixMode", mixMode);
        if (!mode.equals("0") && !mode.equals("1")) {
            throw invalid("MixMode", "must be 0 (single stream) or 1 (mixing), was " + mode);
        }
        boolean mixing = mode.equals("1");
        List<String> outputs = outputs(streamUrl, multi);
        String reg = region == null ? "AP-Singapore" : region;
        if (!REGIONS.contains(reg)) {
            throw invalid("Region", "must be one of CN-Shanghai, AP-Singapore, EMAA-Saudi, was " + reg);
        }
        int idle = maxIdleTime == null ? -1 : intIn("MaxIdleTime", maxIdleTime, 10, 86400);
        Single s = null;
        Encode enc = null;
        List<String> users = List.of();
        if (mixing) {
            if (single != null) {
                throw invalid("SingleSubParams", "must not be set when MixMode is 1");
            }
            if (transcode == null) {
                throw missing("TranscodeParams", "required when MixMode is 1");
            }
            users = userInfos(transcode.userInfos());
            enc = encode(transcode.encodeParams());
            background(transcode);
            layout(transcode.layout(), enc.audioOnly(), new HashSet<>(users));
        } else {
            if (transcode != null) {
                throw invalid("TranscodeParams", "must not be set when MixMode is 0");
            }
            if (single == null) {
                throw missing("SingleSubParams", "required when MixMode is 0");
            }
            s = single(single);
        }
        SeiSchedule lv = null;
        PassThroughSei pt = null;
        if (sei != null) {
            if (sei.layoutVolume() != null) {
                lv = schedule(
                        "SeiParams.LayoutVolume",
                        sei.layoutVolume().followIdr(),
                        sei.layoutVolume().interval());
            }
            if (sei.passThrough() != null) {
                pt = passThrough(sei.passThrough());
            }
        }
        return new MpuTaskPlan(appId, channelId, taskId, mixing, outputs, reg, idle, s, enc, users, lv, pt);
    }

    public static void appId(String appId) {
        if (appId == null || appId.isEmpty()) {
            throw missing("AppId", "required");
        }
        if (appId.length() > MAX_ID || !ID.matcher(appId).matches()) {
            throw new MpuException(
                    Code.INVALID_APP_ID,
                    "AppId",
                    "AppId: up to " + MAX_ID + " of A-Z a-z 0-9 _ -, please check and try again later",
                    null);
        }
    }

    public static String id(String param, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw missing(param, "required");
        }
        if (value.length() > max) {
            throw invalid(param, "longer than " + max + " characters");
        }
        if (!ID.matcher(value).matches()) {
            throw invalid(param, "may contain only A-Z a-z 0-9 _ -");
        }
        return value;
    }

    static List<String> outputs(String streamUrl, List<StreamTarget> multi) {
        boolean hasMulti = multi != null && !multi.isEmpty();
        if (streamUrl != null && hasMulti) {
            throw invalid("StreamURL", "set StreamURL or MultiStreamURL, not both");
        }
        if (streamUrl == null && !hasMulti) {
            throw missing("StreamURL", "StreamURL or MultiStreamURL is required");
        }
        if (streamUrl != null) {
            return List.of(rtmpUrl("StreamURL", streamUrl));
        }
        if (multi.size() > MAX_OUTPUTS) {
            throw invalid("MultiStreamURL", "at most " + MAX_OUTPUTS + " URLs, got " + multi.size());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < multi.size(); i++) {
            StreamTarget t = multi.get(i);
            String u = rtmpUrl("MultiStreamURL." + (i + 1) + ".URL", t == null ? null : t.url());
            if (out.contains(u)) {
                throw invalid("MultiStreamURL." + (i + 1) + ".URL", "the same URL appears twice");
            }
            out.add(u);
        }
        return List.copyOf(out);
    }

    static String rtmpUrl(String param, String url) {
        if (url == null || url.isEmpty()) {
            throw missing(param, "required");
        }
        if (url.length() > MAX_URL) {
            throw invalid(param, "longer than " + MAX_URL + " characters");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(param, "not a valid URL");
        }
        if (!"rtmp".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw invalid(param, "only rtmp:// URLs are supported");
        }
        return url;
    }

    static Single single(SingleSubParams p) {
        String user = id("SingleSubParams.UserId", p.userId(), MAX_ID);
        StreamKind kind = streamKind("SingleSubParams.StreamType", p.streamType());
        Source src = source("SingleSubParams.SourceType", p.sourceType());
        return new Single(user, src, kind);
    }

    static StreamKind streamKind(String param, String v) {
        if (v == null) {
            return StreamKind.ORIGINAL;
        }
        return switch (v) {
            case "0" -> StreamKind.ORIGINAL;
            case "1" -> StreamKind.AUDIO_ONLY;
            case "2" -> StreamKind.VIDEO_ONLY;
            default -> throw invalid(param, "must be 0 (original), 1 (audio only) or 2 (video only), was " + v);
        };
    }

    static Source source(String param, String v) {
        if (v == null || v.equals("camera")) {
            return Source.CAMERA;
        }
        if (v.equals("shareScreen")) {
            return Source.SHARE_SCREEN;
        }
        throw invalid(param, "must be camera or shareScreen, was " + v);
    }

    static List<String> userInfos(List<UserInfo> infos) {
        if (infos == null) {
            return List.of();
        }
        if (infos.size() > MAX_USERS) {
            throw invalid("TranscodeParams.UserInfos", "at most " + MAX_USERS + " users, got " + infos.size());
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            String p = "TranscodeParams.UserInfos." + (i + 1);
            UserInfo u = infos.get(i);
            if (u == null) {
                throw missing(p, "empty user");
            }
            users.add(id(p + ".UserId", u.userId(), MAX_ID));
            streamKind(p + ".StreamType", u.streamType());
            source(p + ".SourceType", u.sourceType());
            if (u.channelId() != null) {
                id(p + ".ChannelId", u.channelId(), MAX_ID);
            }
        }
        return List.copyOf(users);
    }

    static Encode encode(EncodeParams e) {
        String p = "TranscodeParams.EncodeParams.";
        if (e == null) {
            throw missing("TranscodeParams.EncodeParams", "required for mixing");
        }
        boolean audioOnly = bool(p + "AudioOnly", e.audioOnly(), false);
        int ab = intIn(p + "AudioBitrate", required(p + "AudioBitrate", e.audioBitrate()), 8, 500);
        int ac = intIn(p + "AudioChannels", required(p + "AudioChannels", e.audioChannels()), 1, 2);
        int ar = parseInt(p + "AudioSampleRate", required(p + "AudioSampleRate", e.audioSampleRate()));
        if (!SAMPLE_RATES.contains(ar)) {
            throw invalid(p + "AudioSampleRate", "must be 8000, 16000, 32000, 44100 or 48000, was " + ar);
        }
        if (audioOnly) {
            for (String[] v : new String[][] {
                {"VideoBitrate", e.videoBitrate()},
                {"VideoFramerate", e.videoFramerate()},
                {"VideoGop", e.videoGop()},
                {"VideoWidth", e.videoWidth()},
                {"VideoHeight", e.videoHeight()},
                {"VideoCodec", e.videoCodec()},
                {"EnhancedParam", e.enhancedParam()}
            }) {
                if (v[1] != null) {
                    throw invalid(p + v[0], "must not be set when AudioOnly is true");
                }
            }
            return new Encode(true, ab, ac, ar, null, 0, 0, 0, 0, 0, null, null);
        }
        String codec = e.videoCodec() == null ? "H.264" : e.videoCodec();
        if (!codec.equals("H.264") && !codec.equals("H.265")) {
            throw invalid(p + "VideoCodec", "must be H.264 or H.265, was " + codec);
        }
        int vb = intIn(p + "VideoBitrate", required(p + "VideoBitrate", e.videoBitrate()), 1, 10000);
        int fr = intIn(p + "VideoFramerate", required(p + "VideoFramerate", e.videoFramerate()), 1, 60);
        int gop = intIn(p + "VideoGop", required(p + "VideoGop", e.videoGop()), 1, 60);
        int w = intIn(p + "VideoWidth", required(p + "VideoWidth", e.videoWidth()), 0, 1920);
        int h = intIn(p + "VideoHeight", required(p + "VideoHeight", e.videoHeight()), 0, 1920);
        String[] pp = EnhancedParamReader.read(p + "EnhancedParam", e.enhancedParam());
        String profile = pp[0];
        String preset = pp[1];
        if (profile != null) {
            boolean ok = codec.equals("H.264")
                    ? List.of("baseline", "main", "high").contains(profile)
                    : profile.equals("main");
            if (!ok) {
                throw invalid(
                        p + "EnhancedParam",
                        "profile " + profile + " is not valid for " + codec
                                + (codec.equals("H.264") ? " (baseline, main, high)" : " (main)"));
            }
        }
        if (preset != null && !PRESETS.contains(preset)) {
            throw invalid(
                    p + "EnhancedParam", "preset must be one of " + String.join(", ", PRESETS) + ", was " + preset);
        }
        return new Encode(false, ab, ac, ar, codec, vb, fr, gop, w, h, profile, preset);
    }

    static void background(TranscodeParams t) {
        if (t.background() == null) {
            return;
        }
        renderMode("TranscodeParams.Background.RenderMode", t.background().renderMode());
        if (t.background().url() != null) {
            imageUrl("TranscodeParams.Background.URL", t.background().url());
        }
    }

    static void layout(Layout layout, boolean audioOnly, Set<String> subscribed) {
        if (audioOnly) {
            if (layout != null) {
                throw invalid("TranscodeParams.Layout", "must not be set for audio-only transcoding");
            }
            return;
        }
        if (layout == null || layout.userPanes() == null || layout.userPanes().isEmpty()) {
            throw missing(
                    "TranscodeParams.Layout.UserPanes",
                    "video transcoding needs the layout (X, Y, Width, Height, ZOrder)");
        }
        List<UserPane> panes = layout.userPanes();
        if (panes.size() > MAX_PANES) {
            throw invalid("TranscodeParams.Layout.UserPanes", "at most " + MAX_PANES + " panes, got " + panes.size());
        }
        for (int i = 0; i < panes.size(); i++) {
            String p = "TranscodeParams.Layout.UserPanes." + (i + 1) + ".";
            UserPane pane = panes.get(i);
            if (pane == null) {
                throw missing(p.substring(0, p.length() - 1), "empty pane");
            }
            double x = fraction(p + "X", required(p + "X", pane.x()));
            double y = fraction(p + "Y", required(p + "Y", pane.y()));
            double w = fraction(p + "Width", required(p + "Width", pane.width()));
            double h = fraction(p + "Height", required(p + "Height", pane.height()));
            if (x + w > 1.0001 || y + h > 1.0001) {
                throw invalid(p + "Width", "the pane must lie inside the canvas (X + Width <= 1 and Y + Height <= 1)");
            }
            intIn(p + "ZOrder", required(p + "ZOrder", pane.zOrder()), 0, 99);
            renderMode(p + "RenderMode", pane.renderMode());
            if (pane.backgroundImageUrl() != null) {
                imageUrl(p + "BackgroundImageUrl", pane.backgroundImageUrl());
            }
            if (pane.userInfo() != null && pane.userInfo().userId() != null) {
                String user = id(p + "UserInfo.UserId", pane.userInfo().userId(), MAX_ID);
                if (!subscribed.isEmpty() && !subscribed.contains(user)) {
                    throw invalid(p + "UserInfo.UserId", "user " + user + " is not in TranscodeParams.UserInfos");
                }
                source(p + "UserInfo.SourceType", pane.userInfo().sourceType());
                if (pane.userInfo().channelId() != null) {
                    id(p + "UserInfo.ChannelId", pane.userInfo().channelId(), MAX_ID);
                }
            }
        }
    }

    static SeiSchedule schedule(String p, String followIdr, String interval) {
        boolean idr = bool01(p + ".FollowIdr", followIdr);
        int ms = interval == null ? 0 : intIn(p + ".Interval", interval, 1000, 5000);
        return new SeiSchedule(ms, idr);
    }

    static PassThroughSei passThrough(PassThrough t) {
        String p = "SeiParams.PassThrough";
        SeiSchedule s = schedule(p, t.followIdr(), t.interval());
        String content = required(p + ".PayloadContent", t.payloadContent());
        if (content.length() > MAX_PAYLOAD) {
            throw invalid(p + ".PayloadContent", "longer than " + MAX_PAYLOAD + " characters");
        }
        String key = t.payloadContentKey() == null ? "udd" : t.payloadContentKey();
        if (key.isEmpty() || key.length() > MAX_ID || !ID.matcher(key).matches()) {
            throw invalid(p + ".PayloadContentKey", "up to " + MAX_ID + " of A-Z a-z 0-9 _ -");
        }
        int type = t.payloadType() == null ? 5 : intIn(p + ".PayloadType", t.payloadType(), 100, 254);
        return new PassThroughSei(s, content, key, type);
    }

    static void renderMode(String p, String v) {
        if (v != null && !v.equals("0") && !v.equals("1")) {
            throw invalid(p, "must be 0 (scale, black background) or 1 (clip), was " + v);
        }
    }

    static void imageUrl(String p, String url) {
        if (url.length() > MAX_URL) {
            throw invalid(p, "longer than " + MAX_URL + " characters");
        }
        String l = url.toLowerCase(Locale.ROOT);
        if (!l.startsWith("http://") && !l.startsWith("https://")) {
            throw invalid(p, "must be an http:// or https:// URL");
        }
    }

    static boolean bool(String p, String v, boolean dflt) {
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(p, "must be true or false, was " + v);
        };
    }

    static boolean bool01(String p, String v) {
        if (v == null || v.equals("0")) {
            return false;
        }
        if (v.equals("1")) {
            return true;
        }
        throw invalid(p, "must be 0 or 1, was " + v);
    }

    static double fraction(String p, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(p, "not a number: " + v);
        }
        if (!(d >= 0 && d <= 1)) {
            throw invalid(p, "must be a normalized value in [0, 1], was " + v);
        }
        return d;
    }

    static int intIn(String p, String v, int min, int max) {
        int n = parseInt(p, v);
        if (n < min || n > max) {
            throw invalid(p, "must be in [" + min + ", " + max + "], was " + v);
        }
        return n;
    }

    static int parseInt(String p, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(p, "not an integer: " + v);
        }
    }

    static String required(String p, String v) {
        if (v == null || v.isEmpty()) {
            throw missing(p, "required");
        }
        return v;
    }

    public static MpuException invalid(String param, String message) {
        return new MpuException(Code.INVALID_PARAM, param, param + ": " + message, null);
    }

    public static MpuException missing(String param, String message) {
        return new MpuException(Code.MISSING_PARAM, param, param + ": " + message, null);
    }
}
