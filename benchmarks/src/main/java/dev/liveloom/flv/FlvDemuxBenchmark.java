package dev.liveloom.flv;

import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.flv.tag.HevcLayout;
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
 * Demuxes a 60-second in-memory FLV (H.264 at about 2.5 Mbit/s: a 100 KB key frame every 2 s and
 * 10 KB inter frames at 25 fps, plus 128 kbit/s AAC) built with {@link FlvMuxer} in setup. The score
 * is per packet; bytes per second = ops/s x {@link #AVERAGE_PACKET_BYTES} (printed in setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FlvDemuxBenchmark {
    static final int VIDEO_FRAMES = 1500;
    static final int AUDIO_FRAMES = 2584;
    static final int PACKETS = VIDEO_FRAMES + AUDIO_FRAMES;
    static double AVERAGE_PACKET_BYTES;

    private byte[] flv;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        HexFormat hex = HexFormat.of();
        TrackFormat video =
                CodecConfigs.toFormat(Codec.H264, hex.parseHex("0164001fffe1000467640028010004" + "68ee3c80"));
        TrackFormat audio = CodecConfigs.toFormat(Codec.AAC, hex.parseHex("1210"));
        Random random = new Random(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(24 << 20);
        FlvMuxer m = new FlvMuxer(out, HevcLayout.ENHANCED);
        m.start(List.of(video, audio), null);
        int v = 0;
        int a = 0;
        while (v < VIDEO_FRAMES || a < AUDIO_FRAMES) {
            long videoUs = v * 40_000L;
            long audioUs = a * 1024L * 1_000_000 / 44_100;
            if (v < VIDEO_FRAMES && (a >= AUDIO_FRAMES || videoUs <= audioUs)) {
                boolean key = v % 50 == 0;
                byte[] frame = new byte[key ? 100_000 : 10_000];
                random.nextBytes(frame);
                ByteBuffer.wrap(frame).putInt(frame.length - 4);
                m.write(new MediaPacket(0, video, videoUs, videoUs + 80_000, 0, key, ByteBuffer.wrap(frame)));
                v++;
            } else {
                byte[] frame = new byte[370];
                random.nextBytes(frame);
                m.write(new MediaPacket(1, audio, audioUs, audioUs, 0, true, ByteBuffer.wrap(frame)));
                a++;
            }
        }
        m.finish();
        flv = out.toByteArray();
        AVERAGE_PACKET_BYTES = (double) flv.length / PACKETS;
        System.out.printf(
                "%nFLV of %d bytes, %d packets, %.1f bytes per packet%n", flv.length, PACKETS, AVERAGE_PACKET_BYTES);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void demux(Blackhole bh) throws IOException {
        FlvDemuxer d = new FlvDemuxer(new ByteArrayInput("bench.flv", flv));
        int n = 0;
        MediaPacket p;
        while ((p = d.read()) != null) {
            bh.consume(p);
            n++;
        }
        if (n != PACKETS || !d.ended()) {
            throw new IllegalStateException("demuxed " + n + " packets");
        }
    }
}
