package dev.liveloom.flv.tag;

/** How HEVC is carried in FLV tags and RTMP messages. */
public enum HevcLayout {
    /** Enhanced FLV (enhanced RTMP v1), FourCC 'hvc1': what FFmpeg 6.1+, OBS and YouTube read. */
    ENHANCED,
    /** Legacy codec id 12, as Chinese CDNs and SRS-era players read it. */
    CODEC_ID_12
}
