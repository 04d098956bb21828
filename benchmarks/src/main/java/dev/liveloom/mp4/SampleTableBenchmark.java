package dev.liveloom.mp4;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.mp4.box.Box;
import dev.liveloom.mp4.box.BoxHeader;
import dev.liveloom.mp4.box.Ctts;
import dev.liveloom.mp4.box.Elst;
import dev.liveloom.mp4.box.Esds;
import dev.liveloom.mp4.box.FullBox;
import dev.liveloom.mp4.box.MediaHeaders;
import dev.liveloom.mp4.box.SampleEntry;
import dev.liveloom.mp4.box.Stco;
import dev.liveloom.mp4.box.Stsc;
import dev.liveloom.mp4.box.Stss;
import dev.liveloom.mp4.box.Stsz;
import dev.liveloom.mp4.box.Stts;
import dev.liveloom.mp4.internal.MovieParser;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parses the moov of a synthetic two-hour progressive file: H.264 at 25 fps with B-frames (ctts,
 * stss every 50 frames, an edit list) and AAC at 44.1 kHz, chunks of about one second. The score is
 * samples per second (one operation = one sample).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SampleTableBenchmark {
    static final int SECONDS = 2 * 3600;
    static final int VIDEO = SECONDS * 25;
    static final int AUDIO = (int) ((long) SECONDS * 44100 / 1024);
    static final int SAMPLES = VIDEO + AUDIO;

    private Box moov;

    @Setup
    public void setup() throws MediaParseException {
        byte[] avcc = {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe0, 0};
        java.util.Random rnd = new java.util.Random(1);
        // video: I P B B pattern offsets, sizes 500..20k, chunks of 25 samples
        int[] vSizes = new int[VIDEO];
        int[] cttsCounts = new int[VIDEO];
        int[] cttsOffsets = new int[VIDEO];
        for (int i = 0; i < VIDEO; i++) {
            vSizes[i] = 500 + rnd.nextInt(20_000);
            cttsCounts[i] = 1;
            cttsOffsets[i] = switch (i % 3) {
                case 0 -> 1024;
                case 1 -> 1536;
                default -> 512;
            };
        }
        int[] sync = new int[VIDEO / 50];
        for (int i = 0; i < sync.length; i++) {
            sync[i] = 1 + 50 * i;
        }
        int[] aSizes = new int[AUDIO];
        for (int i = 0; i < AUDIO; i++) {
            aSizes[i] = 150 + rnd.nextInt(200);
        }
        long[] vChunks = new long[VIDEO / 25];
        long[] aChunks = new long[(AUDIO + 42) / 43];
        long pos = 1 << 20;
        for (int c = 0; c < Math.max(vChunks.length, aChunks.length); c++) {
            if (c < vChunks.length) {
                vChunks[c] = pos;
                pos += 25L * 10_000;
            }
            if (c < aChunks.length) {
                aChunks[c] = pos;
                pos += 43L * 250;
            }
        }
        byte[] video = trak(
                1,
                "vide",
                12800,
                FullBox.container(
                        "edts",
                        new Elst(new long[] {SECONDS * 1000L}, new long[] {1024}, new int[] {0x10000}).write(0)),
                SampleEntry.writeStsd(SampleEntry.writeVisual("avc1", 1280, 720, "avcC", avcc)),
                new Stts(new int[] {VIDEO}, new int[] {512}).write(),
                new Ctts(0, cttsCounts, cttsOffsets).write(),
                new Stss(sync).write(),
                new Stsc(new int[] {1}, new int[] {25}, new int[] {1}).write(),
                new Stsz(0, VIDEO, vSizes).write(32),
                new Stco(vChunks).write(true));
        byte[] audio = trak(
                2,
                "soun",
                44100,
                FullBox.container(
                        "edts",
                        new Elst(new long[] {SECONDS * 1000L}, new long[] {1024}, new int[] {0x10000}).write(0)),
                SampleEntry.writeStsd(SampleEntry.writeMp4a(2, 44100, new Esds(0x40, new byte[] {0x12, 0x10}))),
                new Stts(new int[] {AUDIO}, new int[] {1024}).write(),
                new Stsc(new int[] {1}, new int[] {43}, new int[] {1}).write(),
                new Stsz(0, AUDIO, aSizes).write(32),
                new Stco(aChunks).write(true));
        byte[] bytes =
                FullBox.container("moov", MediaHeaders.writeTimescale("mvhd", 1000, SECONDS * 1000L), video, audio);
        moov = new Box(
                BoxHeader.MOOV, 8, ByteBuffer.wrap(bytes, 8, bytes.length - 8).slice());
        if (MovieParser.parse(moov, -1).tracks().size() != 2) {
            throw new IllegalStateException("synthetic moov did not parse");
        }
    }

    private static byte[] trak(int id, String handler, long timescale, byte[] edts, byte[]... stbl) {
        return FullBox.container(
                "trak",
                MediaHeaders.writeTkhd(id),
                edts,
                FullBox.container(
                        "mdia",
                        MediaHeaders.writeTimescale("mdhd", timescale, 0),
                        MediaHeaders.writeHandler(handler),
                        FullBox.container("minf", FullBox.container("stbl", stbl))));
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public Object parseMoov() throws MediaParseException {
        return MovieParser.parse(moov, -1);
    }
}
