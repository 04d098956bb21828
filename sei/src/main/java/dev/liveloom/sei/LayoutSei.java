package dev.liveloom.sei;

import dev.liveloom.sei.internal.LayoutJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The layout and volume SEI content: the canvas, one entry per stream on it, the format version, a
 * timestamp, and optionally the pass-through member ({@code "udd":"..."} by default). {@link #toJson()}
 * writes the seed's JSON byte for byte, fields in the seed's order:
 *
 * <pre>{"canvas":{"w":1920,"h":1080,"bgnd":0},"stream":[{"uid":"streamer111","paneid":-1,"zorder":0,
 * "x":0,"y":0,"w":0,"h":0,"type":0,"status":1,"muted":0,"vol":0,"vad":0}],"ver":"1.0.0.20220915",
 * "ts":1697696105170}</pre>
 *
 * Immutable; build with {@link #builder()} or {@link #singleStreamer}.
 */
public final class LayoutSei {
    /** The format version the seed's examples carry. */
    public static final String DEFAULT_VERSION = "1.0.0.20220915";

    /** The pass-through member's key when PayloadContentKey is not set. */
    public static final String DEFAULT_PASS_THROUGH_KEY = "udd";

    private static final java.util.Set<String> RESERVED_KEYS = java.util.Set.of("canvas", "stream", "ver", "ts");

    /** The canvas: size in pixels and background colour as an RGB integer (0xRRGGBB). */
    public record Canvas(int w, int h, int bgnd) {
        public Canvas {
            if (w < 0 || h < 0) {
                throw new IllegalArgumentException("canvas " + w + "x" + h);
            }
            if (bgnd < 0 || bgnd > 0xFFFFFF) {
                throw new IllegalArgumentException("bgnd " + Integer.toHexString(bgnd) + " is not an RGB colour");
            }
        }
    }

    /**
     * One stream's region and audio state, with the seed's ranges: paneid -1 (bypass) or 0 to 8,
     * zorder 0 to 99, x/y/w/h normalized to [0, 1], type 0 camera or 1 screen, status 0 not pulled or
     * 1 pulled, muted 0 or 1, vol 0 to 255, vad 0 to 150.
     */
    public record Stream(
            String uid,
            int paneid,
            int zorder,
            float x,
            float y,
            float w,
            float h,
            int type,
            int status,
            int muted,
            int vol,
            int vad) {
        public Stream {
            Objects.requireNonNull(uid, "uid");
            check("paneid", paneid, -1, 8);
            check("zorder", zorder, 0, 99);
            checkUnit("x", x);
            checkUnit("y", y);
            checkUnit("w", w);
            checkUnit("h", h);
            check("type", type, 0, 1);
            check("status", status, 0, 1);
            check("muted", muted, 0, 1);
            check("vol", vol, 0, 255);
            check("vad", vad, 0, 150);
        }

        /** The bypass ("single streamer") entry the seed shows: paneid -1, all zeros, status 1. */
        public static Stream bypass(String uid) {
            return new Stream(uid, -1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0);
        }

        private static void check(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " " + v + " (allowed " + min + " to " + max + ")");
            }
        }

        private static void checkUnit(String name, float v) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(name + " " + v + " (allowed 0 to 1)");
            }
        }
    }

    private final Canvas canvas;
    private final List<Stream> streams;
    private final String ver;
    private final long ts;
    private final String passThroughKey;
    private final String passThroughContent;

    private LayoutSei(Builder b) {
        this.canvas = Objects.requireNonNull(b.canvas, "canvas");
        this.streams = List.copyOf(b.streams);
        this.ver = Objects.requireNonNull(b.ver, "ver");
        this.ts = b.ts;
        this.passThroughKey = Objects.requireNonNull(b.passThroughKey, "passThroughKey");
        this.passThroughContent = b.passThroughContent;
        if (passThroughKey.isEmpty() || RESERVED_KEYS.contains(passThroughKey)) {
            throw new IllegalArgumentException("pass-through key \"" + passThroughKey + "\" is empty or reserved");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bypass case: one streamer filling a {@code w}x{@code h} canvas with a black background. */
    public static LayoutSei singleStreamer(String uid, int w, int h) {
        return builder().canvas(w, h, 0).addStream(Stream.bypass(uid)).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.canvas = canvas;
        b.streams.addAll(streams);
        b.ver = ver;
        b.ts = ts;
        b.passThroughKey = passThroughKey;
        b.passThroughContent = passThroughContent;
        return b;
    }

    /** The same content with another timestamp. */
    public LayoutSei withTs(long tsMs) {
        return toBuilder().ts(tsMs).build();
    }

    public Canvas canvas() {
        return canvas;
    }

    public List<Stream> streams() {
        return streams;
    }

    public String ver() {
        return ver;
    }

    /** Milliseconds since the epoch when the information was generated. */
    public long ts() {
        return ts;
    }

    /** The pass-through member's key ({@value #DEFAULT_PASS_THROUGH_KEY} unless configured). */
    public String passThroughKey() {
        return passThroughKey;
    }

    /** The pass-through member's value, or null when the JSON has no such member. */
    public String passThroughContent() {
        return passThroughContent;
    }

    /** The JSON text. */
    public String toJson() {
        return LayoutJson.prefix(this) + ts + LayoutJson.suffix(this);
    }

    /** The JSON text as UTF-8: the SEI payload. */
    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayoutSei l
                && canvas.equals(l.canvas)
                && streams.equals(l.streams)
                && ver.equals(l.ver)
                && ts == l.ts
                && passThroughKey.equals(l.passThroughKey)
                && Objects.equals(passThroughContent, l.passThroughContent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(canvas, streams, ver, ts, passThroughKey, passThroughContent);
    }

    @Override
    public String toString() {
        return toJson();
    }

    public static final class Builder {
        private Canvas canvas;
        private final List<Stream> streams = new ArrayList<>();
        private String ver = DEFAULT_VERSION;
        private long ts;
        private String passThroughKey = DEFAULT_PASS_THROUGH_KEY;
        private String passThroughContent;

        private Builder() {}

        public Builder canvas(int w, int h, int bgnd) {
            this.canvas = new Canvas(w, h, bgnd);
            return this;
        }

        public Builder addStream(Stream s) {
            streams.add(Objects.requireNonNull(s, "stream"));
            return this;
        }

        public Builder streams(List<Stream> s) {
            streams.clear();
            s.forEach(this::addStream);
            return this;
        }

        public Builder ver(String ver) {
            this.ver = ver;
            return this;
        }

        public Builder ts(long tsMs) {
            this.ts = tsMs;
            return this;
        }

        /** Adds the pass-through member with the default key {@value #DEFAULT_PASS_THROUGH_KEY}. */
        public Builder passThrough(String content) {
            return passThrough(DEFAULT_PASS_THROUGH_KEY, content);
        }

        /** Adds the pass-through member {@code "key":"content"}; a null content removes it. */
        public Builder passThrough(String key, String content) {
            this.passThroughKey = key == null ? DEFAULT_PASS_THROUGH_KEY : key;
            this.passThroughContent = content;
            return this;
        }

        public LayoutSei build() {
            return new LayoutSei(this);
        }
    }
}
