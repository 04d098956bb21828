package dev.liveloom.core.codec;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
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
 * NAL scanning over one H.264 access unit (AUD, SPS, PPS, then {@code slices} slices of
 * {@code sliceBytes} random, emulation-prevented bytes): Annex B start code search, conversion to
 * length prefixes, keyframe detection on length-prefixed data, and emulation prevention removal.
 * Throughput is reported per access unit; divide the size by the time for bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NalScanBenchmark {
    @Param({"4"})
    public int slices;

    @Param({"2000", "50000"})
    public int sliceBytes;

    private ByteBuffer annexB;
    private ByteBuffer directAnnexB;
    private ByteBuffer lengthPrefixed;
    private byte[] slice;

    @Setup
    public void setup() throws MediaParseException {
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeNal(out, new byte[] {0x09, 0x10});
        writeNal(out, hex("6764000cacd941419f9f011000000300100000030320f1429960"));
        writeNal(out, hex("68ef821cb0"));
        for (int i = 0; i < slices; i++) {
            byte[] rbsp = new byte[sliceBytes];
            random.nextBytes(rbsp);
            rbsp[0] = (byte) (i == 0 ? 0x65 : 0x41);
            rbsp[rbsp.length - 1] = (byte) 0x80;
            slice = NalUnits.escape(rbsp);
            writeNal(out, slice);
        }
        byte[] au = out.toByteArray();
        annexB = ByteBuffer.wrap(au).asReadOnlyBuffer();
        directAnnexB = ByteBuffer.allocateDirect(au.length).put(au).flip().asReadOnlyBuffer();
        lengthPrefixed =
                ByteBuffer.wrap(NalUnits.annexBToLengthPrefixed(annexB, 4)).asReadOnlyBuffer();
    }

    private static void writeNal(ByteArrayOutputStream out, byte[] nal) {
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(1);
        out.write(nal, 0, nal.length);
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    @Benchmark
    public int scanAnnexB() throws MediaParseException {
        int[] count = {0};
        NalUnits.forEachAnnexB(annexB, (buf, off, len) -> count[0] += len);
        return count[0];
    }

    @Benchmark
    public int scanAnnexBDirect() throws MediaParseException {
        int[] count = {0};
        NalUnits.forEachAnnexB(directAnnexB, (buf, off, len) -> count[0] += len);
        return count[0];
    }

    @Benchmark
    public byte[] annexBToLengthPrefixed() throws MediaParseException {
        return NalUnits.annexBToLengthPrefixed(annexB, 4);
    }

    @Benchmark
    public boolean keyframeLengthPrefixed() throws MediaParseException {
        return NalUnits.containsRandomAccess(Codec.H264, lengthPrefixed, 4);
    }

    @Benchmark
    public byte[] unescapeSlice() {
        return NalUnits.unescape(slice);
    }
}
