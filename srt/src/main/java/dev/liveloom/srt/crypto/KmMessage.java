package dev.liveloom.srt.crypto;

import static dev.liveloom.srt.packet.SrtPackets.readInt;

import dev.liveloom.core.media.MediaParseException;
import java.util.Arrays;

/**
 * The key material message (SRT draft, "Key Material"): version 1, packet type 2 (KM), signature
 * 0x2029 ("HAI" in PnP vendor form), KK (1 even key, 2 odd key, 3 both), KEK index, cipher (2 =
 * AES-CTR), authentication (0), stream encapsulation (2 = MPEG-TS/SRT), salt length and key length
 * in 4-byte units, the salt and the wrapped keys (RFC 3394: 8 bytes plus the keys, even before
 * odd).
 */
public record KmMessage(
        int keyFlags,
        int keki,
        int cipher,
        int auth,
        int streamEncapsulation,
        byte[] salt,
        int keyLength,
        byte[] wrappedKeys) {
    public static final int VERSION = 1;
    public static final int PACKET_TYPE_KM = 2;
    public static final int SIGNATURE = 0x2029;
    public static final int CIPHER_AES_CTR = 2;
    public static final int SE_MPEG_TS_SRT = 2;
    public static final int HEADER_SIZE = 16;
    /** The salt is 128 bits; longer salts are not defined. */
    public static final int MAX_SALT = 16;

    /** One word of error state sent in place of a KMRSP: the responder has no passphrase. */
    public static final int STATE_NOSECRET = 3;
    /** One word of error state sent in place of a KMRSP: the responder could not unwrap the keys. */
    public static final int STATE_BADSECRET = 4;

    private static final String LAYER = "srt key material";

    public KmMessage {
        if (keyFlags < 1 || keyFlags > 3) {
            throw new IllegalArgumentException("KK " + keyFlags + ": 1 even, 2 odd, 3 both");
        }
        if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new IllegalArgumentException("key length " + keyLength + ", allowed 16, 24, 32");
        }
        if (salt.length % 4 != 0 || salt.length == 0 || salt.length > MAX_SALT) {
            throw new IllegalArgumentException("salt of " + salt.length + " bytes, allowed 4..16 in words");
        }
        if (wrappedKeys.length != 8 + keyCount(keyFlags) * keyLength) {
            throw new IllegalArgumentException("wrapped keys of " + wrappedKeys.length + " bytes, expected "
                    + (8 + keyCount(keyFlags) * keyLength));
        }
    }

    /** Number of keys for a KK value. */
    public static int keyCount(int keyFlags) {
        return keyFlags == 3 ? 2 : 1;
    }

    public static KmMessage read(byte[] b) throws MediaParseException {
        if (b.length < HEADER_SIZE) {
            throw MediaParseException.truncated(LAYER, 0, b.length + " bytes, header needs " + HEADER_SIZE);
        }
        int w0 = readInt(b, 0);
        int version = (w0 >>> 28) & 7;
        int pt = (w0 >>> 24) & 0xF;
        int sign = (w0 >>> 8) & 0xFFFF;
        if ((w0 & 0x8000_0000) != 0 || version != VERSION || pt != PACKET_TYPE_KM) {
            throw MediaParseException.unsupported(
                    LAYER, 0, "version " + version + " packet type " + pt + ", expected version 1 type 2");
        }
        if (sign != SIGNATURE) {
            throw MediaParseException.malformed(
                    LAYER, 1, "signature 0x" + Integer.toHexString(sign) + ", expected 0x2029");
        }
        int kk = w0 & 3;
        if (kk == 0) {
            throw MediaParseException.malformed(LAYER, 3, "no key announced (KK 0)");
        }
        int w2 = readInt(b, 8);
        int cipher = w2 >>> 24;
        if (cipher != CIPHER_AES_CTR) {
            throw MediaParseException.unsupported(LAYER, 8, "cipher " + cipher + ", only AES-CTR (2) is supported");
        }
        int w3 = readInt(b, 12);
        int slen = ((w3 >>> 8) & 0xFF) * 4;
        int klen = (w3 & 0xFF) * 4;
        if (slen == 0 || slen > MAX_SALT) {
            throw MediaParseException.malformed(LAYER, 14, "salt of " + slen + " bytes, allowed 4.." + MAX_SALT);
        }
        if (klen != 16 && klen != 24 && klen != 32) {
            throw MediaParseException.malformed(LAYER, 15, "key length " + klen + ", allowed 16, 24, 32");
        }
        int wrapped = 8 + keyCount(kk) * klen;
        if (b.length < HEADER_SIZE + slen + wrapped) {
            throw MediaParseException.truncated(
                    LAYER, b.length, b.length + " bytes, needs " + (HEADER_SIZE + slen + wrapped));
        }
        return new KmMessage(
                kk,
                readInt(b, 4),
                cipher,
                (w2 >>> 16) & 0xFF,
                (w2 >>> 8) & 0xFF,
                Arrays.copyOfRange(b, HEADER_SIZE, HEADER_SIZE + slen),
                klen,
                Arrays.copyOfRange(b, HEADER_SIZE + slen, HEADER_SIZE + slen + wrapped));
    }

    public byte[] write() {
        byte[] b = new byte[HEADER_SIZE + salt.length + wrappedKeys.length];
        b[0] = (byte) ((VERSION << 4) | PACKET_TYPE_KM);
        b[1] = (byte) (SIGNATURE >>> 8);
        b[2] = (byte) SIGNATURE;
        b[3] = (byte) keyFlags;
        dev.liveloom.srt.packet.SrtPackets.writeInt(b, 4, keki);
        b[8] = (byte) cipher;
        b[9] = (byte) auth;
        b[10] = (byte) streamEncapsulation;
        b[14] = (byte) (salt.length / 4);
        b[15] = (byte) (keyLength / 4);
        System.arraycopy(salt, 0, b, HEADER_SIZE, salt.length);
        System.arraycopy(wrappedKeys, 0, b, HEADER_SIZE + salt.length, wrappedKeys.length);
        return b;
    }

    /** The error state of a one-word KMRSP, or -1 when {@code b} is not one. */
    public static int errorState(byte[] b) {
        return b.length == 4 ? readInt(b, 0) : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KmMessage k
                && k.keyFlags == keyFlags
                && k.keki == keki
                && k.cipher == cipher
                && k.auth == auth
                && k.streamEncapsulation == streamEncapsulation
                && k.keyLength == keyLength
                && Arrays.equals(k.salt, salt)
                && Arrays.equals(k.wrappedKeys, wrappedKeys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wrappedKeys);
    }

    /** Never shows the key bytes. */
    @Override
    public String toString() {
        return "KmMessage[kk=" + keyFlags + ", cipher=" + cipher + ", se=" + streamEncapsulation + ", salt="
                + salt.length + " bytes, key=" + keyLength + " bytes]";
    }
}
