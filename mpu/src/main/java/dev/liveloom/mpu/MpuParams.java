package dev.liveloom.mpu;

import java.util.List;

/**
 * The request shapes of StartLiveMPUTask, UpdateLiveMPUTask and StopLiveMPUTask, field for field
 * as the seed names them (the JSON binding maps {@code appId} to {@code AppId}, {@code streamUrl} to
 * {@code StreamURL}, {@code url} to {@code URL}). Values stay strings as the API sends them; {@link
 * MpuService} validates and parses them, naming the offending parameter. Null means "not set".
 */
public final class MpuParams {
    private MpuParams() {}

    /** StartLiveMPUTask. */
    public record StartRequest(
            String appId,
            String channelId,
            String taskId,
            String mixMode,
            String streamUrl,
            List<StreamTarget> multiStreamUrl,
            String region,
            String maxIdleTime,
            SingleSubParams singleSubParams,
            TranscodeParams transcodeParams,
            SeiParams seiParams) {}

    /**
     * UpdateLiveMPUTask: the task's new parameters. AppId, ChannelId and TaskId name the task; what
     * is set replaces the task's value (output URLs, the subscribed user, layout, SEI).
     */
    public record UpdateRequest(
            String appId,
            String channelId,
            String taskId,
            String mixMode,
            String streamUrl,
            List<StreamTarget> multiStreamUrl,
            SingleSubParams singleSubParams,
            TranscodeParams transcodeParams,
            SeiParams seiParams) {}

    /** StopLiveMPUTask. */
    public record StopRequest(String appId, String channelId, String taskId) {}

    /** One of MultiStreamURL. */
    public record StreamTarget(String url, Boolean isAliCdn) {}

    /** Single-stream (bypass) parameters. */
    public record SingleSubParams(String sourceType, String streamType, String userId) {}

    /** Mixing and transcoding parameters. */
    public record TranscodeParams(
            Background background, EncodeParams encodeParams, Layout layout, List<UserInfo> userInfos) {}

    public record Background(String renderMode, String url) {}

    public record EncodeParams(
            String audioOnly,
            String audioBitrate,
            String audioChannels,
            String audioSampleRate,
            String videoCodec,
            String videoBitrate,
            String videoFramerate,
            String videoGop,
            String videoHeight,
            String videoWidth,
            String enhancedParam) {}

    public record Layout(List<UserPane> userPanes) {}

    public record UserPane(
            PaneUser userInfo,
            String height,
            String width,
            String x,
            String y,
            String zOrder,
            String backgroundImageUrl,
            String renderMode) {}

    /** The user shown in a pane. */
    public record PaneUser(String sourceType, String channelId, String userId) {}

    /** A user subscribed for mixing. */
    public record UserInfo(String sourceType, String streamType, String channelId, String userId) {}

    public record SeiParams(LayoutVolume layoutVolume, PassThrough passThrough) {}

    public record LayoutVolume(String followIdr, String interval) {}

    public record PassThrough(
            String followIdr, String interval, String payloadContent, String payloadContentKey, String payloadType) {}
}
