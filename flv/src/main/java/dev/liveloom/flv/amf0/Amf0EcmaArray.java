package dev.liveloom.flv.amf0;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMF0 ECMA array (marker 0x08): string keys to values in wire order, like an object but written
 * with a leading count. Kept apart from plain objects so that {@code onMetaData} written by FFmpeg (an
 * ECMA array) round-trips with the same marker. The {@code count} field is what the writer announced;
 * readers ignore it (FFmpeg and others do) and read until the object-end marker.
 */
public record Amf0EcmaArray(Map<String, Object> entries) {
    public Amf0EcmaArray {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
