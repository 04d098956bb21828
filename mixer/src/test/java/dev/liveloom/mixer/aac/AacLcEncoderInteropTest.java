package dev.liveloom.mixer.aac;

import static dev.liveloom.mixer.aac.AacTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decodes our AAC with ffmpeg (-xerror): tone frequency and level, noise level, every rate and layout. */
@Tag("interop")
class AacLcEncoderInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"44100,1,64", "44100,2,128", "48000,2,96", "16000,1,24"})
    void sineDecodesInFfmpegAt1kHzWithinHalfDb(int rate, int channels, int kbps) throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(rate)
                .channels(channels)
                .bitrateKbps(kbps)
                .build();
        short[] pcm = sine(rate, channels, 1000, 0.5, 2.0);
        List<EncodedAudioFrame> frames = encode(cfg, pcm, 777);
        short[] dec = decodeFfmpeg(adts(cfg, frames), channels, dir);
        assertTrue(dec.length >= pcm.length, "decoded " + dec.length + " samples of " + pcm.length);
        for (int c = 0; c < channels; c++) {
            double[] in = channel(pcm, channels, c, rate / 2, 8192);
            double[] out = channel(dec, channels, c, rate / 2, 8192);
            assertEquals(1000, peakHz(out, rate), 2, "peak");
            assertEquals(0, db(rms(out) / rms(in)), 0.5, "level");
        }
    }

    @Test
    void noiseKeepsItsLevelInFfmpeg() throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(44100)
                .channels(2)
                .bitrateKbps(128)
                .build();
        short[] pcm = noise(44100, 2, 0.1, 2.0, 7);
        short[] dec = decodeFfmpeg(adts(cfg, encode(cfg, pcm, 4096)), 2, dir);
        for (int c = 0; c < 2; c++) {
            double[] in = channel(pcm, 2, c, 11025, 44100);
            double[] out = channel(dec, 2, c, 11025, 44100);
            // white noise loses what lies above the encoder's bandwidth (~15.8 kHz of 22.05 kHz)
            assertEquals(db(Math.sqrt(15800.0 / 22050)), db(rms(out) / rms(in)), 0.7, "noise level channel " + c);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "8000,1", "8000,2", "11025,1", "11025,2", "12000,1", "12000,2", "16000,1", "16000,2", "22050,1",
        "22050,2", "24000,1", "24000,2", "32000,1", "32000,2", "44100,1", "44100,2", "48000,1", "48000,2"
    })
    void everyRateAndLayoutDecodesWithoutErrors(int rate, int channels) throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(rate)
                .channels(channels)
                .bitrateKbps(Math.max(16, Math.min(192, rate / 500 * channels)))
                .build();
        short[] pcm = musicLike(rate, channels, 2.0, 3);
        short[] dec = decodeFfmpeg(adts(cfg, encode(cfg, pcm, 1500)), channels, dir);
        assertTrue(dec.length >= pcm.length, "decoded " + dec.length + " of " + pcm.length);
        double[] in = channel(pcm, channels, 0, rate / 4, rate);
        double[] out = channel(dec, channels, 0, rate / 4, rate);
        assertTrue(snrDb(in, out) > 12, "SNR " + snrDb(in, out) + " dB");
    }

    @ParameterizedTest
    @CsvSource({"32", "64", "128", "256"})
    void averageBitrateWithinFivePercentOverTenSeconds(int kbps) throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(44100)
                .channels(2)
                .bitrateKbps(kbps)
                .build();
        short[] pcm = musicLike(44100, 2, 10.0, 11);
        List<EncodedAudioFrame> frames = encode(cfg, pcm, 4410);
        long bytes = 0;
        for (EncodedAudioFrame f : frames) {
            bytes += f.data().length;
        }
        double seconds = frames.size() * 1024.0 / 44100;
        double actual = bytes * 8 / seconds / 1000;
        assertEquals(kbps, actual, kbps * 0.05, "average bitrate kbps");
        decodeFfmpeg(adts(cfg, frames), 2, dir);
    }

    @ParameterizedTest
    @CsvSource({"8000,2,8", "44100,2,500", "48000,1,8", "22050,2,64"})
    void hostileInputDecodesInFfmpegWithoutErrors(int rate, int channels, int kbps) throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(rate)
                .channels(channels)
                .bitrateKbps(kbps)
                .build();
        short[] pcm = AacLcEncoderStressTest.hostile(rate, channels, 99);
        short[] dec = decodeFfmpeg(adts(cfg, encode(cfg, pcm, 1000)), channels, dir);
        assertTrue(dec.length >= pcm.length, "decoded " + dec.length + " of " + pcm.length);
    }

    @ParameterizedTest
    @CsvSource({"1,64,4", "2,128,4", "1,128,12", "1,256,20"})
    void shortBlocksDecodeInFfmpegWithoutPreEcho(int channels, int kbps, double minSnr) throws Exception {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(44100)
                .channels(channels)
                .bitrateKbps(kbps)
                .build();
        short[] pcm = BlockSwitchingAndStereoTest.attackSignal(channels);
        short[] dec = decodeFfmpeg(adts(cfg, encode(cfg, pcm, 1024)), channels, dir);
        int onset = BlockSwitchingAndStereoTest.ONSET;
        for (int c = 0; c < channels; c++) {
            double[] burst = channel(dec, channels, c, onset, 1024);
            double[] before = channel(dec, channels, c, onset - 600, 512);
            assertTrue(db(rms(before) / rms(burst)) < -30, "pre-echo " + db(rms(before) / rms(burst)) + " dB");
            double[] in = channel(pcm, channels, c, onset, 4096);
            double[] out = channel(dec, channels, c, onset, 4096);
            // white noise is the costliest signal: ffmpeg's own aac reaches 3.0 / 14.8 / 9.5 dB
            // at 64 / 128 / 256 kbps mono here
            assertTrue(snrDb(in, out) > minSnr, "burst SNR " + snrDb(in, out));
        }
    }

    static double snrDb(double[] ref, double[] test) {
        double s = 0;
        double n = 0;
        for (int i = 0; i < ref.length; i++) {
            s += ref[i] * ref[i];
            n += (ref[i] - test[i]) * (ref[i] - test[i]);
        }
        return 10 * Math.log10(s / Math.max(n, 1e-20));
    }
}
