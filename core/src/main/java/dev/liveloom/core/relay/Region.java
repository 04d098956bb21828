package dev.liveloom.core.relay;

import java.util.Locale;

/** The regions a relay task may name (the seed's list), by their ApsaraVideo Live region IDs. */
public enum Region {
    CN_SHANGHAI("cn-shanghai", "China (Shanghai)"),
    CN_BEIJING("cn-beijing", "China (Beijing)"),
    CN_SHENZHEN("cn-shenzhen", "China (Shenzhen)"),
    AP_SOUTHEAST_1("ap-southeast-1", "Singapore"),
    AP_SOUTHEAST_5("ap-southeast-5", "Indonesia (Jakarta)");

    private final String id;
    private final String label;

    Region(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The region with this ID ("cn-shanghai"), case-insensitive. */
    public static Region of(String id) {
        String s = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Region r : values()) {
            if (r.id.equals(s)) {
                return r;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (Region r : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(r.id);
        }
        throw new RelayException(
                RelayException.Code.INVALID_PARAMETER, "Region", "unknown region '" + id + "'; allowed: " + allowed);
    }
}
