package dev.liveloom.sei;

import java.util.HexFormat;

/** Hex literals for byte-level tests: spaces are ignored. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
