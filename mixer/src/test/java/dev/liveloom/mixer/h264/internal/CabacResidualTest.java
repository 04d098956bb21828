package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CabacWriter#residual}, which queues a block's bins and codes them in one run, writes the
 * same bytes as residual_block_cabac() coded bin by bin as clause 7.3.5.3.3 and 9.3.2.3 describe
 * it (written out below), for every block category, on sparse, dense and huge levels.
 */
class CabacResidualTest {
    private static final int CODED_BLOCK_FLAG = 85, SIGNIFICANT = 105, LAST = 166, ABS_LEVEL = 227;
    private static final int[] CBF_CAT_OFFSET = {0, 4, 8, 12, 16};
    private static final int[] SIG_CAT_OFFSET = {0, 15, 29, 44, 47};
    private static final int[] ABS_CAT_OFFSET = {0, 10, 20, 30, 39};
    private static final int[] MAX_COEFF = {16, 15, 16, 4, 15};

    /** The syntax of residual_block_cabac() one bin at a time; returns the number of non-zero levels. */
    static int reference(CabacEncoder enc, int cat, int[] c, int n, int cbfInc) {
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (c[i] != 0) {
                last = i;
            }
        }
        enc.decision(CODED_BLOCK_FLAG + CBF_CAT_OFFSET[cat] + cbfInc, last >= 0 ? 1 : 0);
        if (last < 0) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < n - 1; i++) {
            // ctxIdxInc of the significance map: the scan position, for chroma DC min(i, 2) (NumC8x8 1)
            int inc = cat == 3 ? Math.min(i, 2) : i;
            enc.decision(SIGNIFICANT + SIG_CAT_OFFSET[cat] + inc, c[i] != 0 ? 1 : 0);
            if (c[i] != 0) {
                enc.decision(LAST + SIG_CAT_OFFSET[cat] + inc, i == last ? 1 : 0);
                if (i == last) {
                    break;
                }
            }
        }
        int eq1 = 0;
        int gt1 = 0;
        for (int i = last; i >= 0; i--) {
            if (c[i] == 0) {
                continue;
            }
            count++;
            int a = Math.abs(c[i]) - 1;
            int base = ABS_LEVEL + ABS_CAT_OFFSET[cat];
            // the first bin: 0 once a level above 1 was coded, else 1 + the ones so far (at most 4)
            enc.decision(base + (gt1 != 0 ? 0 : Math.min(4, 1 + eq1)), a > 0 ? 1 : 0);
            if (a > 0) {
                // the other prefix bins: 5 + the levels above 1 so far (at most 4, chroma DC 3)
                int ctx = base + 5 + Math.min(cat == 3 ? 3 : 4, gt1);
                for (int k = 1; k < Math.min(a, 14); k++) {
                    enc.decision(ctx, 1);
                }
                if (a < 14) {
                    enc.decision(ctx, 0);
                } else {
                    enc.expGolombBypass(a - 14, 0);
                }
                gt1++;
            } else {
                eq1++;
            }
            enc.bypass(c[i] < 0 ? 1 : 0);
        }
        return count;
    }

    private static int[] block(Random r, int n, int kind) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(100);
            c[i] = switch (kind) {
                case 0 -> pick < 20 ? 1 + r.nextInt(2) : 0; // sparse, small
                case 1 -> pick < 70 ? 1 + r.nextInt(20) : 0; // dense, past the unary prefix
                default -> pick < 30 ? 1 + r.nextInt(1 << r.nextInt(20)) : 0; // huge (UEG0 suffixes)
            };
            if (r.nextBoolean()) {
                c[i] = -c[i];
            }
        }
        return c;
    }

    @ParameterizedTest(name = "kind {0}")
    @ValueSource(ints = {0, 1, 2})
    void queuedBinsWriteTheSameBytes(int kind) {
        Random r = new Random(41 + kind);
        CabacWriter queued = new CabacWriter();
        CabacEncoder serial = new CabacEncoder();
        BitWriter a = new BitWriter(1 << 16);
        BitWriter b = new BitWriter(1 << 16);
        queued.engine().start(a, false, 26);
        serial.start(b, false, 26);
        for (int k = 0; k < 3000; k++) {
            int cat = r.nextInt(5);
            int n = MAX_COEFF[cat];
            int[] c = block(r, n, kind);
            if (r.nextInt(10) == 0) {
                Arrays.fill(c, 0);
            }
            int inc = r.nextInt(4);
            // the levels at an offset, as the luma AC blocks pass them
            int[] padded = new int[n + 1];
            System.arraycopy(c, 0, padded, 1, n);
            assertEquals(reference(serial, cat, c, n, inc), queued.residual(cat, padded, 1, n, inc), "block " + k);
        }
        queued.engine().terminate(1);
        serial.terminate(1);
        assertArrayEquals(b.toByteArray(), a.toByteArray());
    }
}
