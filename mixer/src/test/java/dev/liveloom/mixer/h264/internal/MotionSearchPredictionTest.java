package dev.liveloom.mixer.h264.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Motion vector prediction per partition (H.264 8.4.1.3) and the P_Skip vector (8.4.1.1) at 4x4
 * block granularity, on a 3x3 macroblock picture whose neighbours carry different vectors per
 * block: the 16x8 and 8x16 directional rules, their fallback to the median, C replaced by D, and
 * the blocks of the current macroblock that are already decoded.
 */
class MotionSearchPredictionTest {
    private MbInfo info;
    private MotionSearch me;

    @BeforeEach
    void setUp() {
        info = new MbInfo(3, 3);
        me = new MotionSearch(info, 48, 48);
        for (int mb = 0; mb < 9; mb++) {
            info.mbType[mb] = FrameEncoder.MB_P16;
        }
        // above-left D (0,0), above B (1,0), above-right C (2,0), left A (0,1)
        info.setMotion(0, 0, 0, 0, 4, 4, -20, 4, 0, 0);
        info.setMotion(1, 0, 0, 0, 4, 4, 0, 8, 0, 0);
        info.setMotion(1, 0, 0, 3, 2, 1, 0, 8, 0, 0); // B at block (0,3)
        info.setMotion(1, 0, 2, 3, 2, 1, 40, 40, 0, 0); // right half of B's bottom row differs
        info.setMotion(2, 0, 0, 0, 4, 4, 12, 12, 0, 0);
        info.setMotion(0, 1, 0, 0, 4, 2, 4, 0, 0, 0); // A, top half
        info.setMotion(0, 1, 0, 2, 4, 2, -8, 16, 0, 0); // A, bottom half
    }

    private int[] predict(int mbx, int mby, int x, int y, int w, int shape, int partIdx) {
        me.predictPart(mbx, mby, x, y, w, shape, partIdx);
        return new int[] {me.predX, me.predY};
    }

    @Test
    void sixteenBySixteenIsTheMedianOfTheBlocksAroundTheTopLeftCorner() {
        me.begin(1, 1, 0, 1);
        // A (4,0), B (0,8), C (12,12)
        assertThat(new int[] {me.mvpX, me.mvpY}).containsExactly(4, 8);
        assertThat(new int[] {me.skipX, me.skipY}).containsExactly(4, 8);
    }

    @Test
    void sixteenByEightTakesBAboveAndALeftOfTheLowerHalf() {
        me.begin(1, 1, 0, 1);
        assertThat(predict(1, 1, 0, 0, 16, MotionSearch.SHAPE_16x8, 0)).containsExactly(0, 8);
        info.setMotion(1, 1, 0, 0, 4, 2, 100, 100, 0, 0); // partition 0 decoded
        assertThat(predict(1, 1, 0, 8, 16, MotionSearch.SHAPE_16x8, 1)).containsExactly(-8, 16);
    }

    @Test
    void eightBySixteenTakesALeftAndCAboveRight() {
        me.begin(1, 1, 0, 1);
        assertThat(predict(1, 1, 0, 0, 8, MotionSearch.SHAPE_8x16, 0)).containsExactly(4, 0);
        info.setMotion(1, 1, 0, 0, 2, 4, 100, 100, 0, 0);
        // C of the right half is block (0,3) of the above-right macroblock
        assertThat(predict(1, 1, 8, 0, 8, MotionSearch.SHAPE_8x16, 1)).containsExactly(12, 12);
    }

    @Test
    void directionalRulesFallBackToTheMedianWhenTheirNeighbourIsIntra() {
        info.mbType[1] = FrameEncoder.MB_I16; // B intra
        info.setMotion(1, 0, 0, 0, 4, 4, 0, 0, 0, 0);
        me.begin(1, 1, 0, 1);
        // median of A (4,0), B (intra: 0,0), C (12,12)
        assertThat(predict(1, 1, 0, 0, 16, MotionSearch.SHAPE_16x8, 0)).containsExactly(4, 0);
        info.mbType[2] = FrameEncoder.MB_I4; // C intra too: only A refers to the reference
        assertThat(predict(1, 1, 0, 0, 16, MotionSearch.SHAPE_16x8, 0)).containsExactly(4, 0);
        info.mbType[3] = FrameEncoder.MB_I16; // A intra as well: median of zeros
        assertThat(predict(1, 1, 0, 0, 8, MotionSearch.SHAPE_8x16, 0)).containsExactly(0, 0);
    }

