package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.rtmp.chunk.ChunkEncoder;
import dev.liveloom.rtmp.message.RtmpMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link RtmpMessage}s as chunks with a {@link ChunkEncoder}, and {@link PreEncoded} chunks
 * as they are. Messages written between two flushes are encoded into one buffer, handed on at the
 * flush (or when its buffer is full): one buffer, one outbound entry and one socket write per batch rather
 * than per message. Not sharable: header compression keeps per-connection state.
 */
public final class ChunkEncoderHandler extends ChannelOutboundHandlerAdapter {
    /**
     * Size of a batch buffer (or of the one message that needs more): a batch that is full is
     * handed on before the flush.
     */
    static final int BATCH_BUFFER = 64 << 10;

    private final ChunkEncoder encoder = new ChunkEncoder();
    /** Encoded and not yet handed on; null when empty. */
    private ByteBuf batch;
    /** Promises of the messages in {@link #batch} (void promises are not kept). */
    private final List<ChannelPromise> promises = new ArrayList<>();

    public ChunkEncoder encoder() {
        return encoder;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof PreEncoded pre) {
            handOn(ctx);
            encoder.forget(pre.csid());
            ctx.write(pre.bytes(), promise);
            return;
        }
        if (!(msg instanceof RtmpMessage m)) {
            handOn(ctx);
            ctx.write(msg, promise);
            return;
        }
        try {
            int max = encoder.maxEncodedLength(m.length());
            if (batch != null && batch.writableBytes() < max) {
                handOn(ctx);
            }
            if (batch == null) {
                batch = ctx.alloc().ioBuffer(Math.max(BATCH_BUFFER, max));
            }
            ByteBuffer nio = batch.nioBuffer(batch.writerIndex(), max);
            int start = nio.position();
            encoder.encode(m, nio);
            batch.writerIndex(batch.writerIndex() + nio.position() - start);
            if (!promise.isVoid()) {
                promises.add(promise);
            }
        } catch (RuntimeException e) {
            promise.tryFailure(e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        handOn(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        handOn(ctx);
        super.close(ctx, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        for (ChannelPromise p : promises) {
            p.tryFailure(new java.nio.channels.ClosedChannelException());
        }
        promises.clear();
    }

    /** Writes the batch on (unflushed) with one promise that settles every message's. */
    private void handOn(ChannelHandlerContext ctx) {
        if (batch == null) {
            return;
        }
        ByteBuf b = batch;
        batch = null;
        if (promises.isEmpty()) {
            ctx.write(b, ctx.voidPromise());
            return;
        }
        List<ChannelPromise> waiting = new ArrayList<>(promises);
        promises.clear();
        ctx.write(b).addListener(f -> {
            for (ChannelPromise p : waiting) {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }
        });
    }
}
