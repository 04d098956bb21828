package dev.liveloom.mixer.aac;

import static dev.liveloom.mixer.aac.AacTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.mixer.AudioEncoder;
import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile inputs and extreme settings: the encoder never throws, frames stay legal, JAAD decodes them. */
class AacLcEncoderStressTest {

    /** Full-scale square waves, clicks, DC steps, clipping noise and silence, cut at random places. */
    static short[] hostile(int rate, int channels, long seed) {
        Random r = new Random(seed);
        int n = rate * 2;
        short[] pcm = new short[n * channels];
        int i = 0;
        while (i < n) {
            int len = Math.min(n - i, 50 + r.nextInt(rate / 4));
            int kind = r.nextInt(6);
            double hz = 20 + r.nextInt(rate / 2 - 40);
            for (int k = 0; k < len; k++, i++) {
                for (int c = 0; c < channels; c++) {
                    short v =
                            switch (kind) {
                                case 0 -> Math.sin(2 * Math.PI * hz * i / rate) >= 0
                                        ? Short.MAX_VALUE
                                        : Short.MIN_VALUE;
                                case 1 -> k == 0 ? Short.MAX_VALUE : 0;
                                case 2 -> (short) (c == 0 ? 30000 : -30000);
                                case 3 -> (short) (r.nextBoolean() ? Short.MAX_VALUE : Short.MIN_VALUE);
                                case 4 -> 0;
                                default -> (short) (r.nextGaussian() * 3000);
                            };
                    pcm[i * channels + c] = v;
                }
            }
        }
        return pcm;
    }

    @ParameterizedTest
    @CsvSource({
        "8000,1,8",
        "8000,2,8",
        "8000,2,500",
        "11025,1,500",
        "16000,2,16",
        "22050,1,8",
        "24000,2,96",
        "32000,1,320",
        "44100,2,8",
        "44100,2,500",
        "48000,1,8",
        "48000,2,500",
        "12000,2,64"
    })
    void hostileInputAtExtremeSettingsDecodes(int rate, int channels, int kbps) throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(rate)
                .channels(channels)
                .bitrateKbps(kbps)
                .build();
        short[] pcm = hostile(rate, channels, rate + kbps);
        List<EncodedAudioFrame> frames = encode(cfg, pcm, 333);
        int maxBytes = 6144 / 8 * channels;
        for (EncodedAudioFrame f : frames) {
            assertTrue(f.data().length <= maxBytes, "frame of " + f.data().length + " bytes");
        }
        short[] dec = decodeJaad(AudioEncoder.aacLc(cfg).audioSpecificConfig(), frames);
        assertTrue(dec.length >= pcm.length, "decoded " + dec.length + " of " + pcm.length);
    }

    @Test
    void floatInputEqualsShortInput() {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(32000)
                .channels(2)
                .bitrateKbps(96)
                .build();
        short[] pcm = musicLike(32000, 2, 1.0, 1);
        float[] f = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            f[i] = pcm[i] / 32768f;
        }
        List<EncodedAudioFrame> a = encode(cfg, pcm, 1000);
        try (AudioEncoder enc = AudioEncoder.aacLc(cfg)) {
            enc.encode(f, 0, f.length / 2);
            enc.flush();
            for (EncodedAudioFrame expected : a) {
                assertArrayEquals(expected.data(), enc.poll().data());
            }
            assertNull(enc.poll());
        }
    }

    @Test
    void nanAndInfinityInFloatInputAreSilenceAndFullScale() throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(16000)
                .channels(1)
                .bitrateKbps(32)
                .build();
        float[] f = new float[16000];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (0.25 * Math.sin(2 * Math.PI * 500 * i / 16000));
        }
        f[4000] = Float.NaN;
        f[9000] = Float.POSITIVE_INFINITY;
        List<EncodedAudioFrame> frames = new java.util.ArrayList<>();
        try (AudioEncoder enc = AudioEncoder.aacLc(cfg)) {
            enc.encode(f, 0, f.length);
            enc.flush();
            for (EncodedAudioFrame e; (e = enc.poll()) != null; ) {
                frames.add(e);
            }
        }
        short[] dec = decodeJaad(AudioEncoder.aacLc(cfg).audioSpecificConfig(), frames);
        // the tone survives around the NaN sample
        assertEquals(500, peakHz(channel(dec, 1, 0, 3000, 2048), 16000), 2);
        assertEquals(0.25 / Math.sqrt(2), rms(channel(dec, 1, 0, 3000, 2048)), 0.02);
    }

    @Test
    void chunkSizeDoesNotChangeTheStream() {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(44100)
                .channels(2)
                .bitrateKbps(128)
                .build();
        short[] pcm = musicLike(44100, 2, 1.0, 2);
        List<EncodedAudioFrame> a = encode(cfg, pcm, 44100);
        List<EncodedAudioFrame> b = encode(cfg, pcm, 17);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).data(), b.get(i).data(), "frame " + i);
            assertEquals(a.get(i).ptsUs(), b.get(i).ptsUs());
        }
    }

    @Test
    void closedEncoderRefusesInputAndCloseTwiceIsFine() {
        AudioEncoder enc = AudioEncoder.aacLc(AudioEncoderConfig.builder().build());
        enc.close();
        enc.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> enc.encode(new short[4], 0, 2));
        assertEquals("encoder closed", e.getMessage());
        AudioEncoder flushed = AudioEncoder.aacLc(AudioEncoderConfig.builder().build());
        flushed.encode(new short[4], 0, 2);
        flushed.flush();
        flushed.flush();
        assertNotNull(flushed.poll());
        assertNotNull(flushed.poll());
        assertNull(flushed.poll());
        e = assertThrows(IllegalStateException.class, () -> flushed.encode(new float[4], 0, 2));
        assertEquals("encoder flushed: the stream has ended", e.getMessage());
    }

    @Test
    void configValidationNamesTheValueAndTheRange() {
        assertEquals(
                "sample rate 96000 Hz not supported: allowed 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000",
                assertThrows(IllegalArgumentException.class, () -> AudioEncoderConfig.builder()
                                .sampleRate(96000)
                                .build())
                        .getMessage());
        assertEquals(
                "channels 3 not supported: allowed 1..2",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AudioEncoderConfig.builder().channels(3).build())
                        .getMessage());
        assertEquals(
                "bitrate 7 kbps out of range 8..500",
                assertThrows(IllegalArgumentException.class, () -> AudioEncoderConfig.builder()
                                .bitrateKbps(7)
                                .build())
                        .getMessage());
        AudioEncoderConfig c = AudioEncoderConfig.builder()
                .sampleRate(22050)
                .channels(1)
                .bitrateKbps(40)
                .build();
        assertEquals(c, c.toBuilder().build());
        assertEquals("AudioEncoderConfig{22050 Hz, 1 ch, 40 kbps}", c.toString());
        assertArrayEquals(new byte[] {0x13, (byte) 0x88}, AudioEncoder.aacLc(c).audioSpecificConfig());
        TrackFormat f = AudioEncoder.aacLc(c).trackFormat();
        assertEquals(Codec.AAC, f.codec());
        assertEquals("LC", f.profile());
        assertEquals(22050, f.sampleRate());
        assertEquals(1, f.channels());
    }
}
