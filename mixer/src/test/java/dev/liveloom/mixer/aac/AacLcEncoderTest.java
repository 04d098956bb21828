package dev.liveloom.mixer.aac;

import static dev.liveloom.mixer.aac.AacTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AacLcEncoderTest {

    @Test
    void sineComesBackAt1kHzAndSameLevelThroughJaad() throws Exception {
        for (int channels = 1; channels <= 2; channels++) {
            AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                    .sampleRate(44100)
                    .channels(channels)
                    .bitrateKbps(64 * channels)
                    .build();
            short[] pcm = sine(44100, channels, 1000, 0.5, 2.0);
            List<EncodedAudioFrame> frames = encode(cfg, pcm, 1000);
            short[] dec = decodeJaad(dev.liveloom.mixer.AudioEncoder.aacLc(cfg).audioSpecificConfig(), frames);
            for (int c = 0; c < channels; c++) {
                double[] in = channel(pcm, channels, c, 22050, 16384);
                double[] outSig = channel(dec, channels, c, 22050, 16384);
                assertEquals(1000, peakHz(outSig, 44100), 2, "peak channel " + c);
                assertEquals(0, db(rms(outSig) / rms(in)), 0.5, "level channel " + c);
            }
        }
    }

    /** kbps expected: the target, or the AAC-LC cap of 6144 bits per channel per frame (less 128). */
    @ParameterizedTest
    @CsvSource({
        "8000,1,8,8",
        "8000,2,8,8",
        "16000,1,16,16",
        "48000,2,16,16",
        "48000,1,32,32",
        "22050,2,48,48",
        "44100,1,256,256",
        "48000,2,320,320",
        "44100,2,500,500",
        "12000,1,64,64",
        "8000,2,500,95"
    })
    void averageBitrateMeetsTargetOrCap(int rate, int channels, int kbps, double expected) {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(rate)
                .channels(channels)
                .bitrateKbps(kbps)
                .build();
        List<EncodedAudioFrame> frames = encode(cfg, musicLike(rate, channels, 5.0, 8), 2000);
        long bytes = 0;
        for (EncodedAudioFrame f : frames) {
            bytes += f.data().length;
        }
        double actual = bytes * 8 / (frames.size() * 1024.0 / rate) / 1000;
        assertEquals(expected, actual, expected * 0.05, "kbps");
    }

    @Test
    void silenceEncodesToTinyFrames() {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(48000)
                .channels(2)
                .bitrateKbps(128)
                .build();
        List<EncodedAudioFrame> frames = encode(cfg, new short[48000 * 2], 4096);
        assertEquals(48, frames.size()); // 47 frames of input rounded up, plus the priming frame
        int max = 0;
        for (EncodedAudioFrame f : frames) {
            max = Math.max(max, f.data().length);
        }
        assertTrue(max <= 12, "largest silent frame " + max + " bytes");
    }

    @Test
    void ptsStartsAtMinusOneFrameAndAdvancesBy1024Samples() {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(48000)
                .channels(1)
                .bitrateKbps(64)
                .build();
        List<EncodedAudioFrame> frames = encode(cfg, new short[3000], 3000);
        assertEquals(4, frames.size());
        assertEquals(-21334, frames.get(0).ptsUs());
        assertEquals(0, frames.get(1).ptsUs());
        assertEquals(21333, frames.get(2).ptsUs());
        assertEquals(21333, frames.get(0).durationUs());
    }
}
