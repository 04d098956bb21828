package dev.liveloom.ts;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.TrackFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Demuxes a 60-second in-memory MPEG-TS (H.264 at about 2.5 Mbit/s: a 100 KB key frame every 2 s
 * and 10 KB inter frames at 25 fps, plus AAC at about 128 kbit/s) built with {@link TsMuxer} in
 * setup, fed in 1316-byte pieces (7 TS packets, what an SRT datagram carries) as a live source
 * would. The score is per MediaPacket; MB/s = ops/s x {@link #BYTES_PER_PACKET} / 1e6 (printed in
 * setup), and {@code -prof gc}'s gc.alloc.rate.norm is the allocation per packet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TsDemuxBenchmark {
    static final int VIDEO_FRAMES = 1500;
    static final int AUDIO_FRAMES = 2584;
    static final int PACKETS = VIDEO_FRAMES + AUDIO_FRAMES;
    static final int DATAGRAM = 1316;
    static double BYTES_PER_PACKET;

    private byte[] ts;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        HexFormat hex = HexFormat.of();
        // avcC of testdata/media/h264-aac.ts (x264 High, 320x180)
        TrackFormat video = CodecConfigs.toFormat(
                Codec.H264,
                hex.parseHex(
                        "0164000cffe1001a6764000cacd941419f9f011000000300100000030320f142996001000568ef821cb0fdf8f800"));
        TrackFormat audio = CodecConfigs.toFormat(Codec.AAC, hex.parseHex("1210"));
        Random random = new Random(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(24 << 20);
        TsMuxer m = new TsMuxer(List.of(video, audio));
        int v = 0;
        int a = 0;
        while (v < VIDEO_FRAMES || a < AUDIO_FRAMES) {
            long videoUs = 1_400_000 + v * 40_000L;
            long audioUs = 1_400_000 + a * 1024L * 1_000_000 / 44_100;
            if (v < VIDEO_FRAMES && (a >= AUDIO_FRAMES || videoUs <= audioUs)) {
                boolean key = v % 50 == 0;
                byte[] frame = new byte[key ? 100_000 : 10_000];
                random.nextBytes(frame);
                for (int i = 0; i < frame.length; i++) {
                    frame[i] |= 1; // no 00 00 01 inside the slice
                }
                ByteBuffer.wrap(frame).putInt(frame.length - 4);
                frame[4] = (byte) (key ? 0x65 : 0x41);
                out.writeBytes(
                        m.write(new MediaPacket(0, video, videoUs, videoUs + 80_000, 0, key, ByteBuffer.wrap(frame))));
                v++;
            } else {
                byte[] frame = new byte[370];
                random.nextBytes(frame);
                out.writeBytes(m.write(new MediaPacket(1, audio, audioUs, audioUs, 0, true, ByteBuffer.wrap(frame))));
                a++;
            }
        }
        ts = out.toByteArray();
        BYTES_PER_PACKET = (double) ts.length / PACKETS;
        System.out.printf(
                "%nTS of %d bytes, %d packets, %.1f bytes per packet: MB/s = ops/s x %.6f%n",
                ts.length, PACKETS, BYTES_PER_PACKET, BYTES_PER_PACKET / 1e6);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void demux(Blackhole bh) {
        TsDemuxer d = new TsDemuxer();
        int n = 0;
        for (int p = 0; p < ts.length; p += DATAGRAM) {
            d.feed(ts, p, Math.min(DATAGRAM, ts.length - p));
            MediaPacket pkt;
            while ((pkt = d.poll()) != null) {
                bh.consume(pkt);
                n++;
            }
        }
        d.endOfStream();
        MediaPacket pkt;
        while ((pkt = d.poll()) != null) {
            bh.consume(pkt);
            n++;
        }
        if (n != PACKETS) {
            throw new IllegalStateException("demuxed " + n + " packets");
        }
    }
}
