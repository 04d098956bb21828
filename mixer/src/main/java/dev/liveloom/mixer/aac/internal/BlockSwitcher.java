package dev.liveloom.mixer.aac.internal;

/**
 * Attack detection for block switching: the high-passed signal's energy in eight 128-sample pieces of
 * a block is compared with the recent average; a jump by {@link #ATTACK_RATIO} over an audible floor
 * marks an attack. Keeps per-channel state across blocks.
 */
final class BlockSwitcher {
    /** Energy jump (about 10 dB) that counts as an attack. */
    static final float ATTACK_RATIO = 10f;
    /** Energy floor of a 128-sample piece below which nothing is an attack (amplitude ~ 20 LSB). */
    static final float MIN_ENERGY = 128f * 400f;

    private final float[] lastSample;
    private final float[] recent;

    BlockSwitcher(int channels) {
        lastSample = new float[channels];
        recent = new float[channels];
    }

    /** True when {@code block[off..off+1024)} of channel {@code ch} holds an attack. */
    boolean attack(int ch, float[] block, int off) {
        boolean attack = false;
        float prev = lastSample[ch];
        float avg = recent[ch];
        for (int piece = 0; piece < 8; piece++) {
            float e = 0;
            int start = off + piece * 128;
            for (int i = start; i < start + 128; i++) {
                float d = block[i] - prev;
                prev = block[i];
                e += d * d;
            }
            if (e > MIN_ENERGY && e > ATTACK_RATIO * avg) {
                attack = true;
            }
            avg = 0.7f * avg + 0.3f * e;
        }
        lastSample[ch] = prev;
        recent[ch] = avg;
        return attack;
    }
}
