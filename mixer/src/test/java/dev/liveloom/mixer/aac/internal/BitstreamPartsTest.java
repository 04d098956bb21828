package dev.liveloom.mixer.aac.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitstreamPartsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void bitWriterPacksMsbFirstAndAligns() {
        BitWriter w = new BitWriter(1);
        w.write(0b101, 3);
        w.write(0x1FF, 9);
        w.write(0xDEADBEEF, 32);
        w.byteAlign();
        assertEquals(48, w.bitPosition());
        assertEquals("bffdeadbeef0", HEX.formatHex(w.toByteArray()));
        w.reset();
        w.write(1, 1);
        assertEquals("80", HEX.formatHex(w.toByteArray()));
    }

    /** Random field widths 0..32 across many words, aligned or not, against a bit-at-a-time model. */
    @Test
    void bitWriterMatchesABitAtATimeModel() {
        Random r = new Random(7);
        BitWriter w = new BitWriter(1);
        for (int round = 0; round < 20; round++) {
            w.reset();
            java.io.ByteArrayOutputStream model = new java.io.ByteArrayOutputStream();
            int cur = 0;
            int bits = 0;
            int fields = r.nextInt(400);
            for (int f = 0; f <= fields; f++) {
                int n = f == fields ? -1 : r.nextInt(33);
                if (n < 0) {
                    w.byteAlign();
                    n = (8 - bits) % 8;
                    for (int i = 0; i < n; i++) {
                        cur <<= 1;
                        bits++;
                    }
                } else {
                    int v = r.nextInt();
                    w.write(v, n);
                    for (int i = n - 1; i >= 0; i--) {
                        cur = (cur << 1) | ((v >>> i) & 1);
                        bits++;
                        if (bits == 8) {
                            model.write(cur);
                            cur = 0;
                            bits = 0;
                        }
                    }
                }
                assertEquals(model.size() * 8 + bits, w.bitPosition());
            }
            if (bits > 0) {
                model.write(cur << (8 - bits));
            }
            assertArrayEquals(model.toByteArray(), w.toByteArray());
            assertEquals(model.size(), w.byteLength());
        }
    }

    @Test
    void audioSpecificConfigBytesAndRoundTrip() throws Exception {
        assertEquals("1210", HEX.formatHex(AacConfigs.writeAsc(44100, 2)));
        assertEquals("1188", HEX.formatHex(AacConfigs.writeAsc(48000, 1)));
        assertEquals("1588", HEX.formatHex(AacConfigs.writeAsc(8000, 1)));
        for (int rate : new int[] {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000}) {
            for (int ch = 1; ch <= 2; ch++) {
                assertArrayEquals(new int[] {2, rate, ch}, AacConfigs.readAsc(AacConfigs.writeAsc(rate, ch)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> AacConfigs.writeAsc(44000, 2));
    }

    @Test
    void adtsHeaderBytesAndRoundTrip() throws Exception {
        byte[] h = new byte[7];
        AacConfigs.writeAdtsHeader(h, 0, 44100, 2, 371);
        assertEquals("fff150802f5ffc", HEX.formatHex(h));
        assertArrayEquals(new int[] {2, 44100, 2, 378}, AacConfigs.readAdtsHeader(h, 0));
        AacConfigs.writeAdtsHeader(h, 0, 8000, 1, 8184);
        assertArrayEquals(new int[] {2, 8000, 1, 8191}, AacConfigs.readAdtsHeader(h, 0));
        assertThrows(IllegalArgumentException.class, () -> AacConfigs.writeAdtsHeader(h, 0, 8000, 1, 8185));
    }

    /** Every codebook is a complete prefix code: Kraft sum exactly 1 and no codeword a prefix of another. */
    @Test
    void huffmanCodebooksArePrefixFreeAndComplete() {
        for (int cb = 1; cb <= 11; cb++) {
            checkPrefixCode("codebook " + cb, HuffmanTables.CODES[cb], HuffmanTables.BITS[cb]);
        }
        checkPrefixCode("scalefactor", HuffmanTables.SF_CODES, HuffmanTables.SF_BITS);
        assertEquals(1, HuffmanTables.SF_BITS[60]); // difference 0 is the one-bit codeword "0"
        assertEquals(0, HuffmanTables.SF_CODES[60]);
    }

    private static void checkPrefixCode(String name, int[] codes, int[] bits) {
        double kraft = 0;
        for (int i = 0; i < codes.length; i++) {
            kraft += Math.pow(2, -bits[i]);
            assertTrue(codes[i] >>> bits[i] == 0, name + " code " + i + " wider than its length");
            for (int j = 0; j < codes.length; j++) {
                if (i != j && bits[j] >= bits[i]) {
                    assertNotEquals(codes[i], codes[j] >>> (bits[j] - bits[i]), name + ": " + i + " prefixes " + j);
                }
            }
        }
        assertEquals(1.0, kraft, 1e-12, name + " Kraft sum");
    }

    /** The bit counter and the writer agree for every codebook, including escapes of codebook 11. */
    @Test
    void spectralBitCountMatchesWrittenBits() {
        Random r = new Random(5);
        int[] q = new int[64];
        for (int cb = 1; cb <= 11; cb++) {
            int lav = SpectralCoder.LAV[cb];
            boolean unsigned = cb >= 3 && cb != 5 && cb != 6;
            for (int trial = 0; trial < 50; trial++) {
                for (int i = 0; i < q.length; i++) {
                    int mag = cb == 11 && r.nextInt(8) == 0 ? 16 + r.nextInt(8176) : r.nextInt(Math.min(lav, 15) + 1);
                    q[i] = unsigned || cb >= 5
                            ? (r.nextBoolean() ? mag : -mag)
                            : mag * (r.nextInt(3) - 1) / Math.max(1, mag);
                    if (!unsigned && Math.abs(q[i]) > lav) {
                        q[i] = Integer.signum(q[i]) * lav;
                    }
                }
                BitWriter w = new BitWriter(8);
                SpectralCoder.write(w, q, 0, q.length, cb);
                assertEquals(SpectralCoder.countBits(q, 0, q.length, cb), w.bitPosition(), "codebook " + cb);
            }
        }
    }

    /**
     * The one-pass counters (a codebook pair at once, codebook 11 with escapes) equal the plain counter
     * and so the writer, on random spectra of every magnitude range the quantiser produces.
     */
    @Test
    void pairAndEscapeCountersMatchThePlainCounter() {
        Random r = new Random(11);
        int[] q = new int[96];
        for (int trial = 0; trial < 2000; trial++) {
            int maxAbs = trial % 7 == 0 ? 1 + r.nextInt(8191) : 1 + r.nextInt(16);
            for (int i = 0; i < q.length; i++) {
                int mag = r.nextInt(4) == 0 ? 0 : r.nextInt(maxAbs + 1);
                q[i] = r.nextBoolean() ? mag : -mag;
            }
            int off = 4 * r.nextInt(8);
            int len = 4 * (1 + r.nextInt((q.length - off) / 4));
            int actualMax = 0;
            for (int i = off; i < off + len; i++) {
                actualMax = Math.max(actualMax, Math.abs(q[i]));
            }
            int first = SpectralCoder.firstCodebookFor(actualMax);
            for (int cb = Math.max(1, first); cb <= 11; cb++) {
                int plain = SpectralCoder.countBits(q, off, len, cb);
                if (cb == 11) {
                    assertEquals(plain, SpectralCoder.countBits11(q, off, len), "codebook 11");
                } else if (cb % 2 == 1) {
                    int pair = SpectralCoder.countBitsPair(q, off, len, cb);
                    assertEquals(plain, pair >>> 16, "codebook " + cb);
                    assertEquals(SpectralCoder.countBits(q, off, len, cb + 1), pair & 0xFFFF, "codebook " + (cb + 1));
                }
            }
        }
    }

    @Test
    void escapeSequenceLengths() {
        assertEquals(0, SpectralCoder.escBits(15));
        assertEquals(5, SpectralCoder.escBits(16)); // "0" + 4 bits
        assertEquals(7, SpectralCoder.escBits(32)); // "10" + 5 bits
        assertEquals(21, SpectralCoder.escBits(8191)); // 8 ones, "0", 12 bits
    }

    @Test
    void mdctMatchesTheDefinition() {
        for (int n : new int[] {1024, 128}) {
            Random r = new Random(n);
            float[] x = new float[2 * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            float[] out = new float[n];
            new Mdct(n).forward(x, 0, out, 0);
            double n0 = (n + 1) / 2.0;
            for (int k = 0; k < n; k += 7) {
                double s = 0;
                for (int i = 0; i < 2 * n; i++) {
                    s += x[i] * Math.cos(Math.PI / n * (i + n0) * (k + 0.5));
                }
                assertEquals(2 * s, out[k], 1e-3, "n=" + n + " k=" + k);
            }
        }
    }

    /** Princen-Bradley: w[n]^2 + w[n + N/2]^2 = 1 for sine and KBD, long and short. */
    @Test
    void windowsSatisfyPerfectReconstruction() {
        for (int shape = 0; shape < 2; shape++) {
            float[] s = Windows.shortRise(shape);
            for (int i = 0; i < 128; i++) {
                assertEquals(1.0, s[i] * s[i] + s[127 - i] * s[127 - i], 1e-5);
            }
            float[] w = new float[2048];
            Windows.longSequence(IcsData.ONLY_LONG, shape, shape, w);
            for (int i = 0; i < 1024; i++) {
                assertEquals(1.0, w[i] * w[i] + w[1024 + i] * w[1024 + i], 1e-5);
            }
        }
        float[] start = new float[2048];
        Windows.longSequence(IcsData.LONG_START, 0, 0, start);
        assertEquals(1f, start[1471]);
        assertEquals(0f, start[1600]);
    }

    @Test
    void groupingBitsAndInterleavedBandPositions() {
        IcsData ics = new IcsData();
        ics.windowSequence = IcsData.EIGHT_SHORT;
        ics.swbOffsets = SwbTables.shortOffsets(44100);
        ics.numGroups = 3;
        ics.groupLength[0] = 3;
        ics.groupLength[1] = 1;
        ics.groupLength[2] = 4;
        // windows 0-2 together, 3 alone, 4-7 together: bits for windows 1..7 = 1 1 0 0 1 1 1
        assertEquals(0b1100111, ics.groupingBits());
        assertEquals(3 * 128 + 4, ics.bandStart(1, 1));
        assertEquals(4 * 128 + 16 * 4, ics.bandStart(2, 4));
        assertEquals(8 * 4, ics.bandWidth(2, 5));
    }
}
