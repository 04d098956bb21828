package dev.liveloom.flv.amf0;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code onMetaData} script data of an FLV file or RTMP stream: the name "onMetaData" followed by
 * an ECMA array (FFmpeg, OBS) or an object (some encoders) of properties. The typed getters cover the
 * properties players use; {@link #properties()} has them all. Values are advisory: demuxers take
 * codecs and sizes from the sequence headers, never from here.
 */
public final class OnMetaData {
    /** The script data name that marks stream metadata. */
    public static final String NAME = "onMetaData";

    private final Map<String, Object> properties;

    public OnMetaData(Map<String, Object> properties) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * Parses a script tag body. Returns null when the body's first value is a string other than
     * "onMetaData" (another script event such as onCuePoint, which callers skip).
     *
     * @throws MediaParseException when the AMF0 is malformed, or the name is not followed by an ECMA
     *     array or object (offsets from the start of {@code body})
     */
    public static OnMetaData parse(ByteBuffer body) throws MediaParseException {
        Amf0Reader r = new Amf0Reader(body);
        String name = r.readString();
        if (!NAME.equals(name)) {
            return null;
        }
        int at = r.offset();
        Object v = r.readValue();
        if (v instanceof Amf0EcmaArray a) {
            return new OnMetaData(a.entries());
        }
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) m;
            return new OnMetaData(props);
        }
        throw MediaParseException.malformed(
                "amf0", at, "onMetaData holds " + Amf0Reader.describe(v) + ", expected an ecma array or object");
    }

    /** The script tag body: "onMetaData" and an ECMA array of the properties. */
    public byte[] toBytes() {
        return Amf0Writer.encode(NAME, new Amf0EcmaArray(properties));
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** A number property, or NaN when absent or not a number. */
    public double number(String name) {
        return properties.get(name) instanceof Double d ? d : Double.NaN;
    }

    /** Duration in seconds, NaN when absent (live streams). */
    public double duration() {
        return number("duration");
    }

    public double width() {
        return number("width");
    }

    public double height() {
        return number("height");
    }

    public double frameRate() {
        return number("framerate");
    }

    /**
     * The video codec id: a legacy codec id (7 AVC, 12 HEVC) or, in enhanced FLV, a FourCC as a
     * number (0x68766331 for 'hvc1'); NaN when absent. Some writers put a string here ("hvc1"): see
     * {@link #properties()}.
     */
    public double videoCodecId() {
        return number("videocodecid");
    }

    public double audioCodecId() {
        return number("audiocodecid");
    }

    public double audioSampleRate() {
        return number("audiosamplerate");
    }

    /** The encoder string, or null. */
    public String encoder() {
        return properties.get("encoder") instanceof String s ? s : null;
    }

    /** The keyframe index some VOD writers add ({@code keyframes.filepositions}), or an empty list. */
    public List<?> keyframeFilePositions() {
        if (properties.get("keyframes") instanceof Map<?, ?> k && k.get("filepositions") instanceof List<?> l) {
            return l;
        }
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnMetaData m && m.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return "onMetaData" + properties;
    }
}
