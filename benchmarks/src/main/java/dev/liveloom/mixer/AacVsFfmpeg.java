package dev.liveloom.mixer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Side-by-side of our AAC-LC encoder and ffmpeg's native {@code aac} encoder on the same 10 s
 * speech/music-like signal: achieved bitrate, segmental SNR after decoding both with ffmpeg, and
 * encode speed, both as one wall-clock run and as CPU time on one core (ours once warm: on a shared
 * machine the wall clock and a cold JIT understate it several times over). Run by {@code benchmarks/scripts/aac-vs-ffmpeg.sh}; arguments: rate channels kbps...
 */
public final class AacVsFfmpeg {
    private AacVsFfmpeg() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 44100;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Integer> rates = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) {
            rates.addAll(List.of(32, 64, 128, 256));
        }
        double seconds = 10;
        short[] stereo = AacEncodeBenchmark.signal(rate, seconds);
        short[] pcm = channels == 2 ? stereo : left(stereo);
        Path dir = Files.createTempDirectory("aac-vs-ffmpeg");
        Path raw = dir.resolve("in.raw");
        Files.write(raw, bytes(pcm));
        System.out.printf(
                "%d Hz, %d ch, %.0f s (kbps of raw AAC frames, ADTS headers excluded)%n"
                        + "x-rt wall: one run against the wall clock (ours: the first bitrate also pays for JIT warm-up);%n"
                        + "x-rt cpu: CPU time on one core, ours warm (median of %d runs after %d warm-up runs),%n"
                        + "ffmpeg's user+system time from -benchmark%n%-6s %-8s %9s %9s %10s %9s%n",
                rate,
                channels,
                seconds,
                WARM_RUNS,
                WARM_UP_RUNS,
                "kbps",
                "encoder",
                "kbps",
                "segSNR",
                "x-rt wall",
                "x-rt cpu");
        for (int kbps : rates) {
            // ours
            AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                    .sampleRate(rate)
                    .channels(channels)
                    .bitrateKbps(kbps)
                    .build();
            long t0 = System.nanoTime();
            byte[] adts = encodeOurs(cfg, pcm);
            double oursSec = (System.nanoTime() - t0) / 1e9;
            double oursCpu = warmCpuSeconds(cfg, pcm);
            Path ours = dir.resolve("ours.aac");
            Files.write(ours, adts);
            // ffmpeg
            Path ff = dir.resolve("ffmpeg.aac");
            t0 = System.nanoTime();
            byte[] ffLog = runStderr(
                    "ffmpeg",
                    "-y",
                    "-hide_banner",
                    "-nostats",
                    "-benchmark",
                    "-f",
                    "s16le",
                    "-ar",
                    "" + rate,
                    "-ac",
                    "" + channels,
                    "-i",
                    raw.toString(),
                    "-c:a",
                    "aac",
                    "-b:a",
                    kbps + "k",
                    ff.toString());
            double ffSec = (System.nanoTime() - t0) / 1e9;
            double ffCpu = benchCpuSeconds(new String(ffLog));
            report(kbps, "liveloom", ours, pcm, rate, channels, seconds, oursSec, oursCpu);
            report(kbps, "ffmpeg", ff, pcm, rate, channels, seconds, ffSec, ffCpu);
        }
    }

    private static void report(
            int kbps,
            String who,
            Path file,
            short[] ref,
            int rate,
            int ch,
            double seconds,
            double encodeSec,
            double cpuSec)
            throws IOException, InterruptedException {
        short[] dec = toShorts(run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "s16le", "-"));
        // both streams are ADTS, whose decoding keeps the 1024-sample priming frame
        int skip = 1024 * ch;
        long payload = rawPayloadBytes(Files.readAllBytes(file));
        System.out.printf(
                "%-6d %-8s %9.1f %9.2f %10.0f %9.0f%n",
                kbps,
                who,
                payload * 8 / seconds / 1000,
                segSnr(ref, dec, skip, rate * ch / 50),
                seconds / encodeSec,
                cpuSec > 0 ? seconds / cpuSec : Double.NaN);
    }

    static final int WARM_UP_RUNS = 8;
    static final int WARM_RUNS = 5;

    /** Median thread CPU time of encoding the whole signal once the JIT has compiled the encoder. */
    private static double warmCpuSeconds(AudioEncoderConfig cfg, short[] pcm) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            encodeOurs(cfg, pcm);
        }
        double[] cpu = new double[WARM_RUNS];
        for (int i = 0; i < WARM_RUNS; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            encodeOurs(cfg, pcm);
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        java.util.Arrays.sort(cpu);
        return cpu[WARM_RUNS / 2];
    }

    /** user + system seconds from ffmpeg's "bench: utime=...s stime=...s" line; NaN when absent. */
    static double benchCpuSeconds(String log) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s")
                .matcher(log);
        return m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) : Double.NaN;
    }

    /** Bytes of the raw AAC frames in an ADTS stream (headers excluded). */
    private static long rawPayloadBytes(byte[] adts) throws IOException {
        long total = 0;
        int pos = 0;
        while (pos + 7 <= adts.length) {
            int len = dev.liveloom.mixer.aac.internal.AacConfigs.readAdtsHeader(adts, pos)[3];
            int header = (adts[pos + 1] & 1) == 0 ? 9 : 7; // protection_absent 0 adds a CRC
            total += len - header;
            pos += len;
        }
        return total;
    }

    private static byte[] encodeOurs(AudioEncoderConfig cfg, short[] pcm) {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        byte[] header = new byte[7];
        try (AudioEncoder enc = AudioEncoder.aacLc(cfg)) {
            enc.encode(pcm, 0, pcm.length / cfg.channels());
            enc.flush();
            for (EncodedAudioFrame f; (f = enc.poll()) != null; ) {
                dev.liveloom.mixer.aac.internal.AacConfigs.writeAdtsHeader(
                        header, 0, cfg.sampleRate(), cfg.channels(), f.data().length);
                bos.writeBytes(header);
                bos.writeBytes(f.data());
            }
        }
        return bos.toByteArray();
    }

    /** Mean per-20 ms SNR in dB, each segment clamped to [-10, 35] as usual, silent segments skipped. */
    static double segSnr(short[] ref, short[] dec, int skip, int seg) {
        double sum = 0;
        int count = 0;
        for (int s = 0; s + seg <= ref.length && skip + s + seg <= dec.length; s += seg) {
            double sig = 0;
            double err = 0;
            for (int i = s; i < s + seg; i++) {
                double d = ref[i] - dec[skip + i];
                sig += (double) ref[i] * ref[i];
                err += d * d;
            }
            if (sig < seg) {
                continue;
            }
            sum += Math.max(-10, Math.min(35, 10 * Math.log10(sig / Math.max(err, 1e-9))));
            count++;
        }
        return sum / Math.max(1, count);
    }

    /** Runs a command that writes its output to a file; returns its stderr (it must exit 0). */
    private static byte[] runStderr(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] err;
        try (InputStream in = p.getErrorStream()) {
            err = in.readAllBytes();
        }
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(err));
        }
        return err;
    }

    private static byte[] run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        String err = new String(p.getErrorStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + err);
        }
        return out;
    }

    private static short[] left(short[] stereo) {
        short[] m = new short[stereo.length / 2];
        for (int i = 0; i < m.length; i++) {
            m[i] = stereo[2 * i];
        }
        return m;
    }

    private static byte[] bytes(short[] s) {
        ByteBuffer b = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(s);
        return b.array();
    }

    private static short[] toShorts(byte[] b) {
        short[] s = new short[b.length / 2];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }
}
