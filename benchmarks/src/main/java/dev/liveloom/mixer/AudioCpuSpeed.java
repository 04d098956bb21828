package dev.liveloom.mixer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Speed of the AAC-LC encoder (44.1 kHz stereo, 10 s of the benchmark signal per run) and of the 48 to
 * 44.1 kHz stereo resampler (1 s per run) in multiples of real time on one core, from this thread's CPU
 * time once warm: on a shared machine JMH's wall-clock scores fall with the load, this does much less.
 * Arguments: [kbps] [runs] (default 128 and 30); prints the median and the best of the runs.
 */
public final class AudioCpuSpeed {
    private AudioCpuSpeed() {}

    public static void main(String[] args) {
        int kbps = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rate = 44100;
        short[] pcm = AacEncodeBenchmark.signal(rate, 10);
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(rate)
                .channels(2)
                .bitrateKbps(kbps)
                .build();
        long[] bytes = new long[1];
        report("AAC-LC 44.1 kHz stereo " + kbps + " kbps", 10, runs, () -> {
            bytes[0] = 0;
            try (AudioEncoder enc = AudioEncoder.aacLc(cfg)) {
                enc.encode(pcm, 0, pcm.length / 2);
                enc.flush();
                for (EncodedAudioFrame f; (f = enc.poll()) != null; ) {
                    bytes[0] += f.data().length;
                }
            }
        });
        System.out.printf("  bitrate %.1f kbps (raw frames)%n", bytes[0] * 8 / 10.0 / 1000);

        int inRate = 48000;
        float[] in = new float[2 * inRate];
        for (int i = 0; i < inRate; i++) {
            in[2 * i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / inRate));
            in[2 * i + 1] = (float) (0.3 * Math.sin(2 * Math.PI * 1234 * i / inRate));
        }
        Resampler resampler = Resampler.create(ResamplerConfig.builder()
                .inputRate(inRate)
                .outputRate(rate)
                .inputChannels(2)
                .outputChannels(2)
                .build());
        float[] out = new float[2 * resampler.maxOutputFrames(inRate)];
        report("resample 48 -> 44.1 kHz stereo", 1, 10 * runs, () -> resampler.process(in, 0, inRate, out, 0));
    }

    /** Warms up with as many runs as measured, then prints median and best seconds-of-audio per CPU second. */
    private static void report(String name, double audioSeconds, int runs, Runnable run) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            run.run();
        }
        double[] x = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            run.run();
            x[i] = audioSeconds / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        Arrays.sort(x);
        System.out.printf(
                "%-34s x real time on one core: median %.0f, best %.0f (%d runs)%n",
                name, x[runs / 2], x[runs - 1], runs);
    }
}
