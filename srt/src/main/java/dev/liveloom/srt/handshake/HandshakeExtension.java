package dev.liveloom.srt.handshake;

import java.util.Arrays;

/**
 * One extension block after the handshake's 48 fixed bytes: a 16-bit type, a 16-bit length in
 * 32-bit words, and the content (HSREQ/HSRSP: {@link SrtHsExtension}, KMREQ/KMRSP: a key material
 * message, SID: {@link StreamIdExtension}).
 */
public record HandshakeExtension(int type, byte[] content) {
    public static final int HSREQ = 1;
    public static final int HSRSP = 2;
    public static final int KMREQ = 3;
    public static final int KMRSP = 4;
    public static final int SID = 5;
    public static final int CONGESTION = 6;
    public static final int FILTER = 7;
    public static final int GROUP = 8;

    public HandshakeExtension {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("extension type " + type + " is 16 bits");
        }
        if (content.length % 4 != 0) {
            throw new IllegalArgumentException("extension content of " + content.length + " bytes is not whole words");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeExtension e && e.type == type && Arrays.equals(e.content, content);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "HandshakeExtension[type=" + type + ", " + content.length + " bytes]";
    }
}
