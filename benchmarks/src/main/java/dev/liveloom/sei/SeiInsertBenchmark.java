package dev.liveloom.sei;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.runtime.Clock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SEI insertion on every access unit: a LayoutVolume channel on key frames, every packet a key frame,
 * the layout JSON padded by its pass-through member to a 1 KiB payload. Each access unit is an AUD and
 * one slice of {@code sliceBytes}; the result is a new packet with the SEI before the slice (one new
 * buffer, the JSON's {@code ts} from the system clock). Reported in access units per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SeiInsertBenchmark {
    @Param({"h264", "hevc"})
    public String codec;

    @Param({"2000", "20000"})
    public int sliceBytes;

    private static final int PAYLOAD_BYTES = 1024;
    private static final int AUS = 16;

    private MediaPacket[] aus;
    private SeiInserter inserter;
    private int next;

    @Setup
    public void setup() throws MediaParseException {
        Codec c = codec.equals("hevc") ? Codec.HEVC : Codec.H264;
        TrackFormat format =
                TrackFormat.builder(c).size(1280, 720).nalLengthSize(4).build();
        LayoutSei base = LayoutSei.singleStreamer("streamer111", 1280, 720).withTs(System.currentTimeMillis());
        int pad = PAYLOAD_BYTES - 16 - base.toJsonBytes().length - ",\"udd\":\"\"".length();
        LayoutSei layout = base.toBuilder().passThrough("x".repeat(pad)).build();
        if (16 + layout.toJsonBytes().length != PAYLOAD_BYTES) {
            throw new IllegalStateException("payload is " + (16 + layout.toJsonBytes().length));
        }
        inserter = new SeiInserter(
                SeiSettings.builder()
                        .layoutVolume(SeiSettings.Channel.layoutVolume(SeiSchedule.onKeyFrames(), layout))
                        .build(),
                Clock.SYSTEM);
        Random random = new Random(42);
        aus = new MediaPacket[AUS];
        for (int i = 0; i < AUS; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeNal(out, c == Codec.HEVC ? new byte[] {0x46, 0x01, 0x50} : new byte[] {0x09, 0x10});
            byte[] rbsp = new byte[sliceBytes];
            random.nextBytes(rbsp);
            if (c == Codec.HEVC) {
                rbsp[0] = 0x02;
                rbsp[1] = 0x01;
            } else {
                rbsp[0] = 0x41;
            }
            rbsp[rbsp.length - 1] = (byte) 0x80;
            writeNal(out, NalUnits.escape(rbsp));
            aus[i] = new MediaPacket(
                    0, format, i * 40_000L, i * 40_000L, 40_000, true, ByteBuffer.wrap(out.toByteArray()));
        }
        MediaPacket check = inserter.apply(aus[0]);
        if (check.size() <= aus[0].size() + PAYLOAD_BYTES) {
            throw new IllegalStateException("no SEI inserted");
        }
    }

    private static void writeNal(ByteArrayOutputStream out, byte[] nal) {
        out.write(nal.length >>> 24);
        out.write(nal.length >>> 16);
        out.write(nal.length >>> 8);
        out.write(nal.length);
        out.writeBytes(nal);
    }

    @Benchmark
    public MediaPacket insert() throws MediaParseException {
        MediaPacket p = aus[next];
        next = (next + 1) & (AUS - 1);
        return inserter.apply(p);
    }
}
