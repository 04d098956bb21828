package dev.liveloom.flv.tag;

import java.nio.ByteBuffer;

/**
 * One tag as framed by {@link FlvTagReader}: where it starts in the source, its header and its body
 * (a read-only view of the input's bytes, {@code header.dataSize()} long).
 *
 * @param offset byte offset of the tag header in the source (FFmpeg's packet {@code pos})
 */
public record FlvTag(long offset, FlvTagHeader header, ByteBuffer body) {
    /** Offset of the body's first byte in the source. */
    public long bodyOffset() {
        return offset + FlvTagHeader.SIZE;
    }

    /** A view of the body, positioned at its start. */
    @Override
    public ByteBuffer body() {
        return body.duplicate();
    }
}
