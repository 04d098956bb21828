package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.command.Command;
import dev.liveloom.rtmp.command.Commands;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.UserControl;
import dev.liveloom.rtmp.session.MediaMessages;
import dev.liveloom.rtmp.url.RtmpUrl;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;

/**
 * The client side of playing: connect, createStream, play, SetBufferLength; then media messages
 * become packets (32-bit millisecond timestamps unwrapped to microseconds). StreamEOF and
 * NetStream.Play.UnpublishNotify/Stop end the stream.
 */
public final class PlaySession extends RtmpConnection {
    /** Callbacks to the owning source, all on the channel's event loop. */
    public interface Sink {
        void packet(MediaPacket p);

        void ended();

        void failed(IOException e);
    }

    private final RtmpUrl url;
    private final Sink sink;
    private final MediaMessages messages = new MediaMessages(1, dev.liveloom.flv.tag.HevcLayout.ENHANCED);
    private int streamId = -1;
    private long lastMs = -1;
    private long wrapMs;
    private boolean done;

    public PlaySession(RtmpUrl url, Sink sink) {
        this.url = url;
        this.sink = sink;
    }

    @Override
    protected void onHandshakeDone(HandshakeCompleted hc) {
        setOutgoingChunkSize(4096);
        sendCommand(Commands.connect(url.app(), url.tcUrl(), false, true), 0);
    }

    @Override
    protected void onCommand(Command c, RtmpMessage m) {
        switch (c.name()) {
            case Commands.RESULT -> {
                if (c.transactionId() == 1) {
                    sendCommand(Commands.createStream(2), 0);
                } else if (c.transactionId() == 2 && streamId < 0) {
                    Object id = c.arguments().isEmpty() ? null : c.arguments().get(0);
                    streamId = id instanceof Double d ? d.intValue() : 1;
                    sendCommand(Commands.play(3, url.streamName()), streamId);
                    send(UserControl.setBufferLength(streamId, 3000).toMessage());
                }
            }
            case Commands.ERROR -> fail("refused: " + describe(c));
            case Commands.ON_STATUS -> {
                String code = c.statusCode();
                if (code == null) {
                    return;
                }
                if (code.equals("NetStream.Play.UnpublishNotify")
                        || code.equals("NetStream.Play.Stop")
                        || code.equals("NetStream.Play.Complete")) {
                    end();
                } else if (code.contains("Failed")
                        || code.contains("StreamNotFound")
                        || code.contains("BadName")
                        || code.contains("Unauthorized")) {
                    fail("play refused: " + describe(c));
                }
            }
            default -> {}
        }
    }

    private static String describe(Command c) {
        String d = c.statusDescription();
        return (c.statusCode() == null ? c.name() : c.statusCode()) + (d == null ? "" : " (" + d + ")");
    }

    @Override
    protected void onUserControl(UserControl u) {
        if (u.event() == UserControl.Event.STREAM_EOF && streamId >= 0 && lastMs >= 0) {
            end();
        }
    }

    @Override
    protected void onMedia(RtmpMessage m) {
        if (done) {
            return;
        }
        long ms = m.timestampMs();
        if (lastMs >= 0 && ms < lastMs && lastMs - ms > 0x8000_0000L) {
            wrapMs += 0x1_0000_0000L;
        }
        lastMs = ms;
        try {
            MediaPacket p = messages.decode(m, (wrapMs + ms) * 1000);
            if (p != null) {
                sink.packet(p);
            }
        } catch (MediaParseException e) {
            fail(e.getMessage());
        }
    }

    private void end() {
        if (!done) {
            done = true;
            sink.ended();
            ctx.close();
        }
    }

    private void fail(String reason) {
        if (!done) {
            done = true;
            sink.failed(new IOException(url + ": " + reason));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail("connection closed");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(String.valueOf(cause.getMessage()));
    }
}
