package dev.liveloom.flv.amf0;

/** The AMF0 undefined value (marker 0x06); AMF0 null (marker 0x05) is Java {@code null}. */
public enum Amf0Undefined {
    UNDEFINED
}