    @Test
    void cIsReplacedByDWhereItIsNotAvailable() {
        // macroblock (2,1): the right half's C lies outside the picture; D is block (1,3) above
        info.setMotion(2, 0, 1, 3, 1, 1, -4, -12, 0, 0);
        me.begin(2, 1, 0, 1);
        info.setMotion(2, 1, 0, 0, 2, 4, 7, 9, 0, 0); // left half decoded
        // the directional rule of the right half takes "C", which is D here
        assertThat(predict(2, 1, 8, 0, 8, MotionSearch.SHAPE_8x16, 1)).containsExactly(-4, -12);
        // as the third neighbour of a median: A (7,9) inside the macroblock, B (12,12) (block
        // (2,3) above), D (-4,-12)
        assertThat(predict(2, 1, 8, 0, 8, MotionSearch.SHAPE_8x8, 1)).containsExactly(7, 9);
        // the lower half of 16x8 in macroblock (1,1): its C (in the macroblock to the right) is
        // never available; with A intra the median of B (partition 0, inside) and D (block (3,1)
        // of the left macroblock) and A (0,0 as intra) applies
        info.setMotion(0, 1, 3, 1, 1, 1, 6, 6, 0, 0);
        me.begin(1, 1, 0, 1);
        info.setMotion(1, 1, 0, 0, 4, 2, 2, 2, 0, 0);
        info.mbType[3] = FrameEncoder.MB_I16;
        // A (intra, 0,0), B (2,2), D (intra, 0,0): only B refers to the reference
        assertThat(predict(1, 1, 0, 8, 16, MotionSearch.SHAPE_16x8, 1)).containsExactly(2, 2);
        info.mbType[3] = FrameEncoder.MB_P16;
        // A inter (block (3,2): -8,16): the directional rule takes it
        assertThat(predict(1, 1, 0, 8, 16, MotionSearch.SHAPE_16x8, 1)).containsExactly(-8, 16);
        // as the third neighbour of a median (8x8 block 2 at the same place): A (-8,16), B (2,2),
        // C is block 1 inside (2,2) -> (2,2)
        assertThat(predict(1, 1, 0, 8, 8, MotionSearch.SHAPE_8x8, 2)).containsExactly(2, 2);
    }

    @Test
    void eightByEightBlocksSeeTheBlocksDecodedBeforeThem() {
        me.begin(1, 1, 0, 1);
        info.setMotion(1, 1, 0, 0, 2, 2, 20, 0, 0, 0); // block 0
        info.setMotion(1, 1, 2, 0, 2, 2, 24, 4, 0, 0); // block 1
        info.setMotion(1, 1, 0, 2, 2, 2, 28, 8, 0, 0); // block 2
        // block 1: A block 0 (20,0), B above (40,40), C above-right (12,12) -> (20,12)
        assertThat(predict(1, 1, 8, 0, 8, MotionSearch.SHAPE_8x8, 1)).containsExactly(20, 12);
        // block 2: A left (-8,16), B block 0 (20,0), C block 1 (24,4) -> (20,4)
        assertThat(predict(1, 1, 0, 8, 8, MotionSearch.SHAPE_8x8, 2)).containsExactly(20, 4);
        // block 3: A block 2 (28,8), B block 1 (24,4), C unavailable -> D block 0 (20,0) -> (24,4)
        assertThat(predict(1, 1, 8, 8, 8, MotionSearch.SHAPE_8x8, 3)).containsExactly(24, 4);
    }

    @Test
    void skipIsZeroNextToAnInterNeighbourAtRestOrAtThePictureEdge() {
        me.begin(0, 1, 0, 1); // no A
        assertThat(new int[] {me.skipX, me.skipY}).containsExactly(0, 0);
        info.setMotion(0, 1, 0, 0, 4, 4, 0, 0, 0, 0);
        info.setMotion(0, 1, 3, 1, 1, 3, 4, 4, 0, 0); // only A's top-right block counts: (0,0)
        me.begin(1, 1, 0, 1);
        assertThat(new int[] {me.skipX, me.skipY}).containsExactly(0, 0);
        info.setMotion(0, 1, 3, 0, 1, 1, 4, 4, 0, 0);
        me.begin(1, 1, 0, 1);
        assertThat(new int[] {me.skipX, me.skipY}).containsExactly(4, 8);
        me.begin(1, 1, 1, 1); // first row of the slice: no B
        assertThat(new int[] {me.skipX, me.skipY}).containsExactly(0, 0);
    }
}
