package dev.liveloom.mixer.h264.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Sums of absolute differences of 16-sample-wide blocks of 8-bit samples, eight samples at a time
 * in a {@code long} (SIMD within a register): JDK 17's compiler does not vectorise byte loops that
 * widen to int, so the kernels read 8 samples with one load, split them into even and odd samples
 * in four 16-bit lanes each, and take the absolute differences lane-wise without carries between
 * lanes. The results equal the plain per-sample sums.
 */
final class Sad {
    private Sad() {}

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Low byte of each 16-bit lane. */
    private static final long LO = 0x00FF00FF00FF00FFL;
    /** 256 in each 16-bit lane. */
    private static final long B8 = 0x0100010001000100L;
    /** 1 in each 16-bit lane. */
    private static final long ONE = 0x0001000100010001L;
    /** Low 7 bits of each byte. */
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /**
     * |a - b| in each 16-bit lane of a and b, which hold values 0..255: 256 + a - b lies in 1..511
     * and never borrows from the next lane; bit 8 tells which of a and b is larger; where b is, the
     * low byte is negated as (x ^ 0xff) + 1.
     */
    private static long absDiff(long a, long b) {
        long d = (a | B8) - b;
        long lt = ((d >>> 8) & ONE) ^ ONE;
        return ((d & LO) ^ (lt * 0xFF)) + lt;
    }

    /** SAD of 8 byte lanes, as four 16-bit lane sums (each at most 510). */
    private static long absDiff8(long a, long b) {
        return absDiff(a & LO, b & LO) + absDiff((a >>> 8) & LO, (b >>> 8) & LO);
    }

    /** Sum of the four 16-bit lanes. */
    private static int lanes(long acc) {
        return (int) ((acc * ONE) >>> 48);
    }

    /** (a + b + 1) >> 1 in each byte lane. */
    static long avg(long a, long b) {
        return (a | b) - (((a ^ b) >>> 1) & LOW7);
    }

    /**
     * SAD between the 16x16 blocks at {@code a[ao]} (stride {@code as}) and {@code b[bo]} (stride
     * {@code bs}). Every fourth row the partial sum is compared to {@code limit}: once it reaches it,
     * that partial sum (at least {@code limit}) is returned; otherwise the exact SAD.
     */
    static int sad16(byte[] a, int ao, int as, byte[] b, int bo, int bs, int limit) {
        if (Simd.ON) {
            return VectorKernels.sad16(a, ao, as, b, bo, null, 0, bs, limit, 1);
        }
        long acc = 0; // 16 rows x 2 x 255 per lane stays below 2^16
        for (int j = 0; j < 16; j++) {
            int ra = ao + j * as;
            int rb = bo + j * bs;
            acc += absDiff8((long) LONG.get(a, ra), (long) LONG.get(b, rb))
                    + absDiff8((long) LONG.get(a, ra + 8), (long) LONG.get(b, rb + 8));
            if ((j & 3) == 3 && j < 15) {
                int sum = lanes(acc);
                if (sum >= limit) {
                    return sum;
                }
            }
        }
        return lanes(acc);
    }

    /**
     * SAD between the 16x16 block at {@code s[so]} (stride {@code ss}) and the rounded average of the
     * blocks at {@code p[po]} and {@code q[qo]} (stride {@code ps}), over every {@code rowStep}-th row
     * and scaled by {@code rowStep}. Stops early as {@link #sad16} does.
     */
    static int sad16Avg(byte[] s, int so, int ss, byte[] p, int po, byte[] q, int qo, int ps, int limit, int rowStep) {
        if (Simd.ON) {
            return VectorKernels.sad16(s, so, ss, p, po, q, qo, ps, limit, rowStep);
        }
        long acc = 0;
        for (int j = 0; j < 16; j += rowStep) {
            int rs = so + j * ss;
            int rp = po + j * ps;
            int rq = qo + j * ps;
            long a0 = avg((long) LONG.get(p, rp), (long) LONG.get(q, rq));
            long a1 = avg((long) LONG.get(p, rp + 8), (long) LONG.get(q, rq + 8));
            acc += absDiff8((long) LONG.get(s, rs), a0) + absDiff8((long) LONG.get(s, rs + 8), a1);
            if ((j & 3) >= 4 - rowStep && j < 16 - rowStep) {
                int sum = lanes(acc) * rowStep;
                if (sum >= limit) {
                    return sum;
                }
            }
        }
        return lanes(acc) * rowStep;
    }

