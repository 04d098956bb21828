package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.rtmp.command.Command;
import dev.liveloom.rtmp.command.Commands;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.url.RtmpUrl;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of publishing, after the handshake: connect, releaseStream, FCPublish,
 * createStream, publish, then wait for NetStream.Publish.Start. {@link #published()} completes with
 * the message stream ID, or fails with the server's code and description.
 */
public final class PublishSession extends RtmpConnection {
    private static final double TX_CONNECT = 1;
    private static final double TX_CREATE_STREAM = 4;

    private final RtmpUrl url;
    private final int chunkSize;
    private final boolean enhanced;
    private final CompletableFuture<Integer> published = new CompletableFuture<>();
    private final Runnable onWritable;
    private int streamId = -1;

    public PublishSession(RtmpUrl url, int chunkSize, boolean enhanced, Runnable onWritable) {
        this.url = url;
        this.chunkSize = chunkSize;
        this.enhanced = enhanced;
        this.onWritable = onWritable;
    }

    /** Completes with the stream ID once the server said NetStream.Publish.Start. */
    public CompletableFuture<Integer> published() {
        return published;
    }

    @Override
    protected void onHandshakeDone(HandshakeCompleted hc) {
        setOutgoingChunkSize(chunkSize);
        sendCommand(Commands.connect(url.app(), url.tcUrl(), true, enhanced), 0);
    }

    @Override
    protected void onCommand(Command c, RtmpMessage m) {
        switch (c.name()) {
            case Commands.RESULT -> {
                if (c.transactionId() == TX_CONNECT) {
                    sendCommand(Commands.releaseStream(2, url.streamName()), 0);
                    sendCommand(Commands.fcPublish(3, url.streamName()), 0);
                    sendCommand(Commands.createStream(TX_CREATE_STREAM), 0);
                } else if (c.transactionId() == TX_CREATE_STREAM && streamId < 0) {
                    Object id = c.arguments().isEmpty() ? null : c.arguments().get(0);
                    if (!(id instanceof Double d)) {
                        fail("createStream answered without a stream ID");
                        return;
                    }
                    streamId = d.intValue();
                    sendCommand(Commands.publish(5, url.streamName()), streamId);
                }
            }
            case Commands.ERROR -> {
                // releaseStream and FCPublish may be refused by servers that do not know them
                if (c.transactionId() == TX_CONNECT
                        || c.transactionId() == TX_CREATE_STREAM
                        || c.transactionId() == 5) {
                    fail(describe("refused", c));
                }
            }
            case Commands.ON_STATUS -> {
                String code = c.statusCode();
                if ("NetStream.Publish.Start".equals(code)) {
                    published.complete(streamId);
                } else if (code != null
                        && (code.contains("Failed")
                                || code.contains("BadName")
                                || code.contains("Rejected")
                                || "error".equals(level(c)))) {
                    fail(describe("publish refused", c));
                }
            }
            default -> {
                // onBWDone, onFCPublish and the like need no answer
            }
        }
    }

    private static String level(Command c) {
        var info = c.infoArgument(0);
        return info == null ? null : String.valueOf(info.get("level"));
    }

    private static String describe(String what, Command c) {
        String code = c.statusCode();
        String d = c.statusDescription();
        return what + ": " + (code == null ? c.name() : code) + (d == null ? "" : " (" + d + ")");
    }

    private void fail(String reason) {
        if (published.completeExceptionally(new IOException(reason))) {
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            onWritable.run();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        published.completeExceptionally(new IOException("connection closed before publishing started"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        published.completeExceptionally(cause);
        ctx.close();
    }
}
