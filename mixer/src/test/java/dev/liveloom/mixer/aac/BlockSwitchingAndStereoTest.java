package dev.liveloom.mixer.aac;

import static dev.liveloom.mixer.aac.AacTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.liveloom.mixer.AudioEncoder;
import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockSwitchingAndStereoTest {
    private static final int RATE = 44100;
    static final int ONSET = 20000;

    /** A quiet tone, then at ONSET a loud decaying noise burst (a castanet-like attack). */
    static short[] attackSignal(int channels) {
        Random r = new Random(9);
        int n = RATE;
        short[] pcm = new short[n * channels];
        for (int i = 0; i < n; i++) {
            double v = 0.003 * Math.sin(2 * Math.PI * 440 * i / RATE);
            if (i >= ONSET) {
                v += 0.5 * Math.exp(-(i - ONSET) / 2000.0) * r.nextGaussian();
            }
            for (int c = 0; c < channels; c++) {
                pcm[i * channels + c] = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
            }
        }
        return pcm;
    }

    /** window_sequence of a mono frame: after id (3), tag (4), global_gain (8), reserved bit (1). */
    private static int monoWindowSequence(byte[] frame) {
        return bits(frame, 16, 2);
    }

    /** {@code n} bits of {@code d} starting at bit {@code pos}, MSB first. */
    private static int bits(byte[] d, int pos, int n) {
        int v = 0;
        for (int i = pos; i < pos + n; i++) {
            v = (v << 1) | ((d[i >>> 3] >>> (7 - (i & 7))) & 1);
        }
        return v;
    }

    @Test
    void attackSwitchesToShortWindowsInLegalOrderAndLimitsPreEcho() throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(RATE)
                .channels(1)
                .bitrateKbps(64)
                .build();
        short[] pcm = attackSignal(1);
        List<EncodedAudioFrame> frames = encode(cfg, pcm, 1024);
        int prev = 0;
        int shortFrames = 0;
        StringBuilder seq = new StringBuilder();
        for (EncodedAudioFrame f : frames) {
            int s = monoWindowSequence(f.data());
            seq.append(s);
            if (s == 2) {
                shortFrames++;
                assertTrue(prev == 1 || prev == 2, "EIGHT_SHORT after " + prev + " in " + seq);
            }
            if (s == 1) {
                assertNotEquals(1, prev, seq.toString());
            }
            if (prev == 1) {
                assertEquals(2, s, "LONG_START must be followed by EIGHT_SHORT: " + seq);
            }
            prev = s;
        }
        assertTrue(shortFrames >= 1, "no short blocks: " + seq);
        // frame k's short windows span input [(k - 1) * 1024 + 448, (k - 1) * 1024 + 1600): the frame
        // whose span holds the onset past its first window must be short
        assertEquals('2', seq.charAt((ONSET - 576) / 1024 + 1), seq.toString());

        short[] dec = decodeJaad(AudioEncoder.aacLc(cfg).audioSpecificConfig(), frames);
        double[] burst = channel(dec, 1, 0, ONSET, 1024);
        double[] before = channel(dec, 1, 0, ONSET - 600, 512);
        double[] beforeIn = channel(pcm, 1, 0, ONSET - 600, 512);
        // the quiet tone alone is ~ -53 dBFS; pre-echo would raise it towards the burst level
        assertTrue(db(rms(before) / rms(burst)) < -30, "pre-echo " + db(rms(before) / rms(burst)) + " dB");
        assertEquals(0, db(rms(before) / rms(beforeIn)), 6, "tone before the onset");
    }

    @Test
    void identicalChannelsUseMidSideAndDecodeEqual() throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(RATE)
                .channels(2)
                .bitrateKbps(96)
                .build();
        short[] pcm = musicLike(RATE, 1, 2.0, 4);
        short[] stereo = new short[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            stereo[2 * i] = pcm[i];
            stereo[2 * i + 1] = pcm[i];
        }
        List<EncodedAudioFrame> frames = encode(cfg, stereo, 2048);
        int msFrames = 0;
        for (EncodedAudioFrame f : frames) {
            byte[] d = f.data();
            assertEquals(1, bits(d, 7, 1), "common_window"); // after id (3) and tag (4)
            int sequence = bits(d, 9, 2); // after the reserved bit
            // ics_info is 11 bits for long windows, 15 for short, then ms_mask_present
            int msPresent = bits(d, sequence == 2 ? 8 + 15 : 8 + 11, 2);
            if (msPresent == 1) {
                msFrames++;
            }
        }
        assertTrue(msFrames > frames.size() * 0.9, msFrames + " of " + frames.size() + " frames use M/S");
        short[] dec = decodeJaad(AudioEncoder.aacLc(cfg).audioSpecificConfig(), frames);
        double[] l = channel(dec, 2, 0, 10000, 40000);
        double[] r = channel(dec, 2, 1, 10000, 40000);
        double diff = 0;
        for (int i = 0; i < l.length; i++) {
            diff += (l[i] - r[i]) * (l[i] - r[i]);
        }
        assertTrue(db(Math.sqrt(diff / l.length) / rms(l)) < -40, "L-R residue");
    }
}
