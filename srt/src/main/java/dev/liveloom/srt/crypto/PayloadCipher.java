package dev.liveloom.srt.crypto;

import dev.liveloom.srt.packet.DataPacket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session keys of one connection (even and odd) and the AES-CTR transform of payloads. Built
 * from a KM message and the passphrase; a KMREQ during the connection (key refresh) replaces the
 * keys it carries. Not thread-safe: one connection's event loop uses it.
 */
public final class PayloadCipher {
    private final char[] passphrase;
    private final Cipher ctr;
    private byte[] evenSalt;
    private byte[] oddSalt;
    private SecretKeySpec even;
    private SecretKeySpec odd;
    private int keyLength;

    /** Thrown when the passphrase does not unwrap the peer's keys. */
    public static final class WrongPassphraseException extends GeneralSecurityException {
        private static final long serialVersionUID = 1L;

        WrongPassphraseException(Throwable cause) {
            super("the key material does not unwrap with this passphrase (wrong passphrase)", cause);
        }
    }

    public PayloadCipher(char[] passphrase) {
        this.passphrase = passphrase.clone();
        try {
            this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/CTR/NoPadding", e);
        }
    }

    /**
     * Takes the keys of a KM message (handshake KMREQ or a refresh).
     *
     * @throws WrongPassphraseException when they do not unwrap with the passphrase
     */
    public void install(KmMessage km) throws WrongPassphraseException {
        byte[] kek = SrtCrypto.kek(passphrase, km.salt(), km.keyLength());
        byte[] keys;
        try {
            keys = SrtCrypto.unwrap(kek, km.wrappedKeys());
        } catch (GeneralSecurityException e) {
            throw new WrongPassphraseException(e);
        }
        int k = km.keyLength();
        if ((km.keyFlags() & DataPacket.KEY_EVEN) != 0) {
            even = new SecretKeySpec(keys, 0, k, "AES");
            evenSalt = km.salt().clone();
        }
        if ((km.keyFlags() & DataPacket.KEY_ODD) != 0) {
            int at = km.keyFlags() == 3 ? k : 0;
            odd = new SecretKeySpec(keys, at, k, "AES");
            oddSalt = km.salt().clone();
        }
        Arrays.fill(keys, (byte) 0);
        keyLength = k;
    }

    /** A fresh KM message with a random salt and even key, installed here (for the caller's KMREQ). */
    public KmMessage generate(int keyLength, SecureRandom random) {
        byte[] newSalt = new byte[16];
        byte[] key = new byte[keyLength];
        random.nextBytes(newSalt);
        random.nextBytes(key);
        byte[] wrapped = SrtCrypto.wrap(SrtCrypto.kek(passphrase, newSalt, keyLength), key);
        KmMessage km = new KmMessage(
                DataPacket.KEY_EVEN,
                0,
                KmMessage.CIPHER_AES_CTR,
                0,
                KmMessage.SE_MPEG_TS_SRT,
                newSalt,
                keyLength,
                wrapped);
        even = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
        evenSalt = newSalt;
        this.keyLength = keyLength;
        return km;
    }

    /** True when the key for {@code keyFlag} (1 even, 2 odd) is known. */
    public boolean hasKey(int keyFlag) {
        return (keyFlag == DataPacket.KEY_EVEN ? even : keyFlag == DataPacket.KEY_ODD ? odd : null) != null;
    }

    public int keyLength() {
        return keyLength;
    }

    /**
     * Decrypts (or encrypts: CTR is symmetric) {@code payload} of the packet {@code sequence} with the
     * key {@code keyFlag}, into a new array.
     *
     * @throws GeneralSecurityException when that key is not known
     */
    public byte[] transform(int keyFlag, int sequence, byte[] payload) throws GeneralSecurityException {
        SecretKeySpec key = keyFlag == DataPacket.KEY_EVEN ? even : keyFlag == DataPacket.KEY_ODD ? odd : null;
        if (key == null) {
            throw new GeneralSecurityException(
                    "no " + (keyFlag == DataPacket.KEY_ODD ? "odd" : "even") + " key announced for packet " + sequence);
        }
        byte[] salt = keyFlag == DataPacket.KEY_EVEN ? evenSalt : oddSalt;
        ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(SrtCrypto.iv(salt, sequence)));
        return ctr.doFinal(payload);
    }

    @Override
    public String toString() {
        return "PayloadCipher[key=" + keyLength + " bytes, even=" + (even != null) + ", odd=" + (odd != null) + "]";
    }
}
