package dev.liveloom.cli;

import dev.liveloom.core.codec.Adts;
import dev.liveloom.core.codec.AudioSpecificConfig;
import dev.liveloom.mixer.AudioEncoder;
import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.Resampler;
import dev.liveloom.mixer.ResamplerConfig;
import dev.liveloom.mixer.VideoEncoderConfig;
import dev.liveloom.mixer.YuvFrame;
import dev.liveloom.mixer.h264.H264Encoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liveloom encode}: raw yuv420p to an H.264 Annex B file, or 16-bit PCM WAV to AAC-LC in
 * ADTS, with our own encoders. Prints one summary line:
 *
 * <pre>encode: codec=h264 frames=90 seconds=3.000 encode_seconds=13.969 fps=6.4 kbps=1516.5 kernels=vector</pre>
 *
 * where {@code frames} counts output frames (pictures, or AAC frames of 1024 samples), {@code
 * seconds} is the media duration, {@code fps} is frames per second of encoding time (reading and
 * writing excluded) and {@code kbps} is the output file size over the media duration. H.264 adds
 * {@code kernels}: {@code vector} when the JVM runs the Vector API kernels ({@code java
 * --add-modules jdk.incubator.vector}), else {@code portable}.
 */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Encode raw yuv420p to H.264 (Annex B) or 16-bit PCM WAV to AAC-LC (ADTS).",
            "  encode --codec h264 --size WxH --fps N --bitrate KBPS [--gop N] [--profile P] [--preset P]"
                    + " [--threads N] [--slices N] in.yuv out.h264",
            "  encode --codec aac --bitrate KBPS [--sample-rate HZ] in.wav out.aac"
        })
