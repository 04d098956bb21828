package dev.liveloom.mixer;

import dev.liveloom.mixer.h264.H264Encoder;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes a raw yuv420p file with our H.264 encoder into an Annex B file, for the side-by-side
 * script: {@code H264EncodeFile in.yuv width height fps kbps gop preset out.h264 [profile [threads
 * [slices [qp]]]]} (qp -1: rate control). Prints the
 * frame count, the encode time (reading and writing excluded), frames per wall-clock second and
 * per second of this thread's CPU time (steadier on a shared machine). With {@code
 * -Dliveloom.warmupFrames=N} the first N frames are encoded once by a throw-away encoder before the
 * timed run, so that the timed run measures compiled code (the targets are "after warm-up").
 */
public final class H264EncodeFile {
    private H264EncodeFile() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 8 || args.length > 12) {
            System.err.println(
                    "usage: H264EncodeFile in.yuv width height fps kbps gop preset out.h264 [profile [threads [slices [qp]]]]");
            System.exit(2);
        }
        int w = Integer.parseInt(args[1]);
        int h = Integer.parseInt(args[2]);
        VideoEncoderConfig cfg = VideoEncoderConfig.builder(w, h)
                .fps(Integer.parseInt(args[3]))
                .bitrateKbps(Integer.parseInt(args[4]))
                .gop(Integer.parseInt(args[5]))
                .preset(VideoEncoderConfig.Preset.valueOf(args[6].toUpperCase(java.util.Locale.ROOT)))
                .profile(
                        args.length > 8
                                ? VideoEncoderConfig.Profile.valueOf(args[8].toUpperCase(java.util.Locale.ROOT))
                                : VideoEncoderConfig.Profile.BASELINE)
                .threads(args.length > 9 ? Integer.parseInt(args[9]) : 1)
                .slices(args.length > 10 ? Integer.parseInt(args[10]) : 1)
                .constantQp(args.length > 11 ? Integer.parseInt(args[11]) : -1)
                .build();
        int warmup = Integer.getInteger("liveloom.warmupFrames", 0);
        if (warmup > 0) {
            warmUp(args[0], cfg, w, h, warmup);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long encodeNs = 0;
        long cpuNs = 0;
        // with threads > 1 the calling thread's CPU time misses the workers: also report the process's
        long procNs = 0;
        // bytes the encoding thread allocates per frame: the vector kernels must not box
        com.sun.management.ThreadMXBean amx = (com.sun.management.ThreadMXBean) mx;
        long allocBytes = 0;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        int frames = 0;
        try (DataInputStream in =
                        new DataInputStream(new java.io.BufferedInputStream(new FileInputStream(args[0]), 1 << 20));
                OutputStream out = new BufferedOutputStream(new FileOutputStream(args[7]), 1 << 20);
                H264Encoder enc = new H264Encoder(cfg)) {
            while (true) {
                YuvFrame f = YuvFrame.allocate(w, h);
                try {
                    in.readFully(f.y());
                    in.readFully(f.u());
                    in.readFully(f.v());
                } catch (EOFException e) {
                    break;
                }
                long t0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                long a0 = amx.getCurrentThreadAllocatedBytes();
                EncodedFrame ef = enc.encode(f);
                allocBytes += amx.getCurrentThreadAllocatedBytes() - a0;
                cpuNs += mx.getCurrentThreadCpuTime() - c0;
                procNs += os.getProcessCpuTime() - p0;
                encodeNs += System.nanoTime() - t0;
                out.write(ef.toAnnexB());
                frames++;
            }
        }
        System.out.printf(
                "frames %d encode_seconds %.3f fps %.1f cpu_fps %.1f process_cpu_fps %.1f alloc_kb_per_frame %d%n",
                frames,
                encodeNs / 1e9,
                frames / (encodeNs / 1e9),
                frames / (cpuNs / 1e9),
                frames / (procNs / 1e9),
                allocBytes / Math.max(1, frames) / 1024);
    }

    private static void warmUp(String file, VideoEncoderConfig cfg, int w, int h, int frames) throws IOException {
        try (DataInputStream in =
                        new DataInputStream(new java.io.BufferedInputStream(new FileInputStream(file), 1 << 20));
                H264Encoder enc = new H264Encoder(cfg)) {
            YuvFrame f = YuvFrame.allocate(w, h);
            for (int i = 0; i < frames; i++) {
                try {
                    in.readFully(f.y());
                    in.readFully(f.u());
                    in.readFully(f.v());
                } catch (EOFException e) {
                    break;
                }
                enc.encode(f);
            }
        }
    }
}
