package dev.liveloom.mixer.h264.internal;

/**
 * The CAVLC code tables of ITU-T H.264 clause 9.2 as (length, code) pairs: coeff_token (Table 9-5),
 * total_zeros (Tables 9-7, 9-8, 9-9a) and run_before (Table 9-10).
 */
final class CavlcTables {
    private CavlcTables() {}

    /**
     * coeff_token lengths for 0 <= nC < 2, 2 <= nC < 4, 4 <= nC < 8, indexed [table][totalCoeff * 4 +
     * trailingOnes]. The nC >= 8 table is a 6-bit fixed-length code computed in {@link
     * #coeffTokenCode}.
     */
    static final int[][] COEFF_TOKEN_LEN = {
        {
            1, 0, 0, 0, 6, 2, 0, 0, 8, 6, 3, 0, 9, 8, 7, 5, 10, 9, 8, 6, 11, 10, 9, 7, 13, 11, 10, 8, 13, 13, 11, 9, 13,
            13, 13, 10, 14, 14, 13, 11, 14, 14, 14, 13, 15, 15, 14, 14, 15, 15, 15, 14, 16, 15, 15, 15, 16, 16, 16, 15,
            16, 16, 16, 16, 16, 16, 16, 16
        },
        {
            2, 0, 0, 0, 6, 2, 0, 0, 6, 5, 3, 0, 7, 6, 6, 4, 8, 6, 6, 4, 8, 7, 7, 5, 9, 8, 8, 6, 11, 9, 9, 6, 11, 11, 11,
            7, 12, 11, 11, 9, 12, 12, 12, 11, 12, 12, 12, 11, 13, 13, 13, 12, 13, 13, 13, 13, 13, 14, 13, 13, 14, 14,
            14, 13, 14, 14, 14, 14
        },
        {
            4, 0, 0, 0, 6, 4, 0, 0, 6, 5, 4, 0, 6, 5, 5, 4, 7, 5, 5, 4, 7, 5, 5, 4, 7, 6, 6, 4, 7, 6, 6, 4, 8, 7, 7, 5,
            8, 8, 7, 6, 9, 8, 8, 7, 9, 9, 8, 8, 9, 9, 9, 8, 10, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10
        }
    };

    static final int[][] COEFF_TOKEN_CODE = {
        {
            1, 0, 0, 0, 5, 1, 0, 0, 7, 4, 1, 0, 7, 6, 5, 3, 7, 6, 5, 3, 7, 6, 5, 4, 15, 6, 5, 4, 11, 14, 5, 4, 8, 10,
            13, 4, 15, 14, 9, 4, 11, 10, 13, 12, 15, 14, 9, 12, 11, 10, 13, 8, 15, 1, 9, 12, 11, 14, 13, 8, 7, 10, 9,
            12, 4, 6, 5, 8
        },
        {
            3, 0, 0, 0, 11, 2, 0, 0, 7, 7, 3, 0, 7, 10, 9, 5, 7, 6, 5, 4, 4, 6, 5, 6, 7, 6, 5, 8, 15, 6, 5, 4, 11, 14,
            13, 4, 15, 10, 9, 4, 11, 14, 13, 12, 8, 10, 9, 8, 15, 14, 13, 12, 11, 10, 9, 12, 7, 11, 6, 8, 9, 8, 10, 1,
            7, 6, 5, 4
        },
        {
            15, 0, 0, 0, 15, 14, 0, 0, 11, 15, 13, 0, 8, 12, 14, 12, 15, 10, 11, 11, 11, 8, 9, 10, 9, 14, 13, 9, 8, 10,
            9, 8, 15, 14, 13, 13, 11, 14, 10, 12, 15, 10, 13, 12, 11, 14, 9, 12, 8, 10, 13, 8, 13, 7, 9, 12, 9, 12, 11,
            10, 5, 8, 7, 6, 1, 4, 3, 2
        }
    };

    /** coeff_token for chroma DC (nC == -1), indexed totalCoeff * 4 + trailingOnes, totalCoeff <= 4. */
    static final int[] CHROMA_DC_COEFF_TOKEN_LEN = {2, 0, 0, 0, 6, 1, 0, 0, 6, 6, 3, 0, 6, 7, 7, 6, 6, 8, 8, 7};

