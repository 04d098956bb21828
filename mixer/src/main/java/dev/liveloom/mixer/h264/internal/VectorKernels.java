package dev.liveloom.mixer.h264.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API versions of the hot kernels, 16 samples per step: a row of 16 bytes is one
 * 128-bit vector, widened to sixteen 16-bit lanes (256 bits) for arithmetic. Each method computes
 * exactly what its portable counterpart computes (the tests compare them on random input); only
 * {@link Simd#ON} decides which runs. Loaded only when the incubator module is present.
 */
final class VectorKernels {
    private VectorKernels() {}

    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;

    /** True when 256-bit integer vectors are native here (the kernels would crawl otherwise). */
    static boolean supported() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && S.length() == 16;
    }

    /** 16 bytes at {@code p[o]} as unsigned 16-bit lanes. */
    private static ShortVector widen(byte[] p, int o) {
        return ((ShortVector) ByteVector.fromArray(B, p, o).convertShape(VectorOperators.B2S, S, 0)).and((short) 0xFF);
    }

    /** 16 lanes of 0..255 back to bytes at {@code dst[o]}. */
    private static void narrow(ShortVector v, byte[] dst, int o) {
        ((ByteVector) v.convertShape(VectorOperators.S2B, B, 0)).intoArray(dst, o);
    }

    /** |a - b| per unsigned byte lane, as unsigned 16-bit lanes. */
    private static ShortVector absDiff(ByteVector a, ByteVector b) {
        // unsigned order = signed order with the top bit flipped
        ByteVector x = a.lanewise(VectorOperators.XOR, (byte) 0x80);
        ByteVector y = b.lanewise(VectorOperators.XOR, (byte) 0x80);
        ByteVector d = x.max(y).sub(x.min(y));
        return ((ShortVector) d.convertShape(VectorOperators.B2S, S, 0)).and((short) 0xFF);
    }

    /** (a + b + 1) >> 1 per unsigned byte lane. */
    private static ByteVector avg(ByteVector a, ByteVector b) {
        return a.or(b)
                .sub(a.lanewise(VectorOperators.XOR, b)
                        .lanewise(VectorOperators.LSHR, 1)
                        .and((byte) 0x7F));
    }

    /** Sum of 16 lanes that together stay below 2^16 (a 16x16 SAD is at most 65280). */
    private static int total(ShortVector acc) {
        return acc.reduceLanes(VectorOperators.ADD) & 0xFFFF;
    }

    /** {@link HalfSample}'s 6-tap filter over {@code n - n % 16} samples; returns how many it did. */
    static int filterRow(byte[] p, int o, int t, byte[] dst, int n) {
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            int k = o + i;
            ShortVector outer = widen(p, k - 2 * t).add(widen(p, k + 3 * t));
            ShortVector near = widen(p, k - t).add(widen(p, k + 2 * t));
            ShortVector centre = widen(p, k).add(widen(p, k + t));
            ShortVector x = outer.add(centre.mul((short) 20)).sub(near.mul((short) 5)); // -2550..10710
            narrow(
                    x.add((short) 16)
                            .lanewise(VectorOperators.ASHR, 5)
                            .max((short) 0)
                            .min((short) 255),
                    dst,
                    k);
        }
        return i;
    }

    /** {@link Sad#sad16(byte[], int, int, byte[], int, int, int)}. */
    static int sad16(byte[] a, int ao, int as, byte[] b, int bo, int bs, int limit) {
        ShortVector acc = ShortVector.zero(S);
        for (int j = 0; j < 16; j++) {
            acc = acc.add(absDiff(ByteVector.fromArray(B, a, ao + j * as), ByteVector.fromArray(B, b, bo + j * bs)));
            if ((j & 3) == 3 && j < 15) {
                int sum = total(acc);
                if (sum >= limit) {
                    return sum;
                }
            }
        }
        return total(acc);
    }

    /** {@link Sad#sad16(byte[], int, int, byte[], int, int, int, int)} with a row step above 1. */
    static int sad16(byte[] s, int so, int ss, byte[] p, int po, int ps, int limit, int rowStep) {
        ShortVector acc = ShortVector.zero(S);
        for (int j = 0; j < 16; j += rowStep) {
            acc = acc.add(absDiff(ByteVector.fromArray(B, s, so + j * ss), ByteVector.fromArray(B, p, po + j * ps)));
            if ((j & 3) >= 4 - rowStep && j < 16 - rowStep) {
                int sum = total(acc) * rowStep;
                if (sum >= limit) {
                    return sum;
                }
            }
        }
        return total(acc) * rowStep;
    }

    /** {@link Sad#sad16Avg}. */
    static int sad16Avg(byte[] s, int so, int ss, byte[] p, int po, byte[] q, int qo, int ps, int limit, int rowStep) {
        ShortVector acc = ShortVector.zero(S);
        for (int j = 0; j < 16; j += rowStep) {
            ByteVector a = avg(ByteVector.fromArray(B, p, po + j * ps), ByteVector.fromArray(B, q, qo + j * ps));
            acc = acc.add(absDiff(ByteVector.fromArray(B, s, so + j * ss), a));
            if ((j & 3) >= 4 - rowStep && j < 16 - rowStep) {
                int sum = total(acc) * rowStep;
                if (sum >= limit) {
                    return sum;
                }
            }
        }
        return total(acc) * rowStep;
    }

    /** The rounded average of two 16-sample rows, {@code h} rows (InterPred's quarter samples). */
    static void avg16(byte[] a, int ao, byte[] b, int bo, int s, byte[] dst, int d, int ds, int h) {
        for (int j = 0; j < h; j++) {
            avg(ByteVector.fromArray(B, a, ao + j * s), ByteVector.fromArray(B, b, bo + j * s))
                    .intoArray(dst, d + j * ds);
        }
    }

    /** {@link Sad#blockSums16}. */
    static void blockSums16(byte[] s, int so, int ss, byte[] p, int po, int ps, int[] sums, int[] sads, short[] tmp) {
        for (int by = 0; by < 4; by++) {
            ShortVector sum = ShortVector.zero(S);
            ShortVector sad = ShortVector.zero(S);
            for (int j = by * 4; j < by * 4 + 4; j++) {
                ShortVector d = widen(s, so + j * ss).sub(widen(p, po + j * ps));
                sum = sum.add(d);
                sad = sad.add(d.abs());
            }
            sum.intoArray(tmp, 0);
            sad.intoArray(tmp, 16);
            for (int bx = 0; bx < 4; bx++) {
                int l = bx * 4;
                sums[by * 4 + bx] = tmp[l] + tmp[l + 1] + tmp[l + 2] + tmp[l + 3];
                sads[by * 4 + bx] = tmp[16 + l] + tmp[17 + l] + tmp[18 + l] + tmp[19 + l];
            }
        }
    }
}
