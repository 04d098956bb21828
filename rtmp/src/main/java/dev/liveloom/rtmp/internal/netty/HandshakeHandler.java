package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.handshake.ClientHandshake;
import dev.liveloom.rtmp.handshake.HandshakeMode;
import dev.liveloom.rtmp.handshake.ServerHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Runs the RTMP handshake on a channel, client or server side, then fires {@link
 * HandshakeCompleted} and removes itself; bytes that arrived after the handshake go on to the next
 * handler (the chunk decoder). A failed handshake closes the channel with an {@link
 * RtmpDecoderException}.
 */
public final class HandshakeHandler extends ByteToMessageDecoder {
    private final ClientHandshake client;
    private final ServerHandshake server;
    private boolean failed;

    private HandshakeHandler(ClientHandshake client, ServerHandshake server) {
        this.client = client;
        this.server = server;
    }

    public static HandshakeHandler client(HandshakeMode mode, RandomGenerator random) {
        return new HandshakeHandler(new ClientHandshake(mode, random), null);
    }

    public static HandshakeHandler server(RandomGenerator random) {
        return new HandshakeHandler(null, new ServerHandshake(random));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (client != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(client.start()));
        }
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int readable = in.readableBytes();
        ByteBuffer nio = ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(in, in.readerIndex(), readable));
        byte[] send;
        try {
            send = client != null ? client.receive(nio) : server.receive(nio);
        } catch (MediaParseException e) {
            failed = true;
            in.skipBytes(readable);
            ctx.close();
            throw new RtmpDecoderException(e);
        }
        in.skipBytes(nio.position());
        if (send.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(send));
        }
        boolean done = client != null ? client.done() : server.done();
        if (done) {
            HandshakeCompleted event = client != null
                    ? new HandshakeCompleted(client.serverMode(), client.s2Verified())
                    : new HandshakeCompleted(server.clientMode(), server.c2Verified());
            ctx.fireUserEventTriggered(event);
            ctx.pipeline().remove(this);
        }
    }
}
