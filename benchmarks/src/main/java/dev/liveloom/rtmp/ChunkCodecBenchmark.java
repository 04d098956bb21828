package dev.liveloom.rtmp;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.chunk.ChunkDecoder;
import dev.liveloom.rtmp.chunk.ChunkEncoder;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * RTMP chunk decode and encode at a 4 KiB chunk size: one operation is one 4096-byte chunk (plus its
 * header), so bytes per second = ops/s x ~4097. The input is 16 video messages of 64 KiB, i.e. 256
 * chunks per invocation, built in {@link #setup}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ChunkCodecBenchmark {
    static final int CHUNK_SIZE = 4096;
    static final int MESSAGES = 16;
    static final int MESSAGE_LENGTH = 16 * CHUNK_SIZE;
    static final int CHUNKS = MESSAGES * MESSAGE_LENGTH / CHUNK_SIZE;

    private RtmpMessage[] messages;
    private ByteBuffer wire;
    private ByteBuffer out;

    @Setup
    public void setup() {
        Random r = new Random(1);
        messages = new RtmpMessage[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            byte[] p = new byte[MESSAGE_LENGTH];
            r.nextBytes(p);
            messages[i] = RtmpMessage.of(6, 9, 1, i * 40L, p);
        }
        ChunkEncoder e = new ChunkEncoder();
        e.setChunkSize(CHUNK_SIZE);
        ByteBuffer b = ByteBuffer.allocate(MESSAGES * e.maxEncodedLength(MESSAGE_LENGTH) + 64);
        for (RtmpMessage m : messages) {
            e.encode(m, b);
        }
        b.flip();
        wire = b;
        out = ByteBuffer.allocate(b.capacity());
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public void decode(Blackhole bh) throws MediaParseException {
        ChunkDecoder d = new ChunkDecoder();
        // the peer announced 4 KiB chunks earlier on the connection
        d.decode(ByteBuffer.wrap(new ChunkEncoder().encode(new SetChunkSize(CHUNK_SIZE).toMessage())), bh::consume);
        d.decode(wire.duplicate(), bh::consume);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public ByteBuffer encode() {
        ChunkEncoder e = new ChunkEncoder();
        e.setChunkSize(CHUNK_SIZE);
        out.clear();
        for (RtmpMessage m : messages) {
            e.encode(m, out);
        }
        return out;
    }
}
