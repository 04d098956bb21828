package dev.liveloom.mixer.aac.internal;

import static org.junit.jupiter.api.Assertions.*;

import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TnsTest {
    private static final int RATE = 44100;

    /** The one-pass autocorrelation gives exactly the sums of a plain loop per lag, short ranges too. */
    @Test
    void autocorrelationEqualsOneLoopPerLag() {
        java.util.Random r = new java.util.Random(3);
        float[] x = new float[1024];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 1000);
        }
        double[] got = new double[Tns.MAX_ORDER + 1];
        for (int[] range : new int[][] {{56, 1000}, {100, 105}, {0, 1024}, {7, 20}}) {
            Tns.autocorrelation(x, range[0], range[1], got);
            for (int lag = 0; lag <= Tns.MAX_ORDER; lag++) {
                double s = 0;
                for (int k = range[0] + lag; k < range[1]; k++) {
                    s += (double) x[k] * x[k - lag];
                }
                assertEquals(s, got[lag], 0.0, "lag " + lag + " over " + range[0] + ".." + range[1]);
            }
        }
    }

    @Test
    void coefficientQuantisationMatchesTheStandardTable() {
        // 4-bit coefficients without compression: sin(i pi / 15), negative side sin(i pi / 17) (ffmpeg
        // stores these negated in tns_tmp2_map_0_4 and negates again when building the filter)
        assertEquals(0.20791168, Tns.dequantize(1), 1e-7);
        assertEquals(0.99452190, Tns.dequantize(7), 1e-7);
        assertEquals(-0.99573418, Tns.dequantize(-8), 1e-7);
        assertEquals(-0.18374952, Tns.dequantize(-1), 1e-7);
        for (int i = -8; i <= 7; i++) {
            assertEquals(i, Tns.quantize(Tns.dequantize(i)));
        }
    }

    /** An impulse inside a long block: TNS switches on and the decoder's filter restores the spectrum. */
    @Test
    void transientTriggersTnsAndDecoderFilterInvertsIt() {
        ChannelCoder ch = new ChannelCoder();
        IcsData ics = ch.ics;
        ics.windowSequence = IcsData.ONLY_LONG;
        ics.swbOffsets = SwbTables.longOffsets(RATE);
        ics.maxSfb = 49;
        float[] block = new float[2048];
        block[1500] = 20000;
        block[1501] = -12000;
        float[] w = new float[2048];
        Windows.longSequence(IcsData.ONLY_LONG, 0, 0, w);
        for (int i = 0; i < 2048; i++) {
            block[i] *= w[i];
        }
        new Mdct(1024).forward(block, 0, ch.spec, 0);
        float[] original = ch.spec.clone();
        new Tns(RATE, ics.swbOffsets).apply(ch);
        assertTrue(ics.tnsOrder > 0, "TNS off for an impulse");
        assertEquals(49 - 12, ics.tnsLength); // from the first band from 1.2 kHz (band 12) to the top

        // decoder side (ISO/IEC 14496-3 4.6.9.3): all-pole filter upward over the same range
        float[] lpc = new float[Tns.MAX_ORDER];
        Tns.toLpc(ics.tnsCoef, ics.tnsOrder, lpc);
        float[] y = ch.spec.clone();
        int start = ics.swbOffsets[12];
        int end = ics.swbOffsets[Math.min(42, ics.maxSfb)];
        for (int m = 0; m < end - start; m++) {
            for (int i = 1; i <= Math.min(m, ics.tnsOrder); i++) {
                y[start + m] -= y[start + m - i] * lpc[i - 1];
            }
        }
        double residual = 0;
        double energy = 0;
        for (int k = start; k < end; k++) {
            assertEquals(original[k], y[k], 1e-2 * Math.abs(original[k]) + 1e-2, "line " + k);
            residual += ch.spec[k] * ch.spec[k];
            energy += original[k] * original[k];
        }
        assertTrue(energy / residual > Tns.MIN_GAIN, "prediction gain " + energy / residual);
    }

    /**
     * A 100 Hz pulse train (voice-like): TNS is used and ffmpeg decodes it to within 1 dB of the SNR
     * without TNS (TNS shapes noise in time rather than lowering it). JAAD inside jcodec 0.2.5 decodes
     * these streams but does not undo TNS, so only ffmpeg can judge them.
     */
    @Test
    @Tag("interop")
    void pulseTrainUsesTnsAndDecodesInFfmpeg() throws Exception {
        short[] pcm = new short[RATE];
        for (int i = 0; i < pcm.length; i += RATE / 100) {
            pcm[i] = 20000;
            if (i + 1 < pcm.length) {
                pcm[i + 1] = -8000;
            }
        }
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(RATE)
                .channels(1)
                .bitrateKbps(64)
                .build();
        List<byte[]> with = encode(new AacLcEncoder(cfg, true), pcm);
        List<byte[]> without = encode(new AacLcEncoder(cfg, false), pcm);
        int differing = 0;
        for (int i = 0; i < with.size(); i++) {
            if (!java.util.Arrays.equals(with.get(i), without.get(i))) {
                differing++;
            }
        }
        assertTrue(differing > with.size() / 2, differing + " of " + with.size() + " frames use TNS");
        double snrWith = snr(pcm, ffmpegDecode(with));
        double snrWithout = snr(pcm, ffmpegDecode(without));
        assertTrue(snrWith > snrWithout - 1, "SNR with TNS " + snrWith + " dB, without " + snrWithout);
    }

    private static List<byte[]> encode(AacLcEncoder enc, short[] pcm) {
        enc.encode(pcm, 0, pcm.length);
        enc.flush();
        List<byte[]> out = new ArrayList<>();
        for (EncodedAudioFrame f; (f = enc.poll()) != null; ) {
            out.add(f.data());
        }
        return out;
    }

    private static short[] ffmpegDecode(List<byte[]> frames) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] h = new byte[7];
        for (byte[] f : frames) {
            AacConfigs.writeAdtsHeader(h, 0, RATE, 1, f.length);
            bos.writeBytes(h);
            bos.writeBytes(f);
        }
        Path in = Files.createTempFile("tns", ".aac");
        try {
            Files.write(in, bos.toByteArray());
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-xerror", "-i", in.toString(), "-f", "s16le", "-")
                    .start();
            byte[] b = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes());
            assertEquals(0, p.waitFor(), err);
            assertEquals("", err);
            short[] s = new short[b.length / 2];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        } finally {
            Files.delete(in);
        }
    }

    /** SNR over the second half, decoded output shifted by the 1024-sample priming frame. */
    private static double snr(short[] ref, short[] dec) {
        double s = 0;
        double n = 0;
        for (int i = ref.length / 2; i < ref.length; i++) {
            double d = ref[i] - dec[i + 1024];
            s += (double) ref[i] * ref[i];
            n += d * d;
        }
        return 10 * Math.log10(s / n);
    }
}
