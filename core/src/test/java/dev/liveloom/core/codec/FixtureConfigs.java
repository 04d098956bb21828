package dev.liveloom.core.codec;

import dev.liveloom.core.testing.Fixtures;
import java.util.Arrays;

/**
 * Codec configuration bytes of the test media, found by scanning for the box type (there is no MP4
 * parser in core): the body of the first avcC/hvcC box, and the DecoderSpecificInfo of the first esds.
 */
final class FixtureConfigs {
    private FixtureConfigs() {}

    /** The body of the first box of {@code type} in {@code testdata/media/<file>}. */
    static byte[] box(String file, String type) {
        byte[] b = Fixtures.bytes(file);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 4; i + 4 <= b.length; i++) {
            if (b[i] == t[0] && b[i + 1] == t[1] && b[i + 2] == t[2] && b[i + 3] == t[3]) {
                int size = ((b[i - 4] & 0xff) << 24)
                        | ((b[i - 3] & 0xff) << 16)
                        | ((b[i - 2] & 0xff) << 8)
                        | (b[i - 1] & 0xff);
                if (size >= 8 && i - 4 + size <= b.length) {
                    return Arrays.copyOfRange(b, i + 4, i - 4 + size);
                }
            }
        }
        throw new AssertionError("no " + type + " box in " + file);
    }

    /** The AudioSpecificConfig inside the first esds box of {@code file}. */
    static byte[] asc(String file) {
        byte[] esds = box(file, "esds");
        int p = 4; // version and flags
        while (p < esds.length) {
            int tag = esds[p++] & 0xff;
            int len = 0;
            int c;
            do {
                c = esds[p++] & 0xff;
                len = (len << 7) | (c & 0x7f);
            } while ((c & 0x80) != 0);
            switch (tag) {
                case 0x03 -> {
                    int flags = esds[p + 2] & 0xff;
                    p += 3;
                    if ((flags & 0x80) != 0) {
                        p += 2;
                    }
                    if ((flags & 0x40) != 0) {
                        p += 1 + (esds[p] & 0xff);
                    }
                    if ((flags & 0x20) != 0) {
                        p += 2;
                    }
                }
                case 0x04 -> p += 13;
                case 0x05 -> {
                    return Arrays.copyOfRange(esds, p, p + len);
                }
                default -> p += len;
            }
        }
        throw new AssertionError("no DecoderSpecificInfo in " + file);
    }
}
