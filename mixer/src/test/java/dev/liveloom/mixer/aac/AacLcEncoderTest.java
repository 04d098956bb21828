package dev.liveloom.mixer.aac;

import static dev.liveloom.mixer.aac.AacTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

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
