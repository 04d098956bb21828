package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecimateTest {
    private static int[] levels(int... at) {
        int[] l = new int[16];
        for (int i = 0; i < at.length; i += 2) {
            l[at[i]] = at[i + 1];
        }
        return l;
    }

    @Test
    void loneUnitLevelsCostByTheZerosBeforeThem() {
        assertEquals(0, Transform.decimateScore(new int[16], 0));
        assertEquals(3, Transform.decimateScore(levels(0, 1), 0)); // no zero before it
        assertEquals(2, Transform.decimateScore(levels(1, -1), 0)); // one zero before it
        assertEquals(1, Transform.decimateScore(levels(4, 1), 0)); // four zeros
        assertEquals(0, Transform.decimateScore(levels(6, -1), 0)); // six zeros: free to drop
        // two levels: index 2 after two zeros (2), index 5 after two more (2)
        assertEquals(4, Transform.decimateScore(levels(2, 1, 5, -1), 0));
        // adjacent levels: the second has no zero before it within the block
        assertEquals(3 + 1, Transform.decimateScore(levels(3, 1, 4, 1), 0));
    }

    @Test
    void anyLargerLevelKeepsTheBlockAndStartSkipsTheDc() {
        assertEquals(Transform.KEEP, Transform.decimateScore(levels(15, 2), 0));
        assertEquals(Transform.KEEP, Transform.decimateScore(levels(0, 1, 9, -3), 0));
        // chroma AC: index 0 (the DC) is not part of the block's levels
        assertEquals(0, Transform.decimateScore(levels(0, 5), 1));
        assertEquals(2, Transform.decimateScore(levels(0, 5, 2, 1), 1));
    }

    @Test
    void fusedScoreEqualsTheScoreOfTheQuantisedLevels() {
        java.util.Random r = new java.util.Random(7);
        int[] w = new int[16];
        int[] copy = new int[16];
        int[] lv = new int[16];
        int keeps = 0;
        int low = 0;
        for (int n = 0; n < 20000; n++) {
            int qp = r.nextInt(52);
            int amp = 1 << r.nextInt(12);
            for (int i = 0; i < 16; i++) {
                w[i] = r.nextInt(10) < 7 ? 0 : r.nextInt(2 * amp + 1) - amp;
            }
            for (int start = 0; start <= 1; start++) {
                System.arraycopy(w, 0, copy, 0, 16);
                Transform.quant4x4(copy, lv, start, qp, false);
                int expected = Transform.decimateScore(lv, start);
                assertEquals(expected, Transform.quantDecimateScore(w, start, qp), "qp " + qp);
                keeps += expected == Transform.KEEP ? 1 : 0;
                low += expected > 0 && expected < Transform.KEEP ? 1 : 0;
            }
        }
        // the inputs reach both outcomes often
        org.junit.jupiter.api.Assertions.assertTrue(keeps > 1000 && low > 1000, keeps + " " + low);
    }
}
