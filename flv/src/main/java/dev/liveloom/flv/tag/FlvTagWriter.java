package dev.liveloom.flv.tag;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes an FLV byte stream: the file header with PreviousTagSize0, then tags each followed by its
 * PreviousTagSize. Bodies are written as a small header plus a data view, so media payloads are not
 * copied into an intermediate tag buffer. Not thread-safe; does not close the stream.
 */
public final class FlvTagWriter {
    private final OutputStream out;
    private final byte[] scratch = new byte[8192];
    private long written;

    public FlvTagWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    /** Writes the file header and PreviousTagSize0 (0). */
    public void writeHeader(FlvHeader header) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(scratch, 0, header.dataOffset() + 4);
        header.write(b);
        while (b.position() < header.dataOffset()) {
            b.put((byte) 0);
        }
        b.putInt(0);
        emit(b.position());
    }

    /** Writes a video tag. */
    public void writeVideo(long timestampMs, VideoTagBody body) throws IOException {
        FlvTagHeader h = FlvTagHeader.of(FlvTagHeader.VIDEO, body.size(), timestampMs);
        ByteBuffer b = ByteBuffer.wrap(scratch);
        h.write(b);
        body.writeHeader(b);
        emit(b.position());
        writeData(body.data());
        writeTrailer(h);
    }

    /** Writes an audio tag. */
    public void writeAudio(long timestampMs, AudioTagBody body) throws IOException {
        FlvTagHeader h = FlvTagHeader.of(FlvTagHeader.AUDIO, body.size(), timestampMs);
        ByteBuffer b = ByteBuffer.wrap(scratch);
        h.write(b);
        body.writeHeader(b);
        emit(b.position());
        writeData(body.data());
        writeTrailer(h);
    }

    /** Writes a tag of any type with {@code body} as its whole data. */
    public void writeTag(int type, long timestampMs, ByteBuffer body) throws IOException {
        FlvTagHeader h = FlvTagHeader.of(type, body.remaining(), timestampMs);
        ByteBuffer b = ByteBuffer.wrap(scratch);
        h.write(b);
        emit(b.position());
        writeData(body.duplicate());
        writeTrailer(h);
    }

    private void writeTrailer(FlvTagHeader h) throws IOException {
        ByteBuffer.wrap(scratch).putInt(h.tagSize());
        emit(4);
    }

    private void writeData(ByteBuffer data) throws IOException {
        int n = data.remaining();
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + data.position(), n);
        } else {
            while (data.hasRemaining()) {
                int k = Math.min(scratch.length, data.remaining());
                data.get(scratch, 0, k);
                out.write(scratch, 0, k);
            }
        }
        written += n;
    }

    private void emit(int n) throws IOException {
        out.write(scratch, 0, n);
        written += n;
    }
}
