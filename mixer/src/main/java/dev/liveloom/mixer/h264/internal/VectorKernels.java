package dev.liveloom.mixer.h264.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API versions of the hot kernels, 16 samples per step: a row of 16 bytes is one
 * 128-bit vector, widened to sixteen 16-bit lanes (256 bits) for arithmetic. Each method computes
 * exactly what its portable counterpart computes (the tests compare them on random input); only
 * {@link Simd#ON} decides which runs. Loaded only when the incubator module is present.
 *
 * <p>How they are written and run is dictated by the JIT. A vector operation is fast only where C2
 * inlines the Vector API's whole call chain down to its intrinsic; where it does not, the vector is
 * boxed and the operation falls back to Java code that allocates. Inlined into the encoder's large
 * methods, the chains hit C2's depth and size limits ("inlining too deep", "size >
 * DesiredMethodLimit"): at 720p that made 3 MB of garbage per frame. So:
 *
 * <ul>
 *   <li>the entry points ({@link #ENTRY_POINTS}) are never inlined into their callers: {@link Simd}
 *       adds a compiler directive for them when it turns the kernels on. Each is compiled on its
 *       own, where the chains are short;
 *   <li>no vector crosses a method boundary except through the small helpers, which C2 always
 *       inlines (under 35 bytes of bytecode);
 *   <li>each element type does its arithmetic in one shape only: bytes in 128 bits, shorts and
 *       ints in 256 bits (other shapes only load, convert and store). The API's generic code keeps
 *       one type profile for all shapes; 128-bit short arithmetic in one kernel made C2 box the
 *       256-bit short vectors of others.
 * </ul>
 *
 * The benchmark harness reports the bytes allocated per frame, which shows at once when a change
 * breaks this.
 */
final class VectorKernels {
    private VectorKernels() {}

    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;

    /** The kernels the encoder calls; kept out of line (see the class comment). */
    static final String[] ENTRY_POINTS = {
        "sad16",
        "avg16",
        "filterRows",
        "verticalTile",
        "forward16",
        "columns16",
        "forwardChroma",
        "chromaRows",
        "chroma8",
        "narrow16",
        "narrow8",
        "quant",
        "dequant",
        "inverseAdd",
        "hadamard16",
        "satd16",
        "satdChroma",
        "satdRows",
        "plane"
    };

    /** True when 256-bit integer vectors are native here (the kernels would crawl otherwise). */
    static boolean supported() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && S.length() == 16;
    }

    /** 16 bytes at {@code p[o]} as unsigned 16-bit lanes. */
    private static ShortVector widen(byte[] p, int o) {
        return ((ShortVector) ByteVector.fromArray(B, p, o).convertShape(VectorOperators.B2S, S, 0)).and((short) 0xFF);
    }

    /** Unsigned bytes in signed order: the top bit flipped. */
    private static ByteVector flip(ByteVector a) {
        return a.lanewise(VectorOperators.XOR, (byte) 0x80);
    }

    /** Byte lanes 0..255 (the bits of an unsigned byte) as 16-bit lanes. */
    private static ShortVector unsigned(ByteVector d) {
        return ((ShortVector) d.convertShape(VectorOperators.B2S, S, 0)).and((short) 0xFF);
    }

    /** Sum of 16 lanes that together stay below 2^16 (a 16x16 SAD is at most 65280). */
    private static int total(ShortVector acc) {
        return acc.reduceLanes(VectorOperators.ADD) & 0xFFFF;
    }

    /**
     * {@link HalfSample}'s 6-tap filter (taps {@code t} apart) over {@code h} rows (stride s) of
     * {@code n} samples each; returns how many samples per row it did: all of them when {@code n >=
     * 16} (a row's last 16 are filtered again where n is not a multiple of 16, which writes the
     * same values), else none.
     */
    static int filterRows(byte[] p, int o, int t, int s, byte[] dst, int n, int h) {
        if (n < 16) {
            return 0;
        }
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < n; i += 16) {
                int k = o + j * s + Math.min(i, n - 16);
                ShortVector outer = widen(p, k - 2 * t).add(widen(p, k + 3 * t));
                ShortVector near = widen(p, k - t).add(widen(p, k + 2 * t));
                ShortVector centre = widen(p, k).add(widen(p, k + t));
                ShortVector x = outer.add(centre.mul((short) 20)).sub(near.mul((short) 5)); // -2550..10710
                ShortVector r = x.add((short) 16)
                        .lanewise(VectorOperators.ASHR, 5)
                        .max((short) 0)
                        .min((short) 255);
                ((ByteVector) r.convertShape(VectorOperators.S2B, B, 0)).intoArray(dst, k);
            }
        }
        return n;
    }

    /**
     * {@link HalfSample#verticalTile}'s 6-tap vertical filter over the w x h region at {@code p[o]}
     * (stride s), into {@code dst} at the same offsets; returns how many columns it did: all when
     * {@code w >= 16} (the last strip of 16 overlaps the one before where w is not a multiple of
     * 16), else none. Down each strip of 16 columns the six rows under the filter stay in
     * registers, so each output row loads one new row instead of six.
     */
    static int verticalTile(byte[] p, int o, int s, byte[] dst, int w, int h) {
        if (w < 16) {
            return 0;
        }
        for (int x = 0; x < w; x += 16) {
            int k = o + Math.min(x, w - 16); // the last strip ends at w, overlapping the one before
            ShortVector r0 = widen(p, k - 2 * s);
            ShortVector r1 = widen(p, k - s);
            ShortVector r2 = widen(p, k);
            ShortVector r3 = widen(p, k + s);
            ShortVector r4 = widen(p, k + 2 * s);
            for (int j = 0; j < h; j++) {
                int q = k + j * s;
                ShortVector r5 = widen(p, q + 3 * s);
                ShortVector v = r0.add(r5)
                        .add(r2.add(r3).mul((short) 20))
                        .sub(r1.add(r4).mul((short) 5));
                ShortVector c = v.add((short) 16)
                        .lanewise(VectorOperators.ASHR, 5)
                        .max((short) 0)
                        .min((short) 255);
                ((ByteVector) c.convertShape(VectorOperators.S2B, B, 0)).intoArray(dst, q);
                r0 = r1;
                r1 = r2;
                r2 = r3;
                r3 = r4;
                r4 = r5;
            }
        }
        return w;
    }

    /**
     * {@link Sad#sad16(byte[], int, int, byte[], int, int, int, int)} against {@code p} when {@code
     * q} is null, else {@link Sad#sad16Avg} against the rounded average of {@code p} and {@code q}.
     */
    static int sad16(byte[] s, int so, int ss, byte[] p, int po, byte[] q, int qo, int ps, int limit, int rowStep) {
        ShortVector acc = ShortVector.zero(S);
        for (int j = 0; j < 16; j += rowStep) {
            if (q == null) {
                // |x - y| of unsigned bytes: max - min of the values with the top bit flipped
                ByteVector x = flip(ByteVector.fromArray(B, s, so + j * ss));
                ByteVector y = flip(ByteVector.fromArray(B, p, po + j * ps));
                acc = acc.add(unsigned(x.max(y).sub(x.min(y))));
            } else {
                // the rounded average (a + b + 1) >> 1 in 16-bit lanes
                ShortVector m = widen(p, po + j * ps)
                        .add(widen(q, qo + j * ps))
                        .add((short) 1)
                        .lanewise(VectorOperators.LSHR, 1);
                acc = acc.add(widen(s, so + j * ss).sub(m).abs());
            }
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
            ByteVector x = ByteVector.fromArray(B, a, ao + j * s);
            ByteVector y = ByteVector.fromArray(B, b, bo + j * s);
            x.or(y)
                    .sub(x.lanewise(VectorOperators.XOR, y)
                            .lanewise(VectorOperators.LSHR, 1)
                            .and((byte) 0x7F))
                    .intoArray(dst, d + j * ds);
        }
    }

    private static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

    // ---- forward 4x4 transforms, four blocks per 16-lane short vector ----

    private static final VectorShuffle<Short> REVERSE16 =
            VectorShuffle.fromValues(S, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
    private static final VectorShuffle<Short> SWAP16 =
            VectorShuffle.fromValues(S, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
    private static final ShortVector SIGN16 = ShortVector.fromArray(S, repeat4(1, 1, -1, -1), 0);
    private static final ShortVector C1_16 = ShortVector.fromArray(S, repeat4(1, -1, 1, 1), 0);
    private static final ShortVector C2_16 = ShortVector.fromArray(S, repeat4(1, 1, 2, -2), 0);
    private static final VectorMask<Short>[] BLOCK16 = blockMasks();

    private static short[] repeat4(int a, int b, int c, int d) {
        short[] v = new short[16];
        for (int i = 0; i < 16; i += 4) {
            v[i] = (short) a;
            v[i + 1] = (short) b;
            v[i + 2] = (short) c;
            v[i + 3] = (short) d;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Short>[] blockMasks() {
        VectorMask<Short>[] m = new VectorMask[4];
        for (int b = 0; b < 4; b++) {
            m[b] = VectorMask.fromLong(S, 0xFL << (4 * b));
        }
        return m;
    }

    /**
     * Residual {@code src - pred} of a 16x16 region, transformed as {@link Transform#forward4x4}
     * per 4x4 block, in 16-bit lanes (every coefficient fits: at most 36 x 255 in magnitude). The
     * coefficients go to {@code coef} in region raster order (row length 16): coefficient (r, c) of
     * block (bx, by) sits at {@code (4 by + r) 16 + 4 bx + TransformLanes.LANE[c]}. {@code thr}
     * ({@link TransformLanes#at16}) holds per block row the magnitude from which each lane's
     * coefficient is kept; returns the blocks (bit {@code 4 by + bx}) with any coefficient at or
     * above it.
     */
    static long forward16(byte[] src, int so, int ss, byte[] pred, int po, int ps, short[] coef, short[] thr) {
        for (int y = 0; y < 16; y++) {
            ShortVector v = widen(src, so + y * ss).sub(widen(pred, po + y * ps));
            ShortVector a = v.mul(SIGN16).add(v.rearrange(REVERSE16)); // s03, s12, d12, d03
            a.mul(C1_16).add(a.rearrange(SWAP16).mul(C2_16)).intoArray(coef, y * 16); // out0, out2, out1, out3
        }
        return columns16(coef, 16, thr);
    }

    /**
     * As {@link #forward16(byte[], int, int, byte[], int, int, short[], short[])} with the
     * prediction in ints (16 per row, values 0..255): narrowed into {@code coef} first, which then
     * serves as the prediction.
     */
    static long forward16(byte[] src, int so, int ss, int[] pred, short[] coef, short[] thr) {
        narrowRows(pred, 16, coef, 0, 16);
        for (int y = 0; y < 16; y++) {
            ShortVector v = widen(src, so + y * ss).sub(ShortVector.fromArray(S, coef, y * 16));
            ShortVector a = v.mul(SIGN16).add(v.rearrange(REVERSE16));
            a.mul(C1_16).add(a.rearrange(SWAP16).mul(C2_16)).intoArray(coef, y * 16);
        }
        return columns16(coef, 16, thr);
    }

    private static final VectorSpecies<Short> S8 = ShortVector.SPECIES_128;

    /** Rows of w ints (w 8 or 16, values fitting 16 bits) at {@code p} as shorts at {@code dst[dOff + 16 y]}. */
    private static void narrowRows(int[] p, int w, short[] dst, int dOff, int rows) {
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < w; x += 8) {
                ((ShortVector) IntVector.fromArray(I, p, y * w + x).convertShape(VectorOperators.I2S, S8, 0))
                        .intoArray(dst, dOff + y * 16 + x);
            }
        }
    }

    /** Eight rows of 8 bytes at {@code p[o]} (stride s) as unsigned shorts at {@code dst[dOff + 16 y]}. */
    private static void widenRows8(byte[] p, int o, int s, short[] dst, int dOff) {
        for (int y = 0; y < 8; y++) {
            ((ShortVector) ByteVector.fromArray(B64, p, o + y * s).convertShape(VectorOperators.B2S, S8, 0))
                    .and((short) 0xFF)
                    .intoArray(dst, dOff + y * 16);
        }
    }

    /**
     * The two 8x8 chroma residuals of a macroblock side by side as one 16x8 region, transformed
     * as {@link #forward16} does: U ({@code su} minus the prediction {@code pu}) in lanes 0..7, V
     * in lanes 8..15. Block (bx, by) of component c is block (2 c + bx, by) of the region, bit
     * {@code 4 by + 2 c + bx} of the result. The predictions are ints, 8 per row; {@code scratch}
     * holds 128 shorts.
     */
    static long forwardChroma(
            byte[] su, byte[] sv, int so, int ss, int[] pu, int[] pv, short[] coef, short[] scratch, short[] thr) {
        narrowRows(pu, 8, coef, 0, 8);
        narrowRows(pv, 8, coef, 8, 8);
        return chromaRows(su, sv, so, ss, coef, scratch, thr);
    }

    /** As {@link #forwardChroma} with the predictions in bytes ({@code pu[po]}, {@code pv[po]}, stride ps). */
    static long forwardChroma(
            byte[] su,
            byte[] sv,
            int so,
            int ss,
            byte[] pu,
            byte[] pv,
            int po,
            int ps,
            short[] coef,
            short[] scratch,
            short[] thr) {
        widenRows8(pu, po, ps, coef, 0);
        widenRows8(pv, po, ps, coef, 8);
        return chromaRows(su, sv, so, ss, coef, scratch, thr);
    }

    /** The rows and columns of {@link #forwardChroma}, with the prediction already in {@code coef}. */
    private static long chromaRows(byte[] su, byte[] sv, int so, int ss, short[] coef, short[] scratch, short[] thr) {
        widenRows8(su, so, ss, scratch, 0);
        widenRows8(sv, so, ss, scratch, 8);
        for (int y = 0; y < 8; y++) {
            ShortVector v = ShortVector.fromArray(S, scratch, y * 16).sub(ShortVector.fromArray(S, coef, y * 16));
            ShortVector a = v.mul(SIGN16).add(v.rearrange(REVERSE16));
            a.mul(C1_16).add(a.rearrange(SWAP16).mul(C2_16)).intoArray(coef, y * 16);
        }
        return columns16(coef, 8, thr);
    }

    /**
     * {@link InterPred#chroma8}'s bilinear 8x8 chroma prediction from {@code p[base]} (stride s)
     * with weights wa..wd (summing to 64), as bytes at {@code dst[dOff]} (stride ds). The lower
     * row of one output row is the upper row of the next, so each row is loaded once.
     */
    static void chroma8(byte[] p, int base, int s, int wa, int wb, int wc, int wd, byte[] dst, int dOff, int ds) {
        // in 32-bit lanes: arithmetic on 128-bit short vectors here made C2 box the 256-bit short
        // vectors of the other kernels (shared profiles of the API's generic code)
        IntVector a =
                ((IntVector) ByteVector.fromArray(B64, p, base).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
        IntVector b =
                ((IntVector) ByteVector.fromArray(B64, p, base + 1).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
        for (int j = 0; j < 8; j++) {
            int r = base + (j + 1) * s;
            IntVector c =
                    ((IntVector) ByteVector.fromArray(B64, p, r).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
            IntVector d =
                    ((IntVector) ByteVector.fromArray(B64, p, r + 1).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
            IntVector v = a.mul(wa)
                    .add(b.mul(wb))
                    .add(c.mul(wc))
                    .add(d.mul(wd))
                    .add(32)
                    .lanewise(VectorOperators.LSHR, 6);
            ((ByteVector) v.convertShape(VectorOperators.I2B, B64, 0)).intoArray(dst, dOff + j * ds);
            a = c;
            b = d;
        }
    }

    /**
     * Quantises the first {@code rows} rows (16 coefficients each) of a coefficient region in the
     * {@link #forward16} layout as {@link Transform#quant4x4} does, level by level: {@code (|c| MF +
     * f) >> qbits}, at most {@link CavlcWriter#MAX_LEVEL}, with the sign of c. {@code mf} ({@link
     * TransformLanes#mf8}) holds per block row the multipliers of eight lanes; the levels go to
     * {@code out} in the same layout. A product stays below 2^31: |c| <= 36 * 255.
     */
    static void quant(short[] coef, int rows, int[] mf, int f, int qbits, int[] out) {
        for (int y = 0; y < rows; y++) {
            IntVector m = IntVector.fromArray(I, mf, (y & 3) * 8);
            for (int x = 0; x < 16; x += 8) {
                IntVector c =
                        (IntVector) ShortVector.fromArray(S8, coef, y * 16 + x).convertShape(VectorOperators.S2I, I, 0);
                IntVector sign = c.lanewise(VectorOperators.ASHR, 31);
                IntVector l = c.abs()
                        .mul(m)
                        .add(f)
                        .lanewise(VectorOperators.ASHR, qbits)
                        .min(CavlcWriter.MAX_LEVEL);
                l.lanewise(VectorOperators.XOR, sign).sub(sign).intoArray(out, y * 16 + x);
            }
        }
    }

    /**
     * Dequantises the first {@code rows} rows of a level region in the {@link #forward16} layout as
     * {@link Transform#dequant4x4} does: {@code (level V) << shift}, with {@code v}
     * ({@link TransformLanes#v8}) holding per block row the scales of eight lanes.
     */
    static void dequant(int[] lv, int rows, int[] v, int shift, int[] out) {
        for (int y = 0; y < rows; y++) {
            IntVector m = IntVector.fromArray(I, v, (y & 3) * 8);
            for (int x = 0; x < 16; x += 8) {
                IntVector.fromArray(I, lv, y * 16 + x)
                        .mul(m)
                        .lanewise(VectorOperators.LSHL, shift)
                        .intoArray(out, y * 16 + x);
            }
        }
    }

    // the inverse row transform on lanes (d0, d2, d1, d3) of each block row: e = (d0 + d2, d0 - d2,
    // (d1 >> 1) - d3, d1 + (d3 >> 1)) from the lanes (those of the odd columns halved) and their
    // pair swap, then (e0 + e3, e1 + e2, e1 - e2, e0 - e3) from e and its reverse, in column order
    private static final IntVector HALVE = IntVector.fromArray(I, new int[] {0, 0, 1, 1, 0, 0, 1, 1}, 0);
    private static final IntVector E_OWN = IntVector.fromArray(I, new int[] {1, -1, 1, 1, 1, -1, 1, 1}, 0);
    private static final IntVector E_SWAP = IntVector.fromArray(I, new int[] {1, 1, -1, 1, 1, 1, -1, 1}, 0);
    private static final IntVector F_OWN = IntVector.fromArray(I, new int[] {1, 1, -1, -1, 1, 1, -1, -1}, 0);
    private static final VectorShuffle<Integer> SWAP8 = VectorShuffle.fromValues(I, 1, 0, 3, 2, 5, 4, 7, 6);
    private static final VectorShuffle<Integer> REVERSE8 = VectorShuffle.fromValues(I, 3, 2, 1, 0, 7, 6, 5, 4);

    /**
     * Inverse transforms the first {@code rows} rows of a dequantised region in the {@link
     * #forward16} layout as {@link Transform#inverse4x4} does and adds the residual, clipped, to
     * the prediction in place: lanes 0..7 of each row to the 8 bytes at {@code d0[o0 + y ds]},
     * lanes 8..15 to {@code d1[o1 + y ds]} (the right half of a luma macroblock, or the other
     * chroma component). {@code tmp} holds 256 ints.
     */
    static void inverseAdd(int[] deq, int rows, byte[] d0, int o0, byte[] d1, int o1, int ds, int[] tmp) {
        for (int k = 0; k < rows * 16; k += 8) {
            IntVector d = IntVector.fromArray(I, deq, k);
            IntVector e = d.lanewise(VectorOperators.ASHR, HALVE)
                    .mul(E_OWN)
                    .add(d.rearrange(SWAP8).mul(E_SWAP));
            e.mul(F_OWN).add(e.rearrange(REVERSE8)).intoArray(tmp, k);
        }
        for (int y = 0; y < rows; y += 4) {
            for (int x = 0; x < 16; x += 8) {
                int k = y * 16 + x;
                IntVector r0 = IntVector.fromArray(I, tmp, k);
                IntVector r1 = IntVector.fromArray(I, tmp, k + 16);
                IntVector r2 = IntVector.fromArray(I, tmp, k + 32);
                IntVector r3 = IntVector.fromArray(I, tmp, k + 48);
                IntVector e0 = r0.add(r2);
                IntVector e1 = r0.sub(r2);
                IntVector e2 = r1.lanewise(VectorOperators.ASHR, 1).sub(r3);
                IntVector e3 = r1.add(r3.lanewise(VectorOperators.ASHR, 1));
                e0.add(e3).intoArray(tmp, k);
                e1.add(e2).intoArray(tmp, k + 16);
                e1.sub(e2).intoArray(tmp, k + 32);
                e0.sub(e3).intoArray(tmp, k + 48);
            }
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < 16; x += 8) {
                byte[] d = x == 0 ? d0 : d1;
                int o = (x == 0 ? o0 : o1) + y * ds;
                IntVector p =
                        ((IntVector) ByteVector.fromArray(B64, d, o).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
                ((ByteVector) IntVector.fromArray(I, tmp, y * 16 + x)
                                .add(32)
                                .lanewise(VectorOperators.ASHR, 6)
                                .add(p)
                                .max(0)
                                .min(255)
                                .convertShape(VectorOperators.I2B, B64, 0))
                        .intoArray(d, o);
            }
        }
    }

    /** The 16x16 int samples {@code pred} (row length 16, values 0..255) as bytes at {@code dst[dOff]} (stride ds). */
    static void narrow16(int[] pred, byte[] dst, int dOff, int ds) {
        for (int y = 0; y < 16; y++) {
            ((ByteVector) IntVector.fromArray(I, pred, y * 16).convertShape(VectorOperators.I2B, B64, 0))
                    .intoArray(dst, dOff + y * ds);
            ((ByteVector) IntVector.fromArray(I, pred, y * 16 + 8).convertShape(VectorOperators.I2B, B64, 0))
                    .intoArray(dst, dOff + y * ds + 8);
        }
    }

    /** The 8x8 int samples {@code pred} (row length 8, values 0..255) as bytes at {@code dst[dOff]} (stride ds). */
    static void narrow8(int[] pred, byte[] dst, int dOff, int ds) {
        for (int y = 0; y < 8; y++) {
            ((ByteVector) IntVector.fromArray(I, pred, y * 8).convertShape(VectorOperators.I2B, B64, 0))
                    .intoArray(dst, dOff + y * ds);
        }
    }

    private static final VectorShuffle<Short> PAIRS16 =
            VectorShuffle.fromValues(S, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    private static final ShortVector ALTERNATE16 = ShortVector.fromArray(S, repeat4(1, -1, 1, -1), 0);

    /**
     * {@link Intra16Satd#source}: the 4x4 Hadamard transforms of a 16x16 source block, four blocks
     * per vector, in its layout; the per-block sums of absolute coefficients go through {@code
     * coef[256..320)}.
     */
    static void hadamard16(byte[] src, int so, int ss, short[] coef, int[] abs) {
        for (int y = 0; y < 16; y++) {
            ShortVector v = widen(src, so + y * ss);
            ShortVector a = v.mul(ALTERNATE16).add(v.rearrange(SWAP16)); // d0 + d1, d0 - d1, d2 + d3, d2 - d3
            a.mul(SIGN16).add(a.rearrange(PAIRS16)).intoArray(coef, y * 16); // a0 + a2, a1 + a3, a0 - a2, a1 - a3
        }
        for (int by = 0; by < 4; by++) {
            int o = by * 64;
            ShortVector x0 = ShortVector.fromArray(S, coef, o);
            ShortVector x1 = ShortVector.fromArray(S, coef, o + 16);
            ShortVector x2 = ShortVector.fromArray(S, coef, o + 32);
            ShortVector x3 = ShortVector.fromArray(S, coef, o + 48);
            ShortVector s01 = x0.add(x1);
            ShortVector s23 = x2.add(x3);
            ShortVector d01 = x0.sub(x1);
            ShortVector d23 = x2.sub(x3);
            ShortVector v0 = s01.add(s23);
            ShortVector v1 = s01.sub(s23);
            ShortVector v2 = d01.add(d23);
            ShortVector v3 = d01.sub(d23);
            v0.intoArray(coef, o);
            v1.intoArray(coef, o + 16);
            v2.intoArray(coef, o + 32);
            v3.intoArray(coef, o + 48);
            // per lane at most 4 * 4080: the sums of four lanes are taken in ints below
            v0.abs().add(v1.abs()).add(v2.abs()).add(v3.abs()).intoArray(coef, 256 + by * 16);
        }
        for (int b = 0; b < 16; b++) {
            int o = 256 + (b >> 2) * 16 + (b & 3) * 4;
            abs[b] = coef[o] + coef[o + 1] + coef[o + 2] + coef[o + 3];
        }
    }

    /**
     * {@link Cost#satd16(byte[], int, int, int[], int)}: the 4x4 SATDs of {@code src - pred} over a
     * 16x16 block ({@code pred} ints, row length 16), stopping after a row of blocks once the sum
     * reaches {@code limit}, as there. {@code res} holds 272 shorts of scratch.
     */
    static int satd16(byte[] src, int so, int ss, int[] pred, int limit, short[] res) {
        narrowRows(pred, 16, res, 0, 16);
        for (int y = 0; y < 16; y++) {
            ShortVector v = widen(src, so + y * ss).sub(ShortVector.fromArray(S, res, y * 16));
            ShortVector a = v.mul(ALTERNATE16).add(v.rearrange(SWAP16)); // the row Hadamard, as hadamard16
            a.mul(SIGN16).add(a.rearrange(PAIRS16)).intoArray(res, y * 16);
        }
        return satdRows(res, 16, limit);
    }

    /**
     * The sum of {@link Cost#satd(byte[], int, int, int[], int, int, int, int, int[])} over the
     * two 8x8 chroma blocks ({@code su - pu} and {@code sv - pv}; predictions ints, row length 8),
     * side by side as in {@link #forwardChroma}. {@code res} holds 272 shorts of scratch.
     */
    static int satdChroma(byte[] su, byte[] sv, int so, int ss, int[] pu, int[] pv, short[] res) {
        narrowRows(pu, 8, res, 0, 8);
        narrowRows(pv, 8, res, 8, 8);
        widenRows8(su, so, ss, res, 128);
        widenRows8(sv, so, ss, res, 136);
        for (int y = 0; y < 8; y++) {
            ShortVector v = ShortVector.fromArray(S, res, 128 + y * 16).sub(ShortVector.fromArray(S, res, y * 16));
            ShortVector a = v.mul(ALTERNATE16).add(v.rearrange(SWAP16));
            a.mul(SIGN16).add(a.rearrange(PAIRS16)).intoArray(res, y * 16);
        }
        return satdRows(res, 8, Integer.MAX_VALUE);
    }

    /**
     * The 4x4 SATDs of the row-transformed residual rows {@code res[0 .. 16 h)} (16 per row, four
     * blocks): the column transform, then per block the sum of the absolute Hadamard coefficients
     * halved, summed, with the early stop of {@link Cost#satdBlocks}. Uses {@code res[256..272)}.
     */
    private static int satdRows(short[] res, int h, int limit) {
        int sum = 0;
        for (int y = 0; y < h; y += 4) {
            if (sum >= limit) {
                return sum;
            }
            int o = y * 16;
            ShortVector x0 = ShortVector.fromArray(S, res, o);
            ShortVector x1 = ShortVector.fromArray(S, res, o + 16);
            ShortVector x2 = ShortVector.fromArray(S, res, o + 32);
            ShortVector x3 = ShortVector.fromArray(S, res, o + 48);
            // columns (any butterfly order: only magnitudes are summed)
            ShortVector s01 = x0.add(x1);
            ShortVector s23 = x2.add(x3);
            ShortVector d01 = x0.sub(x1);
            ShortVector d23 = x2.sub(x3);
            // per lane at most 4 * 4080 for a residual of 8-bit samples: no overflow
            s01.add(s23)
                    .abs()
                    .add(s01.sub(s23).abs())
                    .add(d01.add(d23).abs())
                    .add(d01.sub(d23).abs())
                    .intoArray(res, 256);
            for (int b = 0; b < 16; b += 4) {
                sum += (res[256 + b] + res[257 + b] + res[258 + b] + res[259 + b]) >> 1;
            }
        }
        return sum;
    }

    private static final IntVector IOTA = IntVector.fromArray(I, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0);

    /**
     * {@link IntraPred#predBlock}'s plane prediction of a size x size block (8 or 16), from its
     * parameters: sample (i, j) is {@code clip((a + b (i - off) + c (j - off) + 16) >> 5)}.
     */
    static void plane(int a, int b, int c, int off, int size, int[] out) {
        IntVector ramp = IOTA.mul(b);
        for (int j = 0; j < size; j++) {
            int row = a + c * (j - off) - b * off + 16;
            for (int x = 0; x < size; x += 8) {
                ramp.add(row + b * x)
                        .lanewise(VectorOperators.ASHR, 5)
                        .max(0)
                        .min(255)
                        .intoArray(out, j * size + x);
            }
        }
    }

    /** The column pass of {@link #forward16} over the row-transformed {@code coef}, in place. */
    private static long columns16(short[] coef, int h, short[] thr) {
        ShortVector t0 = ShortVector.fromArray(S, thr, 0);
        ShortVector t1 = ShortVector.fromArray(S, thr, 16);
        ShortVector t2 = ShortVector.fromArray(S, thr, 32);
        ShortVector t3 = ShortVector.fromArray(S, thr, 48);
        long kept = 0;
        for (int y = 0; y < h; y += 4) {
            int o = y * 16;
            ShortVector r0 = ShortVector.fromArray(S, coef, o);
            ShortVector r1 = ShortVector.fromArray(S, coef, o + 16);
            ShortVector r2 = ShortVector.fromArray(S, coef, o + 32);
            ShortVector r3 = ShortVector.fromArray(S, coef, o + 48);
            ShortVector s03 = r0.add(r3);
            ShortVector d03 = r0.sub(r3);
            ShortVector s12 = r1.add(r2);
            ShortVector d12 = r1.sub(r2);
            ShortVector c0 = s03.add(s12);
            ShortVector c1 = d03.add(d03).add(d12);
            ShortVector c2 = s03.sub(s12);
            ShortVector c3 = d03.sub(d12.add(d12));
            c0.intoArray(coef, o);
            c1.intoArray(coef, o + 16);
            c2.intoArray(coef, o + 32);
            c3.intoArray(coef, o + 48);
            ShortVector over = c0.abs()
                    .sub(t0)
                    .max(c1.abs().sub(t1))
                    .max(c2.abs().sub(t2))
                    .max(c3.abs().sub(t3));
            VectorMask<Short> k = over.compare(VectorOperators.GE, (short) 0);
            if (k.anyTrue()) {
                for (int b = 0; b < 4; b++) {
                    if (k.and(BLOCK16[b]).anyTrue()) {
                        kept |= 1L << (y + b);
                    }
                }
            }
        }
        return kept;
    }
}
