package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.command.Command;
import dev.liveloom.rtmp.message.Acknowledgement;
import dev.liveloom.rtmp.message.AcknowledgementWindow;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import dev.liveloom.rtmp.message.SetPeerBandwidth;
import dev.liveloom.rtmp.message.UserControl;
import dev.liveloom.rtmp.message.WindowAcknowledgementSize;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The part every RTMP session shares, client or server: acknowledgements of received bytes,
 * answering pings and peer-bandwidth requests, changing the outgoing chunk size, and dispatching
 * commands, data and media to the subclass. Sits after the chunk decoder and encoder handlers.
 */
public abstract class RtmpConnection extends ChannelInboundHandlerAdapter {
    protected ChannelHandlerContext ctx;
    private final AcknowledgementWindow ackWindow = new AcknowledgementWindow(0);
    private long lastConsumed;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeCompleted hc) {
            onHandshakeDone(hc);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof RtmpMessage m)) {
            ctx.fireChannelRead(msg);
            return;
        }
        countReceived();
        try {
            switch (m.typeId()) {
                case MessageTypes.WINDOW_ACKNOWLEDGEMENT_SIZE -> ackWindow.setWindowSize(
                        WindowAcknowledgementSize.read(m.payload()).windowSize());
                case MessageTypes.SET_PEER_BANDWIDTH -> {
                    SetPeerBandwidth b = SetPeerBandwidth.read(m.payload());
                    send(new WindowAcknowledgementSize(b.windowSize()).toMessage());
                }
                case MessageTypes.USER_CONTROL -> {
                    UserControl u = UserControl.read(m.payload());
                    if (u.event() == UserControl.Event.PING_REQUEST) {
                        send(UserControl.of(UserControl.Event.PING_RESPONSE, u.value())
                                .toMessage());
                    } else {
                        onUserControl(u);
                    }
                }
                case MessageTypes.COMMAND_AMF0 -> onCommand(Command.decode(m.payload()), m);
                case MessageTypes.COMMAND_AMF3 -> onCommand(Command.decode(skipAmf3Marker(m.payload())), m);
                case MessageTypes.DATA_AMF0 -> onData(Command.decodeData(m.payload()), m);
                case MessageTypes.AUDIO, MessageTypes.VIDEO -> onMedia(m);
                default -> {
                    // acknowledgements, chunk size and abort are handled by the chunk layer; others ignored
                }
            }
        } catch (MediaParseException e) {
            onProtocolError(e);
        }
    }

    private static ByteBuffer skipAmf3Marker(ByteBuffer p) {
        ByteBuffer b = p.duplicate();
        if (b.hasRemaining() && b.get(b.position()) == 0) {
            b.position(b.position() + 1);
        }
        return b;
    }

    private void countReceived() {
        ChunkDecoderHandler d = ctx.pipeline().get(ChunkDecoderHandler.class);
        if (d == null) {
            return;
        }
        long consumed = d.decoder().bytesConsumed();
        Acknowledgement a = ackWindow.onReceived(consumed - lastConsumed);
        lastConsumed = consumed;
        if (a != null) {
            send(a.toMessage());
        }
    }

    /** Writes and flushes a message. Call on the event loop. */
    protected ChannelFuture send(RtmpMessage m) {
        return ctx.writeAndFlush(m);
    }

    /** Writes a command on chunk stream 3 of {@code streamId}. */
    protected ChannelFuture sendCommand(Command c, int streamId) {
        return send(new RtmpMessage(3, MessageTypes.COMMAND_AMF0, streamId, 0, ByteBuffer.wrap(c.encode())));
    }

    /** Announces and switches to a new outgoing chunk size. Call on the event loop. */
    protected void setOutgoingChunkSize(int size) {
        ctx.write(new SetChunkSize(size).toMessage());
        ChunkEncoderHandler enc = ctx.pipeline().get(ChunkEncoderHandler.class);
        enc.encoder().setChunkSize(size);
    }

    protected void onHandshakeDone(HandshakeCompleted hc) {}

    protected abstract void onCommand(Command c, RtmpMessage m);

    protected void onData(List<Object> values, RtmpMessage m) {}

    protected void onMedia(RtmpMessage m) {}

    protected void onUserControl(UserControl u) {}

    /** A command or data message that does not parse: by default, close the connection. */
    protected void onProtocolError(MediaParseException e) {
        ctx.fireExceptionCaught(new RtmpDecoderException(e));
    }
}
