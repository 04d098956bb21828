package dev.liveloom.rtmp.testing;

import dev.liveloom.rtmp.internal.netty.HandshakeCompleted;
import dev.liveloom.rtmp.message.RtmpMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Last handler of a test pipeline: records decoded messages, the handshake result and failures. */
public final class RecordingHandler extends ChannelInboundHandlerAdapter {
    public final BlockingQueue<RtmpMessage> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<HandshakeCompleted> handshake = new CompletableFuture<>();
    public final CompletableFuture<Void> closed = new CompletableFuture<>();
    public final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RtmpMessage m) {
            messages.add(m);
        } else {
            io.netty.util.ReferenceCountUtil.release(msg);
            errors.add(new AssertionError("unexpected inbound object " + msg));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HandshakeCompleted h) {
            handshake.complete(h);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
        handshake.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed.complete(null);
        handshake.completeExceptionally(new AssertionError("channel closed before the handshake completed"));
    }

    /** The next message, failing after {@code timeout}. */
    public RtmpMessage next(Duration timeout) throws InterruptedException {
        RtmpMessage m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout + "; errors: " + errors);
        }
        return m;
    }
}
