package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.rtmp.chunk.ChunkEncoder;
import dev.liveloom.rtmp.message.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/**
 * Writes {@link RtmpMessage}s as chunks with a {@link ChunkEncoder}, and {@link PreEncoded} chunks
 * as they are. Not sharable: header compression keeps per-connection state.
 */
public final class ChunkEncoderHandler extends MessageToByteEncoder<RtmpMessage> {
    private final ChunkEncoder encoder = new ChunkEncoder();

    public ChunkEncoderHandler() {
        super(RtmpMessage.class);
    }

    public ChunkEncoder encoder() {
        return encoder;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof PreEncoded pre) {
            encoder.forget(pre.csid());
            ctx.write(pre.bytes(), promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RtmpMessage msg, boolean preferDirect) {
        int max = encoder.maxEncodedLength(msg.length());
        return preferDirect ? ctx.alloc().ioBuffer(max) : ctx.alloc().heapBuffer(max);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
        int max = encoder.maxEncodedLength(msg.length());
        out.ensureWritable(max);
        ByteBuffer nio = out.nioBuffer(out.writerIndex(), max);
        int start = nio.position();
        encoder.encode(msg, nio);
        out.writerIndex(out.writerIndex() + nio.position() - start);
    }
}
