package dev.liveloom.core.relay;

/** What a relay task pulls (the seed's "Source Type"). */
public enum SourceType {
    /** One live stream: rtmp://, srt:// or http(s) FLV. Playback times do not apply. */
    LIVE,
    /** 1 to 30 media asset IDs, resolved to URLs by the host's {@link MediaAssetResolver}. */
    VOD,
    /** 1 to 30 http(s) URLs ending in .mp4 or .flv. */
    VIDEO_URL
}
