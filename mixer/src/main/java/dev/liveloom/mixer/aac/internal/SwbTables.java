package dev.liveloom.mixer.aac.internal;

/**
 * Scalefactor band offsets for 1024-line long and 128-line short windows per sampling frequency index
 * (ISO/IEC 14496-3 tables 4.129 to 4.147), and the sampling frequency index table.
 */
public final class SwbTables {
    private SwbTables() {}

    /** Sampling frequencies by sampling_frequency_index (0..12). */
    public static final int[] RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

    private static final int[] LONG_48 = {
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 48, 56, 64, 72, 80, 88, 96, 108, 120, 132, 144, 160, 176, 196, 216,
        240, 264, 292, 320, 352, 384, 416, 448, 480, 512, 544, 576, 608, 640, 672, 704, 736, 768, 800, 832, 864, 896,
        928, 1024
    };
    private static final int[] LONG_32 = {
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 48, 56, 64, 72, 80, 88, 96, 108, 120, 132, 144, 160, 176, 196, 216,
        240, 264, 292, 320, 352, 384, 416, 448, 480, 512, 544, 576, 608, 640, 672, 704, 736, 768, 800, 832, 864, 896,
        928, 960, 992, 1024
    };
    private static final int[] LONG_24 = {
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 52, 60, 68, 76, 84, 92, 100, 108, 116, 124, 136, 148, 160, 172,
        188, 204, 220, 240, 260, 284, 308, 336, 364, 396, 432, 468, 508, 552, 600, 652, 704, 768, 832, 896, 960, 1024
    };
    private static final int[] LONG_16 = {
        0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 100, 112, 124, 136, 148, 160, 172, 184, 196, 212, 228, 244, 260,
        280, 300, 320, 344, 368, 396, 424, 456, 492, 532, 572, 616, 664, 716, 772, 832, 896, 960, 1024
    };
    private static final int[] LONG_8 = {
        0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120, 132, 144, 156, 172, 188, 204, 220, 236, 252, 268, 288, 308, 328,
        348, 372, 396, 420, 448, 476, 508, 544, 580, 620, 664, 712, 764, 820, 880, 944, 1024
    };
    private static final int[] SHORT_48 = {0, 4, 8, 12, 16, 20, 28, 36, 44, 56, 68, 80, 96, 112, 128};
    private static final int[] SHORT_24 = {0, 4, 8, 12, 16, 20, 24, 28, 36, 44, 52, 64, 76, 92, 108, 128};
    private static final int[] SHORT_16 = {0, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 60, 72, 88, 108, 128};
    private static final int[] SHORT_8 = {0, 4, 8, 12, 16, 20, 24, 28, 36, 44, 52, 60, 72, 88, 108, 128};

    /** The sampling_frequency_index of a rate, or -1 when the rate has none. */
    public static int rateIndex(int sampleRate) {
        for (int i = 0; i < RATES.length; i++) {
            if (RATES[i] == sampleRate) {
                return i;
            }
        }
        return -1;
    }

    /** Long-window band offsets (bands + 1 entries, last 1024) for a supported rate (8 to 48 kHz). */
    public static int[] longOffsets(int sampleRate) {
        if (sampleRate >= 44100) {
            return LONG_48;
        } else if (sampleRate >= 32000) {
            return LONG_32;
        } else if (sampleRate >= 22050) {
            return LONG_24;
        } else if (sampleRate >= 11025) {
            return LONG_16;
        }
        return LONG_8;
    }

    /** Short-window band offsets (bands + 1 entries, last 128) for a supported rate (8 to 48 kHz). */
    public static int[] shortOffsets(int sampleRate) {
        if (sampleRate >= 32000) {
            return SHORT_48;
        } else if (sampleRate >= 22050) {
            return SHORT_24;
        } else if (sampleRate >= 11025) {
            return SHORT_16;
        }
        return SHORT_8;
    }
}
