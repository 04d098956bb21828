package dev.liveloom.mixer.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.VideoEncoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Slice NAL units per picture, and a stream that does not depend on the thread count. */
class SlicesAndThreadsTest {
    static VideoEncoderConfig config(VideoEncoderConfig.Profile profile, int slices, int threads) {
        return VideoEncoderConfig.builder(160, 96)
                .bitrateKbps(400)
                .gop(6)
                .profile(profile)
                .preset(VideoEncoderConfig.Preset.VERYFAST)
                .slices(slices)
                .threads(threads)
                .build();
    }

    static byte[][] encode(VideoEncoderConfig cfg, int frames) {
        byte[][] out = new byte[frames][];
        try (H264Encoder enc = new H264Encoder(cfg)) {
            for (int t = 0; t < frames; t++) {
                out[t] = enc.encode(TestPictures.noisyWave(160, 96, t, 3, 11)).data();
            }
        }
        return out;
    }

    /** NAL unit types of one access unit (length-prefixed form). */
    static int[] nalTypes(byte[] au) {
        java.util.List<Integer> types = new java.util.ArrayList<>();
        int p = 0;
        while (p < au.length) {
            int n = ((au[p] & 0xff) << 24)
                    | ((au[p + 1] & 0xff) << 16)
                    | ((au[p + 2] & 0xff) << 8)
                    | (au[p + 3] & 0xff);
            types.add(au[p + 4] & 0x1f);
            p += 4 + n;
        }
        return types.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @EnumSource(VideoEncoderConfig.Profile.class)
    void outputDoesNotDependOnThreads(VideoEncoderConfig.Profile profile) {
        byte[][] one = encode(config(profile, 4, 1), 10);
        byte[][] two = encode(config(profile, 4, 2), 10);
        byte[][] four = encode(config(profile, 4, 4), 10);
        for (int t = 0; t < one.length; t++) {
            assertArrayEquals(one[t], two[t], "picture " + t + " with 2 threads");
            assertArrayEquals(one[t], four[t], "picture " + t + " with 4 threads");
        }
    }

    @Test
    void eachSliceIsOneNalUnit() {
        byte[][] aus = encode(config(VideoEncoderConfig.Profile.MAIN, 3, 2), 7);
        assertArrayEquals(new int[] {7, 8, 5, 5, 5}, nalTypes(aus[0]));
        assertArrayEquals(new int[] {1, 1, 1}, nalTypes(aus[1]));
        assertArrayEquals(new int[] {7, 8, 5, 5, 5}, nalTypes(aus[6]));
    }

    @Test
    void threadsWithOneSliceCutThatManySlicesAndAtMostOnePerRow() {
        try (H264Encoder enc = new H264Encoder(config(VideoEncoderConfig.Profile.BASELINE, 1, 3))) {
            assertEquals(3, enc.slices());
        }
        try (H264Encoder enc = new H264Encoder(config(VideoEncoderConfig.Profile.BASELINE, 64, 1))) {
            assertEquals(6, enc.slices()); // 96 lines: 6 macroblock rows
        }
        try (H264Encoder enc = new H264Encoder(config(VideoEncoderConfig.Profile.BASELINE, 1, 1))) {
            assertEquals(1, enc.slices());
        }
    }

    @Test
    void closeStopsThePoolThreads() throws Exception {
        java.util.Set<Thread> before = poolThreads();
        H264Encoder enc = new H264Encoder(config(VideoEncoderConfig.Profile.MAIN, 2, 2));
        EncodedFrame f = enc.encode(TestPictures.noisyWave(160, 96, 0, 3, 11));
        assertTrue(f.keyframe());
        java.util.Set<Thread> mine = poolThreads();
        mine.removeAll(before);
        assertTrue(!mine.isEmpty(), "pool threads while open");
        enc.close();
        enc.close(); // twice is fine
        for (Thread t : mine) {
            // close has ended the pool; a worker may still be finishing its last instructions
            t.join(2000);
            assertFalse(t.isAlive(), "pool thread " + t.getName() + " after close");
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    /** This test class's encoders' threads and any other test's that still run. */
    private static java.util.Set<Thread> poolThreads() {
        java.util.Set<Thread> s = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("liveloom-h264-") && t.isAlive()) {
                s.add(t);
            }
        }
        return s;
    }
}
