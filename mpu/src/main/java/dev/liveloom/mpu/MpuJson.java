package dev.liveloom.mpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.liveloom.mpu.MpuException.Code;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds StartLiveMPUTask, UpdateLiveMPUTask and StopLiveMPUTask requests from JSON with the seed's
 * parameter names ({@code AppId}, {@code StreamURL}, {@code TranscodeParams.Layout.UserPanes}, ...),
 * and writes responses and errors. Numbers may be given as JSON numbers or strings, as the API
 * accepts both. Unknown parameters are refused with InvalidParam naming them.
 */
public final class MpuJson {
    /** The seed spells these differently from plain upper camel case. */
    private static final Map<String, String> SPECIAL = Map.of(
            "streamUrl", "StreamURL",
            "multiStreamUrl", "MultiStreamURL",
            "url", "URL");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(new PropertyNamingStrategies.NamingBase() {
                private static final long serialVersionUID = 1L;

                @Override
                public String translate(String name) {
                    String s = SPECIAL.get(name);
                    return s != null ? s : Character.toUpperCase(name.charAt(0)) + name.substring(1);
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MpuJson() {}

    public static MpuParams.StartRequest startRequest(String json) {
        return read(json, MpuParams.StartRequest.class);
    }

    public static MpuParams.UpdateRequest updateRequest(String json) {
        return read(json, MpuParams.UpdateRequest.class);
    }

    public static MpuParams.StopRequest stopRequest(String json) {
        return read(json, MpuParams.StopRequest.class);
    }

    /** {@code {"RequestId":"..."}} */
    public static String response(MpuService.Response r) {
        return "{\"RequestId\":\"" + r.requestId() + "\"}";
    }

    /** The error body: RequestId, HttpStatusCode, Code, Message (and the parameter when known). */
    public static String error(MpuException e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("RequestId", e.requestId());
        m.put("HttpStatusCode", e.code().httpStatus());
        m.put("Code", e.code().id());
        m.put("Message", e.getMessage());
        if (e.parameter() != null) {
            m.put("Parameter", e.parameter());
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            T v = JSON.readValue(json, type);
            if (v == null) {
                throw new MpuException(Code.MISSING_PARAM, null, "the request body is empty", null);
            }
            return v;
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw new MpuException(Code.INVALID_PARAM, path, path + ": unknown parameter", null);
        } catch (JsonMappingException e) {
            String path = path(e);
            throw new MpuException(
                    Code.INVALID_PARAM,
                    path,
                    (path.isEmpty() ? "request" : path) + ": " + e.getOriginalMessage(),
                    null);
        } catch (JsonProcessingException e) {
            throw new MpuException(
                    Code.INVALID_PARAM, null, "request is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    /** The seed-style dotted path of a binding failure ("TranscodeParams.Layout.UserPanes.1.X"). */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex() + 1))
                .collect(Collectors.joining("."));
    }
}
