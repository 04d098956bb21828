package dev.liveloom.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 digest scheme of the Flash-era RTMP handshake. C1 and S1 are 1536 bytes: time (4),
 * version (4), then two 764-byte halves. In scheme 0 the digest sits in the first half at {@code
 * 12 + (b[8] + b[9] + b[10] + b[11]) % 728}; in scheme 1 in the second half at {@code 776 + (b[772]
 * + ... + b[775]) % 728}. The digest is the HMAC of the packet without its 32 digest bytes, keyed with
 * the "Genuine Adobe Flash Player 001" text (client) or "Genuine Adobe Flash Media Server 001" text
 * (server). C2 and S2 end with an HMAC of their first 1504 bytes, keyed with the HMAC of the peer's
 * digest under the full key (the text followed by 32 fixed bytes). These keys are public protocol
 * constants.
 */
final class HandshakeDigest {
    private HandshakeDigest() {}

    static final int PACKET_LENGTH = 1536;
    static final int DIGEST_LENGTH = 32;
    static final int SIGNED_LENGTH = PACKET_LENGTH - DIGEST_LENGTH;

    private static final byte[] KEY_TAIL = hex("F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE");

    /** "Genuine Adobe Flash Player 001" (30 bytes): keys the client's C1 digest. */
    static final byte[] CLIENT_KEY = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);

    /** "Genuine Adobe Flash Media Server 001" (36 bytes): keys the server's S1 digest. */
    static final byte[] SERVER_KEY = "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);

    /** The client text plus the 32-byte tail (62 bytes): derives the key that signs C2. */
    static final byte[] CLIENT_FULL_KEY = concat(CLIENT_KEY, KEY_TAIL);

    /** The server text plus the 32-byte tail (68 bytes): derives the key that signs S2. */
    static final byte[] SERVER_FULL_KEY = concat(SERVER_KEY, KEY_TAIL);

    /** Where the digest sits in a 1536-byte C1/S1 for scheme 0 or 1. */
    static int digestOffset(byte[] packet, int scheme) {
        int base = scheme == 0 ? 8 : 772;
        int sum = (packet[base] & 0xFF)
                + (packet[base + 1] & 0xFF)
                + (packet[base + 2] & 0xFF)
                + (packet[base + 3] & 0xFF);
        return base + 4 + sum % 728;
    }

    /** The HMAC of {@code packet} without the 32 bytes at {@code offset}. */
    static byte[] packetDigest(byte[] packet, int offset, byte[] key) {
        Mac mac = mac(key);
        mac.update(packet, 0, offset);
        mac.update(packet, offset + DIGEST_LENGTH, PACKET_LENGTH - offset - DIGEST_LENGTH);
        return mac.doFinal();
    }

    /** Writes the digest into {@code packet} for {@code scheme} and returns its offset. */
    static int imprint(byte[] packet, int scheme, byte[] key) {
        int offset = digestOffset(packet, scheme);
        byte[] d = packetDigest(packet, offset, key);
        System.arraycopy(d, 0, packet, offset, DIGEST_LENGTH);
        return offset;
    }

    /** The scheme (0 or 1) whose digest in {@code packet} verifies with {@code key}, or -1. */
    static int findScheme(byte[] packet, byte[] key) {
        for (int scheme = 0; scheme <= 1; scheme++) {
            int offset = digestOffset(packet, scheme);
            byte[] d = packetDigest(packet, offset, key);
            if (MessageDigest.isEqual(d, Arrays.copyOfRange(packet, offset, offset + DIGEST_LENGTH))) {
                return scheme;
            }
        }
        return -1;
    }

    /** Signs a C2/S2 in place: its last 32 bytes become the HMAC of the first 1504 bytes. */
    static void sign(byte[] packet, byte[] peerDigest, byte[] fullKey) {
        byte[] sig = signature(packet, peerDigest, fullKey);
        System.arraycopy(sig, 0, packet, SIGNED_LENGTH, DIGEST_LENGTH);
    }

    /** Whether a C2/S2 carries the signature derived from {@code peerDigest}. */
    static boolean verifySignature(byte[] packet, byte[] peerDigest, byte[] fullKey) {
        byte[] sig = signature(packet, peerDigest, fullKey);
        return MessageDigest.isEqual(sig, Arrays.copyOfRange(packet, SIGNED_LENGTH, PACKET_LENGTH));
    }

    private static byte[] signature(byte[] packet, byte[] peerDigest, byte[] fullKey) {
        byte[] key = mac(fullKey).doFinal(peerDigest);
        Mac mac = mac(key);
        mac.update(packet, 0, SIGNED_LENGTH);
        return mac.doFinal();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] hex(String s) {
        byte[] r = new byte[s.length() / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return r;
    }
}
