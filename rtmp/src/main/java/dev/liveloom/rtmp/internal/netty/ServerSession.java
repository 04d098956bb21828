package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.rtmp.RtmpServerConfig;
import dev.liveloom.rtmp.chunk.ChunkEncoder;
import dev.liveloom.rtmp.command.Command;
import dev.liveloom.rtmp.command.Commands;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetPeerBandwidth;
import dev.liveloom.rtmp.message.UserControl;
import dev.liveloom.rtmp.message.WindowAcknowledgementSize;
import dev.liveloom.rtmp.session.MediaMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the embedded server: answers connect, createStream, publish and play; a
 * publisher's media goes to its {@link StreamHub}, which hands it to the players. A player whose
 * queue grows past the configured bytes is disconnected so it never holds back the publisher or the
 * other players.
 */
public final class ServerSession extends RtmpConnection {
    private static final Logger log = LoggerFactory.getLogger(ServerSession.class);
    private static final int STREAM_ID = 1;
    private static final int OUT_CHUNK_SIZE = 4096;

    private final Hubs hubs;
    private final RtmpServerConfig config;
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Encodes a publisher's messages once for all its players (on the publisher's event loop). */
    private final ChunkEncoder sharedEncoder = new ChunkEncoder();

    private String app = "";
    private StreamHub publishing;
    private StreamHub playing;
    private volatile boolean closedForSlowness;

    /** The server's table of streams. */
    public interface Hubs {
        /** The stream's hub if {@code s} became its publisher, else null (already published). */
        StreamHub publish(String key, ServerSession s);

        /** Joins {@code s} as a player, adding to {@code first} what it must receive first. */
        StreamHub play(String key, ServerSession s, List<RtmpMessage> first);

        void maybeRemove(StreamHub hub);
    }

    public ServerSession(Hubs hubs, RtmpServerConfig config) {
        this.hubs = hubs;
        this.config = config;
        sharedEncoder.setChunkSize(OUT_CHUNK_SIZE);
    }

    @Override
    protected void onHandshakeDone(HandshakeCompleted hc) {
        send(new WindowAcknowledgementSize(2_500_000).toMessage());
        send(new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC).toMessage());
        setOutgoingChunkSize(OUT_CHUNK_SIZE);
        ctx.flush();
    }

    @Override
    protected void onCommand(Command c, RtmpMessage m) {
        switch (c.name()) {
            case Commands.CONNECT -> {
                Object a = c.commandObject() == null ? null : c.commandObject().get("app");
                app = a instanceof String s ? stripQuery(s) : "";
                boolean enhanced =
                        c.commandObject() != null && c.commandObject().containsKey("fourCcList");
                sendCommand(Commands.connectResult(c.transactionId(), enhanced), 0);
            }
            case Commands.CREATE_STREAM -> sendCommand(Commands.result(c.transactionId(), (double) STREAM_ID), 0);
            case Commands.RELEASE_STREAM, Commands.FC_PUBLISH, Commands.FC_UNPUBLISH -> {
                if (c.transactionId() != 0) {
                    sendCommand(Commands.result(c.transactionId(), null), 0);
                }
            }
            case Commands.PUBLISH -> publish(c);
            case Commands.PLAY -> play(c);
            case Commands.DELETE_STREAM, Commands.CLOSE_STREAM -> stopAll();
            default -> {
                // getStreamLength, _checkbw and the like: no answer needed
            }
        }
    }

    private void publish(Command c) {
        String name =
                c.arguments().isEmpty() ? "" : String.valueOf(c.arguments().get(0));
        String stream = stripQuery(name);
        String key = app + "/" + stream;
        String denied = config.authorizer()
                .publish(app, stream, query(name), ctx.channel().remoteAddress());
        if (denied != null) {
            refuse("NetStream.Publish.Unauthorized", denied);
            return;
        }
        StreamHub hub = hubs.publish(key, this);
        if (hub == null) {
            refuse("NetStream.Publish.BadName", "stream " + key + " is already being published");
            return;
        }
        publishing = hub;
        send(UserControl.of(UserControl.Event.STREAM_BEGIN, STREAM_ID).toMessage());
        sendCommand(Commands.onStatus("status", "NetStream.Publish.Start", key + " is now published."), STREAM_ID);
        log.info("publisher {} started {}", ctx.channel().remoteAddress(), key);
        config.listener().publishStarted(key);
    }

    private void play(Command c) {
        String name =
                c.arguments().isEmpty() ? "" : String.valueOf(c.arguments().get(0));
        String stream = stripQuery(name);
        String key = app + "/" + stream;
        String denied =
                config.authorizer().play(app, stream, query(name), ctx.channel().remoteAddress());
        if (denied != null) {
            refuse("NetStream.Play.Failed", denied);
            return;
        }
        List<RtmpMessage> first = new java.util.ArrayList<>();
        StreamHub hub = hubs.play(key, this, first);
        playing = hub;
        send(UserControl.of(UserControl.Event.STREAM_BEGIN, STREAM_ID).toMessage());
        sendCommand(
                Commands.onStatus("status", "NetStream.Play.Reset", "Playing and resetting " + key + "."), STREAM_ID);
        sendCommand(Commands.onStatus("status", "NetStream.Play.Start", "Started playing " + key + "."), STREAM_ID);
        for (RtmpMessage m : first) {
            deliver(m);
        }
        log.info("player {} started {}", ctx.channel().remoteAddress(), key);
        config.listener().playStarted(key);
    }

    private void refuse(String code, String reason) {
        sendCommand(Commands.onStatus("error", code, reason), STREAM_ID);
        log.info("refused {}: {} ({})", ctx.channel().remoteAddress(), code, reason);
    }

    @Override
    protected void onData(List<Object> values, RtmpMessage m) {
        if (publishing == null || values.isEmpty()) {
            return;
        }
        if (Commands.SET_DATA_FRAME.equals(values.get(0)) && values.size() >= 2) {
            // players get "onMetaData, {...}" without the @setDataFrame wrapper
            byte[] body = Command.encodeData(values.subList(1, values.size()).toArray());
            forward(new RtmpMessage(
                    MediaMessages.CSID_DATA, MessageTypes.DATA_AMF0, STREAM_ID, 0, ByteBuffer.wrap(body)));
        }
    }

    @Override
    protected void onMedia(RtmpMessage m) {
        if (publishing != null) {
            boolean video = m.typeId() == MessageTypes.VIDEO;
            forward(new RtmpMessage(
                    video ? MediaMessages.CSID_VIDEO : MediaMessages.CSID_AUDIO,
                    m.typeId(),
                    STREAM_ID,
                    m.timestampMs(),
                    m.payload()));
        }
    }

    /**
     * Hands a published message to the players: encoded once (type 0 header, so the bytes suit every
     * player), then one task per event loop writes a duplicate to each of that loop's players, so a
     * message costs one wake-up per loop rather than one per player.
     */
    private void forward(RtmpMessage m) {
        List<ServerSession> players = publishing.publish(m);
        if (players.isEmpty()) {
            return;
        }
        int csid = m.chunkStreamId();
        ByteBuf encoded = ctx.alloc().ioBuffer(sharedEncoder.maxEncodedLength(m.length()));
        boolean done = false;
        try {
            sharedEncoder.forget(csid);
            ByteBuffer nio = encoded.nioBuffer(0, encoded.capacity());
            sharedEncoder.encode(m, nio);
            encoded.writerIndex(nio.position());
            Map<EventExecutor, List<ServerSession>> byLoop = new IdentityHashMap<>();
            for (ServerSession p : players) {
                byLoop.computeIfAbsent(p.ctx.executor(), k -> new ArrayList<>()).add(p);
            }
            for (Map.Entry<EventExecutor, List<ServerSession>> e : byLoop.entrySet()) {
                ByteBuf forLoop = encoded.retain();
                List<ServerSession> group = e.getValue();
                Runnable task = () -> {
                    try {
                        for (ServerSession p : group) {
                            p.deliverEncoded(csid, forLoop);
                        }
                    } finally {
                        forLoop.release();
                    }
                };
                if (e.getKey().inEventLoop()) {
                    task.run();
                } else {
                    e.getKey().execute(task);
                }
            }
            done = true;
        } finally {
            encoded.release();
            if (!done) {
                log.warn("could not forward a message of {} bytes on {}", m.length(), publishing.key);
            }
        }
    }

    /** On this player's event loop: writes a duplicate of chunks encoded for all players. */
    private void deliverEncoded(int csid, ByteBuf shared) {
        if (closedForSlowness || !ctx.channel().isActive()) {
            return;
        }
        int size = shared.readableBytes();
        if (!admit(size)) {
            return;
        }
        ctx.channel()
                .writeAndFlush(new PreEncoded(csid, shared.retainedDuplicate()))
                .addListener(f -> queuedBytes.addAndGet(-size));
    }

    /** Counts {@code size} more bytes queued for this player; disconnects it past the limit. */
    private boolean admit(int size) {
        long q = queuedBytes.addAndGet(size);
        if (q > config.maxPlayerQueueBytes()) {
            closedForSlowness = true;
            log.warn(
                    "player {} disconnected: more than {} bytes queued (too slow)",
                    ctx.channel().remoteAddress(),
                    config.maxPlayerQueueBytes());
            ctx.channel().close();
            return false;
        }
        return true;
    }

    /** Queues a message for this player, from any thread; disconnects it when it falls too far behind. */
    void deliver(RtmpMessage m) {
        if (closedForSlowness) {
            return;
        }
        int size = m.payload().remaining();
        if (!admit(size)) {
            return;
        }
        ctx.channel().writeAndFlush(m).addListener(f -> queuedBytes.addAndGet(-size));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.info("closing idle connection {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void stopAll() {
        if (publishing != null) {
            StreamHub hub = publishing;
            publishing = null;
            for (ServerSession p : hub.release(this)) {
                p.endOfStream();
            }
            log.info("publisher {} stopped {}", ctx.channel().remoteAddress(), hub.key);
            config.listener().publishStopped(hub.key);
            hubs.maybeRemove(hub);
        }
        if (playing != null) {
            StreamHub hub = playing;
            playing = null;
            hub.leave(this);
            config.listener().playStopped(hub.key, closedForSlowness ? "too slow" : "left");
            hubs.maybeRemove(hub);
        }
    }

    /** Tells a player its publisher is gone (it may stay and wait for the next one). */
    void endOfStream() {
        ctx.channel().eventLoop().execute(() -> {
            if (ctx.channel().isActive()) {
                send(UserControl.of(UserControl.Event.STREAM_EOF, STREAM_ID).toMessage());
                sendCommand(
                        Commands.onStatus("status", "NetStream.Play.UnpublishNotify", "stream is now unpublished."),
                        STREAM_ID);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopAll();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("closing {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
        ctx.close();
    }

    private static String stripQuery(String s) {
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    private static String query(String s) {
        int q = s.indexOf('?');
        return q < 0 ? null : s.substring(q + 1);
    }
}
