package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.chunk.ChunkDecoder;
import dev.liveloom.rtmp.chunk.ChunkDecoderConfig;
import dev.liveloom.rtmp.message.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns inbound bytes (after the handshake) into {@link RtmpMessage}s with a {@link ChunkDecoder}.
 * The decoder keeps partial headers and messages itself, so every readable byte is consumed. On
 * malformed input or a broken limit the channel is closed and an {@link RtmpDecoderException} is
 * raised; later bytes are discarded.
 */
public final class ChunkDecoderHandler extends ByteToMessageDecoder {
    private final ChunkDecoder decoder;
    private boolean failed;

    public ChunkDecoderHandler() {
        this(ChunkDecoderConfig.DEFAULTS);
    }

    public ChunkDecoderHandler(ChunkDecoderConfig config) {
        this.decoder = new ChunkDecoder(config);
    }

    /** The underlying decoder (chunk size in use, bytes consumed, buffered capacity). */
    public ChunkDecoder decoder() {
        return decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int readable = in.readableBytes();
        if (failed) {
            in.skipBytes(readable);
            return;
        }
        if (readable == 0) {
            return;
        }
        ByteBuffer nio = in.nioBufferCount() == 1
                ? in.nioBuffer(in.readerIndex(), readable)
                : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(in, in.readerIndex(), readable));
        try {
            decoder.decode(nio, out::add);
        } catch (MediaParseException e) {
            failed = true;
            in.skipBytes(readable);
            ctx.close();
            throw new RtmpDecoderException(e);
        }
        in.skipBytes(readable);
    }
}
