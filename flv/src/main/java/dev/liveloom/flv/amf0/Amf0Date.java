package dev.liveloom.flv.amf0;

/**
 * An AMF0 date (marker 0x0B): milliseconds since the Unix epoch as a double, and a time-zone field
 * that the spec reserves (should be 0) but that is kept so a value round-trips byte for byte.
 */
public record Amf0Date(double epochMillis, short timeZone) {}
