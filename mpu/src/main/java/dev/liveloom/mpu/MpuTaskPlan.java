package dev.liveloom.mpu;

import java.util.List;

/**
 * A validated MPU request in typed form: what an engine needs to run the task.
 *
 * @param appId the application
 * @param channelId the channel
 * @param taskId the task
 * @param mixing false for single-stream bypass (MixMode 0), true for mixing (MixMode 1)
 * @param outputs the RTMP ingest URLs (StreamURL, or every MultiStreamURL)
 * @param region the region ID ("AP-Singapore" when unset)
 * @param maxIdleSeconds MaxIdleTime, or -1 when unset
 * @param single bypass parameters, null when mixing
 * @param encode mixing encode parameters, null in bypass
 * @param subscribed users subscribed for mixing (empty: everyone in the channel)
 * @param layoutVolume the layout/volume SEI schedule, or null when not requested
 * @param passThrough the pass-through SEI, or null when not requested
 */
public record MpuTaskPlan(
        String appId,
        String channelId,
        String taskId,
        boolean mixing,
        List<String> outputs,
        String region,
        int maxIdleSeconds,
        Single single,
        Encode encode,
        List<String> subscribed,
        SeiSchedule layoutVolume,
        PassThroughSei passThrough) {

    /** Which of a user's streams: camera or shareScreen. */
    public enum Source {
        CAMERA("camera"),
        SHARE_SCREEN("shareScreen");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** StreamType: 0 original (audio and video), 1 audio only, 2 video only. */
    public enum StreamKind {
        ORIGINAL,
        AUDIO_ONLY,
        VIDEO_ONLY
    }

    /** Bypass: forward one user's stream. */
    public record Single(String userId, Source source, StreamKind kind) {}

    /** Mixing output encoding (video fields 0 / null when audio only). */
    public record Encode(
            boolean audioOnly,
            int audioBitrateKbps,
            int audioChannels,
            int audioSampleRate,
            String videoCodec,
            int videoBitrateKbps,
            int videoFramerate,
            int videoGop,
            int videoWidth,
            int videoHeight,
            String profile,
            String preset) {}

    /** When SEI goes out: every {@code intervalMs} (0 = no interval) and/or with every IDR. */
    public record SeiSchedule(int intervalMs, boolean followIdr) {}

    /** The pass-through SEI: payload under {@code key} ("udd" by default), payload type 5 or 100-254. */
    public record PassThroughSei(SeiSchedule schedule, String content, String key, int payloadType) {}
}
