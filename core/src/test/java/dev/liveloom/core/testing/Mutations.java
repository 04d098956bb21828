package dev.liveloom.core.testing;

import java.util.Random;

/**
 * Fixed-seed mutation of real inputs for robustness tests: bit flips, byte overwrites with boundary
 * values, truncation, duplicated and deleted spans. Every parser must answer each mutant with a
 * result or its parse exception, never another exception, a hang or a huge allocation.
 */
public final class Mutations {
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x10, 0x40};

    private final Random random;

    public Mutations(long seed) {
        this.random = new Random(seed);
    }

    /** One mutant of {@code original}; the original is not changed. */
    public byte[] mutate(byte[] original) {
        byte[] b = original.clone();
        if (b.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    int p = random.nextInt(b.length);
                    b[p] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> b[random.nextInt(b.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> b[random.nextInt(b.length)] = (byte) random.nextInt();
                case 3 -> {
                    int len = 1 + random.nextInt(Math.min(4, b.length));
                    int p = random.nextInt(b.length - len + 1);
                    for (int k = 0; k < len; k++) {
                        b[p + k] = (byte) 0xff;
                    }
                }
                case 4 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
                default -> {
                    if (b.length > 2) {
                        int from = random.nextInt(b.length);
                        int len = random.nextInt(Math.min(64, b.length - from));
                        int to = random.nextInt(b.length - len + 1);
                        System.arraycopy(b, from, b, to, len);
                    }
                }
            }
            if (b.length == 0) {
                return b;
            }
        }
        return b;
    }

    public Random random() {
        return random;
    }
}
