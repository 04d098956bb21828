package dev.liveloom.mixer.h264.internal;

/**
 * residual_block_cavlc() writer (H.264 clause 7.3.5.3.2 / 9.2): coeff_token, trailing-one signs,
 * levels with adaptive suffix length, total_zeros and run_before.
 */
public final class CavlcWriter {
    /**
     * Largest |level| this writer accepts: the first level after the trailing ones may have
     * suffixLength 0, where level_prefix 15 with a 12-bit suffix reaches levelCode 4125, and Baseline
     * and Main forbid level_prefix above 15. Quantisers clamp to this.
     */
    public static final int MAX_LEVEL = 2063;

    private final int[] levels = new int[16];
    private final int[] runs = new int[16];
    private final int[] positions = new int[16];

    /**
     * Writes one block whose coefficients in scan order are {@code coeffs[off .. off + maxNumCoeff)}.
     *
     * @param nC the predicted coefficient count (-1 for 4:2:0 chroma DC)
     * @return TotalCoeff of the block
     */
    public int write(BitWriter bw, int[] coeffs, int off, int maxNumCoeff, int nC) {
        int total = 0;
        int last = -1;
        // levels[] from the highest frequency down, runs[i] = zeros right below levels[i]
        for (int i = maxNumCoeff - 1; i >= 0; i--) {
            int c = coeffs[off + i];
            if (c != 0) {
                if (last < 0) {
                    last = i;
                } else {
                    runs[total - 1] = positions[total - 1] - i - 1;
                }
                levels[total] = c;
                positions[total] = i;
                total++;
            }
        }
        if (total == 0) {
            CavlcTables.coeffToken(bw, nC, 0, 0);
            return 0;
        }
        runs[total - 1] = positions[total - 1];
        int totalZeros = last + 1 - total;
        int t1 = 0;
        while (t1 < total && t1 < 3 && (levels[t1] == 1 || levels[t1] == -1)) {
            t1++;
        }
        CavlcTables.coeffToken(bw, nC, total, t1);
        for (int i = 0; i < t1; i++) {
            bw.u(1, levels[i] < 0 ? 1 : 0);
        }
        int suffixLength = total > 10 && t1 < 3 ? 1 : 0;
        for (int i = t1; i < total; i++) {
            int level = levels[i];
            int levelCode = level > 0 ? 2 * level - 2 : -2 * level - 1;
            if (i == t1 && t1 < 3) {
                levelCode -= 2;
            }
            writeLevel(bw, levelCode, suffixLength);
            if (suffixLength == 0) {
                suffixLength = 1;
            }
            int abs = level < 0 ? -level : level;
            if (abs > (3 << (suffixLength - 1)) && suffixLength < 6) {
                suffixLength++;
            }
        }
        if (total < maxNumCoeff) {
            if (nC == -1) {
                bw.u(
                        CavlcTables.CHROMA_DC_TOTAL_ZEROS_LEN[total - 1][totalZeros],
                        CavlcTables.CHROMA_DC_TOTAL_ZEROS_CODE[total - 1][totalZeros]);
            } else {
                bw.u(
                        CavlcTables.TOTAL_ZEROS_LEN[total - 1][totalZeros],
                        CavlcTables.TOTAL_ZEROS_CODE[total - 1][totalZeros]);
            }
        }
        int zerosLeft = totalZeros;
        for (int i = 0; i < total - 1 && zerosLeft > 0; i++) {
            int run = runs[i];
            int t = (zerosLeft > 7 ? 7 : zerosLeft) - 1;
            bw.u(CavlcTables.RUN_BEFORE_LEN[t][run], CavlcTables.RUN_BEFORE_CODE[t][run]);
            zerosLeft -= run;
        }
        return total;
    }

    private static void writeLevel(BitWriter bw, int levelCode, int suffixLength) {
        if (suffixLength == 0) {
            if (levelCode < 14) {
                bw.u(levelCode + 1, 1); // levelCode zeros then a one
            } else if (levelCode < 30) {
                bw.u(15, 1); // prefix 14
                bw.u(4, levelCode - 14);
            } else {
                bw.u(16, 1); // prefix 15
                bw.u(12, levelCode - 30);
            }
        } else {
            int prefix = levelCode >> suffixLength;
            if (prefix < 15) {
                bw.u(prefix + 1, 1);
                bw.u(suffixLength, levelCode & ((1 << suffixLength) - 1));
            } else {
                int suffix = levelCode - (15 << suffixLength);
                if (suffix >= 4096) {
                    throw new IllegalArgumentException("level code " + levelCode + " beyond level_prefix 15");
                }
                bw.u(16, 1);
                bw.u(12, suffix);
            }
        }
    }
}
