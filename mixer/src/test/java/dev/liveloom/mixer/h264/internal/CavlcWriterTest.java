package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CavlcWriterTest {
    private static String bits(BitWriter bw) {
        int n = bw.bitCount();
        bw.trailingBits();
        byte[] b = bw.toByteArray();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((b[i >> 3] >> (7 - (i & 7))) & 1);
        }
        return s.toString();
    }

    @Test
    void blockWithTrailingOnesLevelsTotalZerosAndRuns() {
        // scan order: 0, 3, -1, 0, 0, -1, 1, 0, 1, then zeros; nC 0
        int[] coeffs = {0, 3, -1, 0, 0, -1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        BitWriter bw = new BitWriter(8);
        int total = new CavlcWriter().write(bw, coeffs, 0, 16, 0);
        assertEquals(5, total);
        // coeff_token(5, 3) 0000100, signs 0 0 1, level -1 "01", level 3 "0010" (suffixLength 1),
        // total_zeros(5, 4) 110, run_before 1 "10", 0 "11", 2 "01", 0 "1"
        assertEquals("0000100" + "001" + "01" + "0010" + "110" + "10" + "11" + "01" + "1", bits(bw));
    }

    @Test
    void emptyBlocksAndChromaDc() {
        BitWriter bw = new BitWriter(8);
        CavlcWriter w = new CavlcWriter();
        w.write(bw, new int[16], 0, 16, 0); // "1"
        w.write(bw, new int[16], 0, 16, 9); // FLC 000011
        w.write(
                bw,
                new int[] {2, 0, 0, 0},
                0,
                4,
                -1); // coeff_token(1,0) 000111, level 2 (code 0) "1", total_zeros 0 "1"
        assertEquals("1" + "000011" + "000111" + "1" + "1", bits(bw));
    }

    @Test
    void largeLevelUsesEscape() {
        BitWriter bw = new BitWriter(8);
        int[] c = new int[16];
        c[0] = CavlcWriter.MAX_LEVEL;
        new CavlcWriter().write(bw, c, 0, 16, 0);
        // coeff_token(1, 0) 000101, levelCode 4124 - 2 = 4122: prefix 15 (16 bits 0..01), suffix 4092
        // 12 bits; total_zeros(1, 0) "1"
        assertEquals("000101" + "0000000000000001" + "111111111100" + "1", bits(bw));
    }
}
