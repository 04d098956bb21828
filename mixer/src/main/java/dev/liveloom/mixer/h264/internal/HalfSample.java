package dev.liveloom.mixer.h264.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 6-tap luma half-sample filter (clause 8.4.2.2.1) along a row, horizontally (b) or
 * vertically (h), eight samples per step in a {@code long} (SIMD within a register; JDK 17 does not
 * vectorise byte loops that widen to int): a step loads eight samples per tap, splits them into
 * even and odd samples in four 16-bit lanes each and filters lane-wise. The positive taps are
 * summed with a bias of 2560 before the negative ones are subtracted, so no lane goes negative or
 * borrows from its neighbour; rounding, the shift and the clip to 0..255 then work lane-wise too.
 * The results equal the per-sample filter.
 */
final class HalfSample {
    private HalfSample() {}

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long LO = 0x00FF00FF00FF00FFL;
    private static final long ONE = 0x0001000100010001L;
    /** 2560 = 80 * 32 in each lane: at least the largest negative part, 5 * (255 + 255). */
    private static final long BIAS = 2560 * ONE;

    /**
     * Filters four 16-bit lanes of taps t0..t5 (values 0..255) and returns the clipped results
     * (0..255) in the lanes.
     */
    private static long filter(long t0, long t1, long t2, long t3, long t4, long t5) {
        long x = t0 + t5 + 20 * (t2 + t3) + BIAS - 5 * (t1 + t4); // true + 2560, 10..13270
        long r = ((x + 16 * ONE) >>> 5) & 0x01FF01FF01FF01FFL; // rounded true + 80, 0..415
        // clip(r - 80) to 0..255: bit 15 of r + 0x8000 - 80 tells r >= 80
        long t = r + (0x8000 - 80) * ONE;
        long ge = (t >>> 15) & ONE;
        long low = t & 0x7FFF7FFF7FFF7FFFL & (ge * 0x7FFF); // r - 80 where r >= 80, else 0
        long u = low + (0x8000 - 256) * ONE;
        long over = (u >>> 15) & ONE; // low >= 256
        return (low | (over * 0xFF)) & LO;
    }

    private static int clip(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /**
     * Horizontal half samples b at (x + 1/2, y) for the n samples at {@code p[o..o+n)}, stored at
     * {@code dst[o..o+n)}; reads p[o - 2 .. o + n + 2].
     */
    static void horizontal(byte[] p, int o, byte[] dst, int n) {
        filterRow(p, o, 1, dst, n);
    }

    /**
     * Horizontal half samples for the w x h region at {@code p[o]} (stride s), stored at the same
     * offsets in {@code dst}.
     */
    static void horizontalTile(byte[] p, int o, int s, byte[] dst, int w, int h) {
        if (Simd.ON && VectorKernels.filterRows(p, o, 1, s, dst, w, h) == w) {
            return;
        }
        for (int j = 0; j < h; j++) {
            filterRow(p, o + j * s, 1, dst, w);
        }
    }

    /**
     * Vertical half samples h at (x, y + 1/2) for the n samples at {@code p[o..o+n)} (stride s),
     * stored at {@code dst[o..o+n)}; reads rows y - 2 .. y + 3.
     */
    static void vertical(byte[] p, int o, int s, byte[] dst, int n) {
        filterRow(p, o, s, dst, n);
    }

    /**
     * Vertical half samples for the w x h region at {@code p[o]} (stride s), stored at the same
     * offsets in {@code dst}; reads rows -2 .. h + 2 of the region.
     */
    static void verticalTile(byte[] p, int o, int s, byte[] dst, int w, int h) {
        int done = Simd.ON ? VectorKernels.verticalTile(p, o, s, dst, w, h) : 0;
        if (done < w) {
            for (int j = 0; j < h; j++) {
                filterRow(p, o + j * s + done, s, dst, w - done);
            }
        }
    }

    /**
     * The 6-tap filter for the n samples at {@code p[o..o+n)} with taps {@code t} apart (1:
     * horizontal, the stride: vertical), stored at {@code dst[o..o+n)}.
     */
    private static void filterRow(byte[] p, int o, int t, byte[] dst, int n) {
        int i = Simd.ON ? VectorKernels.filterRows(p, o, t, 0, dst, n, 1) : 0;
        for (; i + 8 <= n; i += 8) {
            int k = o + i;
            long l0 = (long) LONG.get(p, k - 2 * t);
            long l1 = (long) LONG.get(p, k - t);
            long l2 = (long) LONG.get(p, k);
            long l3 = (long) LONG.get(p, k + t);
            long l4 = (long) LONG.get(p, k + 2 * t);
            long l5 = (long) LONG.get(p, k + 3 * t);
            long even = filter(l0 & LO, l1 & LO, l2 & LO, l3 & LO, l4 & LO, l5 & LO);
            long odd = filter(
                    (l0 >>> 8) & LO,
                    (l1 >>> 8) & LO,
                    (l2 >>> 8) & LO,
                    (l3 >>> 8) & LO,
                    (l4 >>> 8) & LO,
                    (l5 >>> 8) & LO);
            LONG.set(dst, k, even | (odd << 8));
        }
        for (; i < n; i++) {
            int k = o + i;
            int e = (p[k - 2 * t] & 0xff)
                    + (p[k + 3 * t] & 0xff)
                    - 5 * ((p[k - t] & 0xff) + (p[k + 2 * t] & 0xff))
                    + 20 * ((p[k] & 0xff) + (p[k + t] & 0xff));
            dst[k] = (byte) clip((e + 16) >> 5);
        }
    }
}
