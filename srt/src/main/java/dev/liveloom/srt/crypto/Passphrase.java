package dev.liveloom.srt.crypto;

import java.util.Arrays;

/**
 * An SRT passphrase (10 to 79 characters, as libsrt requires). Its {@link #toString} never shows
 * it, so it may travel in records and messages.
 */
public final class Passphrase {
    private final char[] chars;

    private Passphrase(char[] chars) {
        this.chars = chars;
    }

    /**
     * @throws IllegalArgumentException when its length is outside 10..79 (the message gives the
     *     length only)
     */
    public static Passphrase of(String text) {
        int n = text.length();
        if (n < SrtCrypto.MIN_PASSPHRASE || n > SrtCrypto.MAX_PASSPHRASE) {
            throw new IllegalArgumentException("passphrase of " + n + " characters, SRT allows "
                    + SrtCrypto.MIN_PASSPHRASE + " to " + SrtCrypto.MAX_PASSPHRASE);
        }
        return new Passphrase(text.toCharArray());
    }

    /** A copy of the characters. */
    public char[] chars() {
        return chars.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passphrase p && Arrays.equals(p.chars, chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
        return "***";
    }
}
