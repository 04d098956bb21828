package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** SATD from the source's Hadamard coefficients against SATD of the built Intra16x16 prediction. */
class Intra16SatdTest {
    @Test
    void verticalHorizontalAndDcEqualSatdOfTheBuiltPrediction() {
        Random rnd = new Random(9);
        int stride = 40;
        short[] coef = new short[Intra16Satd.COEF_LENGTH];
        int[] abs = new int[16];
        int[] pred = new int[256];
        for (int n = 0; n < 3000; n++) {
            byte[] src = new byte[stride * 20];
            byte[] rec = new byte[stride * 20];
            int kind = n % 3;
            for (int i = 0; i < src.length; i++) {
                src[i] = (byte)
                        (kind == 0
                                ? rnd.nextInt(256)
                                : kind == 1 ? (rnd.nextBoolean() ? 0 : 255) : 60 + rnd.nextInt(8));
                rec[i] = (byte) (kind == 2 ? 60 + rnd.nextInt(8) : rnd.nextInt(256));
            }
            int so = 2 * stride + 3;
            int ro = 2 * stride + 2;
            boolean left = n % 4 != 1;
            boolean top = n % 4 != 2;
            Intra16Satd.source(src, so, stride, coef, abs);
            if (top) {
                IntraPred.predBlock(rec, stride, ro, 0, 16, IntraPred.I16_V, left, top, pred);
                assertEquals(Cost.satd16(src, so, stride, pred), Intra16Satd.vertical(coef, abs, rec, ro - stride));
            }
            if (left) {
                IntraPred.predBlock(rec, stride, ro, 0, 16, IntraPred.I16_H, left, top, pred);
                assertEquals(
                        Cost.satd16(src, so, stride, pred), Intra16Satd.horizontal(coef, abs, rec, ro - 1, stride));
            }
            boolean l = n % 5 != 0 && left;
            boolean t = n % 7 != 0 && top;
            IntraPred.predBlock(rec, stride, ro, 0, 16, IntraPred.I16_DC, l, t, pred);
            assertEquals(pred[0], Intra16Satd.dcValue(rec, ro, stride, l, t));
            assertEquals(
                    Cost.satd16(src, so, stride, pred),
                    Intra16Satd.dc(coef, abs, Intra16Satd.dcValue(rec, ro, stride, l, t)));
        }
    }
}
