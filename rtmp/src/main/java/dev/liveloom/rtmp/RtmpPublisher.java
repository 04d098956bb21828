package dev.liveloom.rtmp;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSink;
import dev.liveloom.flv.tag.HevcLayout;
import dev.liveloom.rtmp.command.Commands;
import dev.liveloom.rtmp.internal.netty.ClientChannels;
import dev.liveloom.rtmp.internal.netty.PublishSession;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.session.MediaMessages;
import dev.liveloom.rtmp.url.RtmpUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to an rtmp:// or rtmps:// URL as a {@link MediaSink}: digest handshake, connect with the
 * enhanced-RTMP fourCcList, releaseStream/FCPublish/createStream/publish, then onMetaData, sequence
 * headers (again whenever a track's configuration changes) and frames. {@link #offer} refuses when
 * more than {@code maxQueuedBytes} wait or the socket is not writable, so a slow ingest slows the
 * pipeline instead of growing memory. Runs on the given event loop group; no thread of its own.
 */
public final class RtmpPublisher implements MediaSink {
    private static final Logger log = LoggerFactory.getLogger(RtmpPublisher.class);

    private final RtmpUrl url;
    private final RtmpSinkOptions options;
    private final EventLoopGroup group;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile CompletableFuture<Void> writable = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean ready;
    private volatile boolean closing;
    private MediaMessages messages;
    private long lastDtsMs;
    /** Event-loop confined: a flush is queued behind the writes of this turn. */
    private boolean flushPending;

    private RtmpPublisher(RtmpUrl url, RtmpSinkOptions options, EventLoopGroup group) {
        this.url = url;
        this.options = options;
        this.group = group;
    }

    /**
     * A publisher for {@code url}; nothing connects until {@link #open()}.
     *
     * @throws IllegalArgumentException for a URL that is not rtmp:// or rtmps:// (redacted message)
     */
    public static RtmpPublisher create(String url, RtmpSinkOptions options, EventLoopGroup group) {
        return new RtmpPublisher(RtmpUrl.parse(url), options, group);
    }

    @Override
    public String name() {
        return url.toString();
    }

    @Override
    public CompletableFuture<Void> open() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        SslContext ssl;
        try {
            ssl = ClientChannels.tls(url, options.trustManager());
        } catch (SSLException e) {
            result.completeExceptionally(new IOException(name() + ": TLS setup failed: " + e.getMessage(), e));
            return result;
        }
        PublishSession session = new PublishSession(
                url, options.chunkSize(), options.hevcLayout() == HevcLayout.ENHANCED, this::onWritable);
        ClientChannels.connect(url, group, ssl, options.connectTimeout(), session)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(new IOException(
                                name() + ": connect failed: " + f.cause().getMessage(), f.cause()));
                        closed.complete(null);
                        return;
                    }
                    Channel ch = f.channel();
                    channel = ch;
                    var timeout = ch.eventLoop()
                            .schedule(
                                    () -> {
                                        if (!session.published().isDone()) {
                                            session.published()
                                                    .completeExceptionally(
                                                            new IOException("no NetStream.Publish.Start within "
                                                                    + options.publishTimeout()
                                                                            .toSeconds() + " s"));
                                            ch.close();
                                        }
                                    },
                                    options.publishTimeout().toMillis(),
                                    TimeUnit.MILLISECONDS);
                    ch.closeFuture().addListener(c -> {
                        timeout.cancel(false);
                        ready = false;
                        if (closing) {
                            closed.complete(null);
                        } else {
                            closed.completeExceptionally(new IOException(name() + ": connection lost"));
                        }
                        writable.complete(null);
                    });
                    session.published().whenComplete((streamId, err) -> {
                        if (err != null) {
                            result.completeExceptionally(new IOException(name() + ": " + err.getMessage(), err));
                            return;
                        }
                        messages = new MediaMessages(streamId, options.hevcLayout());
                        ready = true;
                        log.info("publishing to {}", name());
                        result.complete(null);
                    });
                });
        return result;
    }

    @Override
    public boolean offer(MediaPacket p) {
        Channel ch = channel;
        if (!ready || closing || ch == null) {
            return false;
        }
        if (queuedBytes.get() > options.maxQueuedBytes() || !ch.isWritable()) {
            if (writable.isDone()) {
                writable = new CompletableFuture<>();
            }
            if (ch.isWritable() && queuedBytes.get() <= options.maxQueuedBytes()) {
                writable.complete(null);
            }
            return false;
        }
        if (ch.eventLoop().inEventLoop()) {
            // offered from the connection's own loop (a relay task opens its ingest there): write
            // now, flush once after the caller's batch
            send(ch, p);
            return true;
        }
        int size = p.size();
        queuedBytes.addAndGet(size);
        ch.eventLoop().execute(() -> {
            queuedBytes.addAndGet(-size);
            send(ch, p);
        });
        return true;
    }

    /** On the event loop: encodes and writes {@code p}; one flush follows whatever is written in this turn. */
    private void send(Channel ch, MediaPacket p) {
        if (!ch.isActive()) {
            return;
        }
        messages.encode(p, m -> ch.write(m, ch.voidPromise()));
        lastDtsMs = p.dtsUs() / 1000;
        if (!flushPending) {
            flushPending = true;
            ch.eventLoop().execute(() -> {
                flushPending = false;
                ch.flush();
                if (queuedBytes.get() <= options.maxQueuedBytes() && ch.isWritable()) {
                    writable.complete(null);
                }
            });
        }
    }

    private void onWritable() {
        if (queuedBytes.get() <= options.maxQueuedBytes()) {
            writable.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> writable() {
        return writable;
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Sends the end of the stream (FCUnpublish, deleteStream) after what is queued, then closes. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        Channel ch = channel;
        if (ch == null) {
            closed.complete(null);
            return;
        }
        ch.eventLoop().execute(() -> {
            if (ready && ch.isActive()) {
                RtmpMessage eos = messages.endOfSequence(lastDtsMs);
                if (eos != null) {
                    ch.write(eos);
                }
                ch.write(command(Commands.fcUnpublish(6, url.streamName()), 0));
                ch.write(command(Commands.deleteStream(7, 1), 0));
            }
            ch.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
    }

    private static RtmpMessage command(dev.liveloom.rtmp.command.Command c, int streamId) {
        return new RtmpMessage(
                MediaMessages.CSID_COMMAND, MessageTypes.COMMAND_AMF0, streamId, 0, ByteBuffer.wrap(c.encode()));
    }
}
