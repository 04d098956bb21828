package dev.liveloom.core.media;

/** The codecs liveloom carries. Anything else is refused with "unsupported video/audio codec X". */
public enum Codec {
    H264(MediaType.VIDEO, "h264"),
    HEVC(MediaType.VIDEO, "hevc"),
    AAC(MediaType.AUDIO, "aac");

    private final MediaType type;
    private final String id;

    Codec(MediaType type, String id) {
        this.type = type;
        this.id = id;
    }

    public MediaType type() {
        return type;
    }

    /** The name ffprobe gives the codec ("h264", "hevc", "aac"). */
    public String id() {
        return id;
    }
}
