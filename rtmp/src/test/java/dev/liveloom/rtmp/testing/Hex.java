package dev.liveloom.rtmp.testing;

import java.util.HexFormat;

/** Hex literals for byte-level tests; spaces and newlines are ignored. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** {@code n} bytes counting up from {@code start}, as a payload with recognizable content. */
    public static byte[] counting(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    public static String counting(int n) {
        return of(counting(n, 0));
    }
}
