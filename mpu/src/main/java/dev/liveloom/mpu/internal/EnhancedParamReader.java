package dev.liveloom.mpu.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;

/** Reads the {@code EnhancedParam} JSON string: {@code {"profile": "high", "preset": "veryfast"}}. */
final class EnhancedParamReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longest EnhancedParam accepted: two short keys and values fit in far less. */
    static final int MAX_LENGTH = 1024;

    private EnhancedParamReader() {}

    /** {profile, preset}, each null when absent; throws InvalidParam naming {@code param}. */
    static String[] read(String param, String json) {
        String[] out = new String[2];
        if (json == null || json.isBlank()) {
            return out;
        }
        if (json.length() > MAX_LENGTH) {
            throw MpuValidator.invalid(param, "longer than " + MAX_LENGTH + " characters");
        }
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw MpuValidator.invalid(param, "not a JSON object: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw MpuValidator.invalid(param, "must be a JSON object with profile and/or preset");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            JsonNode v = n.get(k);
            if (!v.isTextual()) {
                throw MpuValidator.invalid(param, k + " must be a string");
            }
            switch (k) {
                case "profile" -> out[0] = v.asText();
                case "preset" -> out[1] = v.asText();
                default -> throw MpuValidator.invalid(param, "unknown key " + k + " (profile, preset)");
            }
        }
        return out;
    }
}
