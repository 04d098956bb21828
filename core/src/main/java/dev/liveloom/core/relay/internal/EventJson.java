package dev.liveloom.core.relay.internal;

import dev.liveloom.core.relay.RelayEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The webhook body of a relay event: Standard Webhooks' {@code type}, {@code timestamp} and {@code
 * data}, plus the Alibaba-style top-level fields ({@code TaskId}, {@code TaskStatus}, {@code
 * TaskInvalidReason}, {@code EventTime}) that existing receivers read.
 */
public final class EventJson {
    private EventJson() {}

    public static byte[] body(RelayEvent e) {
        String time = Instant.ofEpochMilli(e.eventTimeMillis()).toString();
        StringBuilder sb = new StringBuilder(256).append('{');
        field(sb, "type", "relay." + e.type().name().toLowerCase(Locale.ROOT)).append(',');
        field(sb, "timestamp", time).append(',');
        field(sb, "TaskId", e.taskId()).append(',');
        field(sb, "TaskStatus", e.state().label()).append(',');
        field(sb, "TaskInvalidReason", e.detail() != null && e.stopReason() != null ? e.detail() : "")
                .append(',');
        field(sb, "EventTime", time).append(',');
        sb.append("\"data\":{");
        field(sb, "event", e.type().name()).append(',');
        field(sb, "taskId", e.taskId()).append(',');
        field(sb, "state", e.state().label());
        if (e.stopReason() != null) {
            field(sb.append(','), "stopReason", e.stopReason().name());
        }
        if (e.itemIndex() >= 0) {
            sb.append(",\"itemIndex\":").append(e.itemIndex());
        }
        if (e.itemUrl() != null) {
            field(sb.append(','), "itemUrl", e.itemUrl());
        }
        if (e.detail() != null) {
            field(sb.append(','), "detail", e.detail());
        }
        return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        string(sb, name).append(':');
        return string(sb, value);
    }

    /** Appends a JSON string literal. */
    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
