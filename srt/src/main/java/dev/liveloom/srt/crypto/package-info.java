/**
 * SRT encryption with the JDK's providers: the key material message, the PBKDF2-HMAC-SHA1 key
 * encrypting key, RFC 3394 key wrap (AESWrap) and AES-CTR payloads with the SRT draft's IV.
 */
package dev.liveloom.srt.crypto;
