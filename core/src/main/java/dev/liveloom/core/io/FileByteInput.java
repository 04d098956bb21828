package dev.liveloom.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * A local file, memory-mapped in segments so reads are zero-copy. Reads never return {@code null}.
 */
public final class FileByteInput implements ByteInput {
    /** Mapping granularity; a read that straddles two segments is copied. */
    private static final long SEGMENT = 1L << 30;

    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    private final Path path;
    private final FileChannel channel;
    private final long length;
    private final MappedByteBuffer[] segments;
    private volatile boolean closed;

    private FileByteInput(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.length = channel.size();
        this.segments = new MappedByteBuffer[(int) ((length + SEGMENT - 1) / SEGMENT)];
    }

    public static FileByteInput open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new FileByteInput(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
        if (closed) {
            throw new IOException(name() + ": closed");
        }
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("position " + position + ", length " + length);
        }
        if (position >= this.length) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        int n = (int) Math.min(length, this.length - position);
        int seg = (int) (position / SEGMENT);
        int off = (int) (position % SEGMENT);
        MappedByteBuffer m = segment(seg);
        if (off + (long) n <= m.capacity()) {
            return m.slice(off, n).asReadOnlyBuffer();
        }
        ByteBuffer copy = ByteBuffer.allocate(n);
        long p = position;
        while (copy.hasRemaining()) {
            int s = (int) (p / SEGMENT);
            int o = (int) (p % SEGMENT);
            MappedByteBuffer mb = segment(s);
            int k = Math.min(copy.remaining(), mb.capacity() - o);
            copy.put(mb.slice(o, k));
            p += k;
        }
        return copy.flip().asReadOnlyBuffer();
    }

    private MappedByteBuffer segment(int i) throws IOException {
        MappedByteBuffer m = segments[i];
        if (m == null) {
            long start = i * SEGMENT;
            m = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(SEGMENT, length - start));
            segments[i] = m;
        }
        return m;
    }

    @Override
    public CompletableFuture<Void> ready() {
        return READY;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public String name() {
        return dev.liveloom.core.log.Redaction.text(path.toString());
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the file was only read
        }
    }
}
