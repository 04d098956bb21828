package dev.liveloom.srt.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.KeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRT key derivation and key wrap, with the JDK's providers: the key encrypting key is
 * PBKDF2-HMAC-SHA1 of the passphrase, 2048 iterations, with the last 8 bytes of the KM salt as its
 * salt; session keys are wrapped with AES key wrap (RFC 3394, the JDK's "AESWrap").
 */
public final class SrtCrypto {
    /** PBKDF2 iterations SRT uses. */
    public static final int PBKDF2_ITERATIONS = 2048;
    /** Bytes of the KM salt's tail that salt PBKDF2. */
    public static final int PBKDF2_SALT = 8;

    /** libsrt's passphrase length range (SRTO_PASSPHRASE: 10 to 79 characters). */
    public static final int MIN_PASSPHRASE = 10;

    public static final int MAX_PASSPHRASE = 79;

    private SrtCrypto() {}

    /** The key encrypting key for a KM salt and key length. */
    public static byte[] kek(char[] passphrase, byte[] kmSalt, int keyLength) {
        byte[] salt = Arrays.copyOfRange(kmSalt, Math.max(0, kmSalt.length - PBKDF2_SALT), kmSalt.length);
        return pbkdf2HmacSha1(passphrase, salt, PBKDF2_ITERATIONS, keyLength);
    }

    /** PBKDF2-HMAC-SHA1 (RFC 8018) over the passphrase's UTF-8 bytes. */
    public static byte[] pbkdf2HmacSha1(char[] passphrase, byte[] salt, int iterations, int keyLength) {
        try {
            KeySpec spec = new PBEKeySpec(passphrase, salt, iterations, keyLength * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA1", e);
        }
    }

    /** RFC 3394 key wrap of {@code keys} (a multiple of 8 bytes) under {@code kek}. */
    public static byte[] wrap(byte[] kek, byte[] keys) {
        try {
            Cipher c = Cipher.getInstance("AESWrap");
            c.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
            return c.wrap(new SecretKeySpec(keys, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap failed", e);
        }
    }

    /**
     * RFC 3394 key unwrap.
     *
     * @throws GeneralSecurityException when the integrity check fails: the wrong passphrase
     */
    public static byte[] unwrap(byte[] kek, byte[] wrapped) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AESWrap");
        c.init(Cipher.UNWRAP_MODE, new SecretKeySpec(kek, "AES"));
        return c.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded();
    }

    /**
     * The AES-CTR IV of a packet (SRT draft, "Encryption"): the first 14 bytes of the salt, with the
     * packet's sequence number XORed into bytes 10..13, and a zero 16-bit block counter.
     */
    public static byte[] iv(byte[] salt, int sequence) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, Math.min(14, salt.length));
        iv[10] ^= (byte) (sequence >>> 24);
        iv[11] ^= (byte) (sequence >>> 16);
        iv[12] ^= (byte) (sequence >>> 8);
        iv[13] ^= (byte) sequence;
        return iv;
    }
}
