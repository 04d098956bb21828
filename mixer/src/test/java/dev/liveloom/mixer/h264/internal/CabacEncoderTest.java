package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-wise arithmetic encoder writes exactly the bits of the bit-serial procedure of clause
 * 9.3.4.2 (PutBit with bitsOutstanding), modelled here over the same context states.
 */
class CabacEncoderTest {
    /** The clause 9.3.4 flow chart, one bit at a time; probability states are shadowed from the real encoder. */
    static final class Reference {
        final BitWriter bw = new BitWriter(64);
        int low;
        int range = 510;
        int outstanding;
        boolean first = true;

        void put(int b) {
            if (first) {
                first = false;
            } else {
                bw.u(1, b);
            }
            for (; outstanding > 0; outstanding--) {
                bw.u(1, 1 - b);
            }
        }

        void renorm() {
            while (range < 256) {
                if (low < 256) {
                    put(0);
                } else if (low >= 512) {
                    low -= 512;
                    put(1);
                } else {
                    low -= 256;
                    outstanding++;
                }
                range <<= 1;
                low <<= 1;
            }
        }

        void decision(int lps, boolean isLps) {
            range -= lps;
            if (isLps) {
                low += range;
                range = lps;
            }
            renorm();
        }

        void bypass(int bin) {
            low <<= 1;
            if (bin != 0) {
                low += range;
            }
            if (low >= 1024) {
                put(1);
                low -= 1024;
            } else if (low < 512) {
                put(0);
            } else {
                low -= 512;
                outstanding++;
            }
        }

        void terminate(int bin) {
            range -= 2;
            if (bin != 0) {
                low += range;
                range = 2;
                renorm();
                put((low >> 9) & 1);
                bw.u(2, ((low >> 7) & 3) | 1);
                while (!bw.byteAligned()) {
                    bw.u(1, 0);
                }
            } else {
                renorm();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261204})
    void sameBitsAsTheBitSerialProcedure(long seed) {
        Random r = new Random(seed);
        for (int round = 0; round < 20; round++) {
            BitWriter bw = new BitWriter(16);
            CabacEncoder enc = new CabacEncoder();
            Reference ref = new Reference();
            enc.start(bw, r.nextBoolean(), r.nextInt(52));
            int n = 1 + r.nextInt(5000);
            // skewed sources so that long runs of outstanding bits and carries happen
            double p = r.nextDouble();
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(10);
                if (kind < 7) {
                    int ctx = r.nextInt(CabacEncoder.CONTEXTS);
                    int bin = r.nextDouble() < p ? 1 : 0;
                    int lps = enc.rangeLps(ctx, ref.range);
                    ref.decision(lps, bin != enc.mps(ctx));
                    enc.decision(ctx, bin);
                } else if (kind < 9) {
                    int bin = r.nextDouble() < p ? 1 : 0;
                    ref.bypass(bin);
                    enc.bypass(bin);
                } else {
                    ref.terminate(0);
                    enc.terminate(0);
                }
            }
            ref.terminate(1);
            enc.terminate(1);
            assertTrue(bw.byteAligned());
            assertArrayEquals(ref.bw.toByteArray(), bw.toByteArray(), "seed " + seed + " round " + round);
        }
    }
}
