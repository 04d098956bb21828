package dev.liveloom.flv.amf0;

/**
 * An AMF0 reference (marker 0x07): the index of an earlier complex value (object, ECMA array, strict
 * array) in the same message. Not resolved by {@link Amf0Reader}: resolving could build cyclic
 * structures out of hostile input, and no FLV or RTMP field liveloom reads uses references.
 */
public record Amf0Reference(int index) {}