final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--codec", required = true, description = "h264 or aac.")
    String codec;

    @Option(names = "--size", description = "Picture size WxH (h264).")
    String size;

    @Option(names = "--fps", description = "Frame rate of the raw input (h264).")
    Integer fps;

    @Option(names = "--bitrate", required = true, description = "Target bitrate in kbit/s.")
    int bitrateKbps;

    @Option(names = "--gop", description = "Keyframe interval in frames (h264, default 60).")
    Integer gop;

    @Option(names = "--profile", description = "baseline, main or high (h264, default baseline).")
    String profile;

    @Option(names = "--preset", description = "ultrafast .. placebo (h264, default ultrafast).")
    String preset;

    @Option(names = "--threads", description = "Encoding threads (h264, default 1).")
    Integer threads;

    @Option(names = "--slices", description = "Slices per picture (h264, default 1).")
    Integer slices;

    @Option(names = "--sample-rate", description = "Output sample rate (aac); the input is resampled when it differs.")
    Integer sampleRate;

    @Option(names = "--verbose", description = "Print stack traces on failure.")
    void verbose(boolean v) {
        Failures.verbose = v;
    }

    @Parameters(index = "0", paramLabel = "IN", description = "in.yuv (h264) or in.wav (aac).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "out.h264 (Annex B) or out.aac (ADTS).")
    Path out;

    /** What one run produced. */
    record Summary(String codec, long frames, double seconds, double encodeSeconds, long bytes) {
        String line() {
            String kernels =
                    codec.equals("h264") ? (H264Encoder.vectorKernels() ? " kernels=vector" : " kernels=portable") : "";
            return String.format(
                            Locale.ROOT,
                            "encode: codec=%s frames=%d seconds=%.3f encode_seconds=%.3f fps=%.1f kbps=%.1f",
                            codec,
                            frames,
                            seconds,
                            encodeSeconds,
                            encodeSeconds > 0 ? frames / encodeSeconds : 0.0,
                            seconds > 0 ? bytes * 8 / seconds / 1000 : 0.0)
                    + kernels;
        }
    }

    @Override
    public Integer call() throws Exception {
        Summary s =
                switch (codec.toLowerCase(Locale.ROOT)) {
                    case "h264" -> encodeH264();
                    case "aac" -> encodeAac();
                    default -> throw new IllegalArgumentException("unknown codec '" + codec + "': allowed h264, aac");
                };
        System.out.println(s.line());
        System.out.flush();
        return 0;
    }

    // ---------------------------------------------------------------- h264

    private Summary encodeH264() throws IOException {
        refuse(sampleRate != null, "--sample-rate applies to --codec aac only");
        if (size == null) {
            throw new IllegalArgumentException("--codec h264 needs --size WxH");
        }
        if (fps == null) {
            throw new IllegalArgumentException("--codec h264 needs --fps N");
        }
        int[] wh = parseSize(size);
        VideoEncoderConfig.Builder b = VideoEncoderConfig.builder(wh[0], wh[1])
                .fps(fps)
                .bitrateKbps(bitrateKbps)
                .profile(parseEnum(VideoEncoderConfig.Profile.class, "profile", profile, "baseline"))
                .preset(parseEnum(VideoEncoderConfig.Preset.class, "preset", preset, "ultrafast"));
        if (gop != null) {
            b.gop(gop);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (slices != null) {
            b.slices(slices);
        }
        VideoEncoderConfig cfg = b.build();
        YuvFrame frame = YuvFrame.allocate(wh[0], wh[1]);
        long frameBytes = (long) wh[0] * wh[1] + 2L * frame.chromaWidth() * frame.chromaHeight();
        long fileBytes = inputSize();
        if (fileBytes == 0 || fileBytes % frameBytes != 0) {
            throw new IllegalArgumentException(in + ": " + fileBytes + " bytes is not a whole number of " + wh[0] + "x"
                    + wh[1] + " yuv420p frames (" + frameBytes + " bytes each)");
        }
        long frames = fileBytes / frameBytes;
        long encodeNs = 0;
        long written = 0;
        try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 1 << 20);
                OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
                H264Encoder enc = new H264Encoder(cfg)) {
            for (long i = 0; i < frames; i++) {
                readFully(is, frame.y());
                readFully(is, frame.u());
                readFully(is, frame.v());
                long t0 = System.nanoTime();
                EncodedFrame ef = enc.encode(frame);
                encodeNs += System.nanoTime() - t0;
                byte[] annexB = ef.toAnnexB();
                os.write(annexB);
                written += annexB.length;
            }
        }
        return new Summary("h264", frames, frames / (double) fps, encodeNs / 1e9, written);
    }

    static int[] parseSize(String s) {
        int x = s.indexOf('x');
        try {
            if (x > 0) {
                return new int[] {Integer.parseInt(s.substring(0, x)), Integer.parseInt(s.substring(x + 1))};
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("size '" + s + "' is not WxH (e.g. 1280x720)");
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String what, String value, String dflt) {
        String v = value == null ? dflt : value;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown " + what + " '" + v + "': allowed " + allowed);
    }

    // ---------------------------------------------------------------- aac

    private Summary encodeAac() throws IOException {
        refuse(size != null, "--size applies to --codec h264 only");
        refuse(fps != null, "--fps applies to --codec h264 only");
        refuse(gop != null, "--gop applies to --codec h264 only");
        refuse(profile != null, "--profile applies to --codec h264 only");
        refuse(preset != null, "--preset applies to --codec h264 only");
        refuse(threads != null, "--threads applies to --codec h264 only");
        refuse(slices != null, "--slices applies to --codec h264 only");
        inputSize(); // a clear message for a missing file
        try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
            WavReader wav = WavReader.open(is, in.toString());
            int rate = sampleRate == null ? wav.sampleRate() : sampleRate;
            AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                    .sampleRate(rate)
                    .channels(wav.channels())
                    .bitrateKbps(bitrateKbps)
                    .build();
            Resampler resampler = rate == wav.sampleRate()
                    ? null
                    : Resampler.create(ResamplerConfig.builder()
                            .inputRate(wav.sampleRate())
                            .outputRate(rate)
                            .inputChannels(wav.channels())
                            .outputChannels(wav.channels())
                            .build());
            int ch = wav.channels();
            int chunk = 4096;
            short[] pcm = new short[chunk * ch];
            short[] resampled = resampler == null ? null : new short[resampler.maxOutputFrames(chunk) * ch];
            float[] tail = resampler == null ? null : new float[resampler.maxOutputFrames(0) * ch + 64 * ch];
            long samples = 0;
            long encodeNs = 0;
            long written = 0;
            long frames = 0;
            AudioSpecificConfig asc = AudioSpecificConfig.of(AudioSpecificConfig.AOT_AAC_LC, rate, ch);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                    AudioEncoder enc = AudioEncoder.aacLc(cfg)) {
                int n;
                while ((n = wav.read(pcm, chunk)) > 0) {
                    long t0 = System.nanoTime();
                    if (resampler == null) {
                        enc.encode(pcm, 0, n);
                        samples += n;
                    } else {
                        int m = resampler.process(pcm, 0, n, resampled, 0);
                        enc.encode(resampled, 0, m);
                        samples += m;
                    }
                    encodeNs += System.nanoTime() - t0;
                    long[] w = drain(enc, asc, os);
                    frames += w[0];
                    written += w[1];
                }
                long t0 = System.nanoTime();
                if (resampler != null) {
                    int m = resampler.flush(tail, 0);
                    enc.encode(tail, 0, m);
                    samples += m;
                }
                enc.flush();
                encodeNs += System.nanoTime() - t0;
                long[] w = drain(enc, asc, os);
                frames += w[0];
                written += w[1];
            }
            if (samples == 0) {
                throw new IllegalArgumentException(in + ": the WAV file holds no samples");
            }
            return new Summary("aac", frames, samples / (double) rate, encodeNs / 1e9, written);
        }
    }

    /** Writes every finished frame with its ADTS header; returns {frames, bytes}. */
    private static long[] drain(AudioEncoder enc, AudioSpecificConfig asc, OutputStream os) throws IOException {
        long frames = 0;
        long bytes = 0;
        EncodedAudioFrame f;
        while ((f = enc.poll()) != null) {
            byte[] h = Adts.of(asc, f.data().length).toBytes();
            os.write(h);
            os.write(f.data());
            frames++;
            bytes += h.length + f.data().length;
        }
        return new long[] {frames, bytes};
    }

    // ---------------------------------------------------------------- helpers

    private long inputSize() throws IOException {
        try {
            return Files.size(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(in + ": no such file");
        }
    }

    private static void refuse(boolean given, String message) {
        if (given) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void readFully(InputStream is, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = is.read(b, off, b.length - off);
            if (n < 0) {
                throw new IOException("input ended inside a frame");
            }
            off += n;
        }
    }
}