    static final int[] CHROMA_DC_COEFF_TOKEN_CODE = {1, 0, 0, 0, 7, 1, 0, 0, 4, 6, 1, 0, 3, 3, 2, 5, 2, 3, 2, 0};

    /** total_zeros for 4x4 blocks, indexed [totalCoeff - 1][totalZeros]. */
    static final int[][] TOTAL_ZEROS_LEN = {
        {1, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9},
        {3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6},
        {4, 3, 3, 3, 4, 4, 3, 3, 4, 5, 5, 6, 5, 6},
        {5, 3, 4, 4, 3, 3, 3, 4, 3, 4, 5, 5, 5},
        {4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 4, 5},
        {6, 5, 3, 3, 3, 3, 3, 3, 4, 3, 6},
        {6, 5, 3, 3, 3, 2, 3, 4, 3, 6},
        {6, 4, 5, 3, 2, 2, 3, 3, 6},
        {6, 6, 4, 2, 2, 3, 2, 5},
        {5, 5, 3, 2, 2, 2, 4},
        {4, 4, 3, 3, 1, 3},
        {4, 4, 2, 1, 3},
        {3, 3, 1, 2},
        {2, 2, 1},
        {1, 1},
    };

    static final int[][] TOTAL_ZEROS_CODE = {
        {1, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 1},
        {7, 6, 5, 4, 3, 5, 4, 3, 2, 3, 2, 3, 2, 1, 0},
        {5, 7, 6, 5, 4, 3, 4, 3, 2, 3, 2, 1, 1, 0},
        {3, 7, 5, 4, 6, 5, 4, 3, 3, 2, 2, 1, 0},
        {5, 4, 3, 7, 6, 5, 4, 3, 2, 1, 1, 0},
        {1, 1, 7, 6, 5, 4, 3, 2, 1, 1, 0},
        {1, 1, 5, 4, 3, 3, 2, 1, 1, 0},
        {1, 1, 1, 3, 3, 2, 2, 1, 0},
        {1, 0, 1, 3, 2, 1, 1, 1},
        {1, 0, 1, 3, 2, 1, 1},
        {0, 1, 1, 2, 1, 3},
        {0, 1, 1, 1, 1},
        {0, 1, 1, 1},
        {0, 1, 1},
        {0, 1},
    };

    /** total_zeros for 4:2:0 chroma DC, indexed [totalCoeff - 1][totalZeros]. */
    static final int[][] CHROMA_DC_TOTAL_ZEROS_LEN = {{1, 2, 3, 3}, {1, 2, 2}, {1, 1}};

    static final int[][] CHROMA_DC_TOTAL_ZEROS_CODE = {{1, 1, 1, 0}, {1, 1, 0}, {1, 0}};

    /** run_before indexed [min(zerosLeft, 7) - 1][runBefore]. */
    static final int[][] RUN_BEFORE_LEN = {
        {1, 1},
        {1, 2, 2},
        {2, 2, 2, 2},
        {2, 2, 2, 3, 3},
        {2, 2, 3, 3, 3, 3},
        {2, 3, 3, 3, 3, 3, 3},
        {3, 3, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11},
    };

    static final int[][] RUN_BEFORE_CODE = {
        {1, 0},
        {1, 1, 0},
        {3, 2, 1, 0},
        {3, 2, 1, 1, 0},
        {3, 2, 3, 2, 1, 0},
        {3, 0, 1, 3, 2, 5, 4},
        {7, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1},
    };

    /** Writes coeff_token for the nC context ({@code nC == -1}: chroma DC). */
    static void coeffToken(BitWriter bw, int nC, int totalCoeff, int trailingOnes) {
        int idx = totalCoeff * 4 + trailingOnes;
        if (nC == -1) {
            bw.u(CHROMA_DC_COEFF_TOKEN_LEN[idx], CHROMA_DC_COEFF_TOKEN_CODE[idx]);
        } else if (nC >= 8) {
            bw.u(6, totalCoeff == 0 ? 3 : ((totalCoeff - 1) << 2) | trailingOnes);
        } else {
            int t = nC < 2 ? 0 : nC < 4 ? 1 : 2;
            bw.u(COEFF_TOKEN_LEN[t][idx], COEFF_TOKEN_CODE[t][idx]);
        }
    }
}
