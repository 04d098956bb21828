package dev.liveloom.srt.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.srt.packet.DataPacket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Key derivation, key wrap and AES-CTR against published vectors and an independent keystream. */
class CryptoTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", "").toLowerCase());
    }

    @Test
    void rfc3394Wrap128() throws Exception {
        byte[] kek = hex("000102030405060708090A0B0C0D0E0F");
        byte[] key = hex("00112233445566778899AABBCCDDEEFF");
        byte[] wrapped = SrtCrypto.wrap(kek, key);
        assertThat(HEX.formatHex(wrapped)).isEqualTo("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
        assertThat(SrtCrypto.unwrap(kek, wrapped)).isEqualTo(key);
    }

    @Test
    void rfc3394Wrap256With256BitKey() throws Exception {
        byte[] kek = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        byte[] key = hex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
        byte[] wrapped = SrtCrypto.wrap(kek, key);
        assertThat(HEX.formatHex(wrapped))
                .isEqualTo("28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21");
        assertThat(SrtCrypto.unwrap(kek, wrapped)).isEqualTo(key);
        byte[] other = kek.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> SrtCrypto.unwrap(other, wrapped))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void pbkdf2HmacSha1Rfc6070() {
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
        assertThat(HEX.formatHex(SrtCrypto.pbkdf2HmacSha1("password".toCharArray(), salt, 2, 20)))
                .isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
        assertThat(HEX.formatHex(SrtCrypto.pbkdf2HmacSha1("password".toCharArray(), salt, 4096, 20)))
                .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
    }

    @Test
    void kekUsesTheLastEightSaltBytes() {
        byte[] salt = hex("00112233445566778899aabbccddeeff");
        byte[] expected = SrtCrypto.pbkdf2HmacSha1(
                "0123456789".toCharArray(), hex("8899aabbccddeeff"), SrtCrypto.PBKDF2_ITERATIONS, 16);
        assertThat(SrtCrypto.kek("0123456789".toCharArray(), salt, 16)).isEqualTo(expected);
    }

    @Test
    void ivFromSaltAndSequence() {
        byte[] salt = hex("000102030405060708090a0b0c0d0e0f");
        assertThat(HEX.formatHex(SrtCrypto.iv(salt, 0x01020304)))
                .isEqualTo("00010203040506070809" + "0b09" + "0f09" + "0000");
    }

    @Test
    void ctrMatchesAnIndependentKeystream() throws Exception {
        PayloadCipher c = new PayloadCipher("correct horse battery".toCharArray());
        KmMessage km = c.generate(16, new SecureRandom(new byte[] {1}));
        byte[] key =
                SrtCrypto.unwrap(SrtCrypto.kek("correct horse battery".toCharArray(), km.salt(), 16), km.wrappedKeys());
        byte[] plain = new byte[1316];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i * 7);
        }
        int seq = 0x3456789A;
        byte[] enc = c.transform(DataPacket.KEY_EVEN, seq, plain);
        // keystream block n = AES-ECB(key, iv + n), iv's last two bytes being the block counter
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] iv = SrtCrypto.iv(km.salt(), seq);
        for (int block = 0; block * 16 < plain.length; block++) {
            byte[] counter = iv.clone();
            counter[14] = (byte) (block >>> 8);
            counter[15] = (byte) block;
            byte[] ks = ecb.doFinal(counter);
            for (int i = 0; i < 16 && block * 16 + i < plain.length; i++) {
                assertThat((byte) (enc[block * 16 + i] ^ ks[i])).isEqualTo(plain[block * 16 + i]);
            }
        }
        assertThat(c.transform(DataPacket.KEY_EVEN, seq, enc)).isEqualTo(plain);
        assertThat(c.transform(DataPacket.KEY_EVEN, seq + 1, enc)).isNotEqualTo(plain);
    }

    @Test
    void kmMessageBytes() throws MediaParseException {
        byte[] salt = hex("000102030405060708090a0b0c0d0e0f");
        byte[] wrapped = new byte[24];
        Arrays.fill(wrapped, (byte) 0xAB);
        KmMessage km = new KmMessage(1, 0, KmMessage.CIPHER_AES_CTR, 0, KmMessage.SE_MPEG_TS_SRT, salt, 16, wrapped);
        byte[] b = km.write();
        assertThat(HEX.formatHex(b, 0, 16)).isEqualTo("12202901" + "00000000" + "02000200" + "00000404");
        assertThat(b).hasSize(16 + 16 + 24);
        assertThat(KmMessage.read(b)).isEqualTo(km);
        assertThat(km.toString()).doesNotContain("ab");
    }

    @Test
    void kmMessageErrors() {
        byte[] good = new KmMessage(3, 0, 2, 0, 2, new byte[16], 32, new byte[72]).write();
        assertThat(good[3]).isEqualTo((byte) 3);
        assertThat(good[15]).isEqualTo((byte) 8);
        byte[] sign = good.clone();
        sign[1] = 0x21;
        assertThatThrownBy(() -> KmMessage.read(sign))
                .hasMessage("srt key material at byte 1: signature 0x2129, expected 0x2029");
        byte[] cipher = good.clone();
        cipher[8] = 4;
        assertThatThrownBy(() -> KmMessage.read(cipher))
                .hasMessage("srt key material at byte 8: cipher 4, only AES-CTR (2) is supported");
        byte[] klen = good.clone();
        klen[15] = 5;
        assertThatThrownBy(() -> KmMessage.read(klen))
                .hasMessage("srt key material at byte 15: key length 20, allowed 16, 24, 32");
        assertThatThrownBy(() -> KmMessage.read(Arrays.copyOf(good, good.length - 1)))
                .hasMessage("srt key material at byte 103 (truncated): 103 bytes, needs 104");
        byte[] salt = good.clone();
        salt[14] = 5;
        assertThatThrownBy(() -> KmMessage.read(salt))
                .hasMessage("srt key material at byte 14: salt of 20 bytes, allowed 4..16");
        assertThat(KmMessage.errorState(hex("00000004"))).isEqualTo(KmMessage.STATE_BADSECRET);
        assertThat(KmMessage.errorState(good)).isEqualTo(-1);
    }

    @Test
    void evenAndOddKeysFromOneMessage() throws Exception {
        char[] pass = "a passphrase of some length".toCharArray();
        byte[] salt = hex("f0e0d0c0b0a090807060504030201000");
        byte[] even = hex("00112233445566778899aabbccddeeff");
        byte[] odd = hex("ffeeddccbbaa99887766554433221100");
        byte[] both = new byte[32];
        System.arraycopy(even, 0, both, 0, 16);
        System.arraycopy(odd, 0, both, 16, 16);
        KmMessage km = new KmMessage(3, 0, 2, 0, 2, salt, 16, SrtCrypto.wrap(SrtCrypto.kek(pass, salt, 16), both));
        PayloadCipher c = new PayloadCipher(pass);
        c.install(KmMessage.read(km.write()));
        assertThat(c.hasKey(DataPacket.KEY_EVEN)).isTrue();
        assertThat(c.hasKey(DataPacket.KEY_ODD)).isTrue();
        byte[] data = "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(odd, "AES"));
        byte[] ks = ecb.doFinal(SrtCrypto.iv(salt, 9));
        byte[] expected = new byte[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = (byte) (data[i] ^ ks[i]);
        }
        assertThat(c.transform(DataPacket.KEY_ODD, 9, data)).isEqualTo(expected);
        assertThat(c.transform(DataPacket.KEY_EVEN, 9, data)).isNotEqualTo(expected);
    }

    @Test
    void wrongPassphraseIsAClearError() {
        PayloadCipher sender = new PayloadCipher("the sender's passphrase".toCharArray());
        KmMessage km = sender.generate(24, new SecureRandom());
        PayloadCipher receiver = new PayloadCipher("another passphrase".toCharArray());
        assertThatThrownBy(() -> receiver.install(km))
                .isInstanceOf(PayloadCipher.WrongPassphraseException.class)
                .hasMessage("the key material does not unwrap with this passphrase (wrong passphrase)");
        assertThat(receiver.hasKey(DataPacket.KEY_EVEN)).isFalse();
        assertThatThrownBy(() -> receiver.transform(DataPacket.KEY_EVEN, 1, new byte[4]))
                .hasMessage("no even key announced for packet 1");
    }

    @Test
    void passphraseNeverShows() {
        Passphrase p = Passphrase.of("0123456789abc");
        assertThat(p.toString()).isEqualTo("***");
        assertThat(new String(p.chars())).isEqualTo("0123456789abc");
        assertThatThrownBy(() -> Passphrase.of("short")).hasMessage("passphrase of 5 characters, SRT allows 10 to 79");
        assertThatThrownBy(() -> Passphrase.of("x".repeat(80)))
                .hasMessage("passphrase of 80 characters, SRT allows 10 to 79");
    }
}
