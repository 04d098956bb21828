package dev.liveloom.core.media;

/** What a track carries. */
public enum MediaType {
    VIDEO("video"),
    AUDIO("audio");

    private final String id;

    MediaType(String id) {
        this.id = id;
    }

    /** The lower-case name used in JSON output ("video", "audio"). */
    public String id() {
        return id;
    }
}