    /**
     * Per 4x4 block of the 16x16 blocks at {@code s[so]} (stride ss) and {@code p[po]} (stride ps):
     * the sum of the differences s - p into {@code sums} and the SAD into {@code sads}, both in
     * raster order of the blocks (index 4 * row + column).
     */
    static void blockSums16(byte[] s, int so, int ss, byte[] p, int po, int ps, int[] sums, int[] sads) {
        for (int by = 0; by < 4; by++) {
            // lanes: sums of sample pairs, 4 rows (at most 2040 per lane)
            long s0 = 0, s1 = 0, p0 = 0, p1 = 0, d0 = 0, d1 = 0;
            for (int j = by * 4; j < by * 4 + 4; j++) {
                int rs = so + j * ss;
                int rp = po + j * ps;
                long a0 = (long) LONG.get(s, rs);
                long a1 = (long) LONG.get(s, rs + 8);
                long b0 = (long) LONG.get(p, rp);
                long b1 = (long) LONG.get(p, rp + 8);
                s0 += (a0 & LO) + ((a0 >>> 8) & LO);
                s1 += (a1 & LO) + ((a1 >>> 8) & LO);
                p0 += (b0 & LO) + ((b0 >>> 8) & LO);
                p1 += (b1 & LO) + ((b1 >>> 8) & LO);
                d0 += absDiff8(a0, b0);
                d1 += absDiff8(a1, b1);
            }
            int b = by * 4;
            sums[b] = pairLanes(s0, 0) - pairLanes(p0, 0);
            sums[b + 1] = pairLanes(s0, 32) - pairLanes(p0, 32);
            sums[b + 2] = pairLanes(s1, 0) - pairLanes(p1, 0);
            sums[b + 3] = pairLanes(s1, 32) - pairLanes(p1, 32);
            sads[b] = pairLanes(d0, 0);
            sads[b + 1] = pairLanes(d0, 32);
            sads[b + 2] = pairLanes(d1, 0);
            sads[b + 3] = pairLanes(d1, 32);
        }
    }

    /**
     * As {@link #blockSums16} for 8x8 blocks: four 4x4 blocks, raster order (index 2 * row +
     * column).
     */
    static void blockSums8(byte[] s, int so, int ss, byte[] p, int po, int ps, int[] sums, int[] sads) {
        for (int by = 0; by < 2; by++) {
            long s0 = 0, p0 = 0, d0 = 0;
            for (int j = by * 4; j < by * 4 + 4; j++) {
                long a = (long) LONG.get(s, so + j * ss);
                long b = (long) LONG.get(p, po + j * ps);
                s0 += (a & LO) + ((a >>> 8) & LO);
                p0 += (b & LO) + ((b >>> 8) & LO);
                d0 += absDiff8(a, b);
            }
            sums[by * 2] = pairLanes(s0, 0) - pairLanes(p0, 0);
            sums[by * 2 + 1] = pairLanes(s0, 32) - pairLanes(p0, 32);
            sads[by * 2] = pairLanes(d0, 0);
            sads[by * 2 + 1] = pairLanes(d0, 32);
        }
    }

    /** Sum of the two 16-bit lanes at bit {@code shift} and {@code shift + 16}. */
    private static int pairLanes(long acc, int shift) {
        return (int) ((acc >>> shift) & 0xFFFF) + (int) ((acc >>> (shift + 16)) & 0xFFFF);
    }

    /** As {@link #sad16Avg} against the single block at {@code p[po]}. */
    static int sad16(byte[] s, int so, int ss, byte[] p, int po, int ps, int limit, int rowStep) {
        if (rowStep == 1) {
            return sad16(s, so, ss, p, po, ps, limit);
        }
        if (Simd.ON) {
            return VectorKernels.sad16(s, so, ss, p, po, null, 0, ps, limit, rowStep);
        }
        long acc = 0;
        for (int j = 0; j < 16; j += rowStep) {
            int rs = so + j * ss;
            int rp = po + j * ps;
            acc += absDiff8((long) LONG.get(s, rs), (long) LONG.get(p, rp))
                    + absDiff8((long) LONG.get(s, rs + 8), (long) LONG.get(p, rp + 8));
            if ((j & 3) >= 4 - rowStep && j < 16 - rowStep) {
                int sum = lanes(acc) * rowStep;
                if (sum >= limit) {
                    return sum;
                }
            }
        }
        return lanes(acc) * rowStep;
    }

    /**
     * SAD between w x h blocks of two planes; stops after a row once the partial sum reaches {@code
     * limit}, returning at least {@code limit}.
     */
    static int sad(byte[] a, int ao, int as, byte[] b, int bo, int bs, int w, int h, int limit) {
        int sum = 0;
        for (int j = 0; j < h; j++) {
            int ra = ao + j * as;
            int rb = bo + j * bs;
            for (int i = 0; i < w; i++) {
                int d = (a[ra + i] & 0xff) - (b[rb + i] & 0xff);
                sum += d < 0 ? -d : d;
            }
            if (sum >= limit) {
                return sum;
            }
        }
        return sum;
    }
}
