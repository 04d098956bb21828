package dev.liveloom.rtmp.internal.netty;

import static dev.liveloom.rtmp.testing.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.chunk.ChunkDecoder;
import dev.liveloom.rtmp.chunk.ChunkDecoderConfig;
import dev.liveloom.rtmp.chunk.ChunkEncoder;
import dev.liveloom.rtmp.handshake.HandshakeMode;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import dev.liveloom.rtmp.testing.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NettyGlueTest {
    private static List<RtmpMessage> sampleMessages(Random r, int count) {
        List<RtmpMessage> list = new ArrayList<>();
        list.add(new SetChunkSize(4096).toMessage());
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[r.nextInt(3) == 0 ? 9000 : r.nextInt(600)];
            r.nextBytes(p);
            list.add(RtmpMessage.of(4 + r.nextInt(3), 8 + r.nextInt(2), 1, i * 20L, p));
        }
        return list;
    }

    private static byte[] wire(List<RtmpMessage> messages) {
        ChunkEncoder e = new ChunkEncoder();
        ByteBuffer b = ByteBuffer.allocate(4 << 20);
        for (RtmpMessage m : messages) {
            e.encode(m, b);
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static List<RtmpMessage> drain(EmbeddedChannel ch) {
        List<RtmpMessage> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((RtmpMessage) o);
        }
        return out;
    }

    @Test
    void decoderOverSplitInputs() {
        Random r = new Random(1);
        List<RtmpMessage> sent = sampleMessages(r, 300);
        byte[] w = wire(sent);
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoderHandler());
        for (int at = 0; at < w.length; ) {
            int n = Math.min(w.length - at, 1 + r.nextInt(r.nextBoolean() ? 5 : 5000));
            ch.writeInbound(Unpooled.wrappedBuffer(w, at, n));
            at += n;
        }
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decoderOverMergedInput() {
        List<RtmpMessage> sent = sampleMessages(new Random(2), 100);
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoderHandler());
        ch.writeInbound(Unpooled.wrappedBuffer(wire(sent)));
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
    }

    @Test
    void decoderOverCompositeInput() {
        List<RtmpMessage> sent = sampleMessages(new Random(3), 20);
        byte[] w = wire(sent);
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoderHandler());
        ByteBuf composite = Unpooled.wrappedBuffer(
                Unpooled.wrappedBuffer(w, 0, 1000), Unpooled.wrappedBuffer(w, 1000, w.length - 1000));
        ch.writeInbound(composite);
        assertThat(drain(ch)).containsExactlyElementsOf(sent);
    }

    @Test
    void peerAnnouncingChunkSize2To31IsClosed() {
        ChunkDecoderHandler h = new ChunkDecoderHandler();
        EmbeddedChannel ch = new EmbeddedChannel(h);
        ByteBuf in = Unpooled.wrappedBuffer(bytes("02 000000 000004 01 00000000 80000000 03 000000"));
        assertThatThrownBy(() -> ch.writeInbound(in))
                .isInstanceOf(RtmpDecoderException.class)
                .hasMessage("rtmp SetChunkSize at byte 0: chunk size 2147483648 has the reserved top bit set")
                .satisfies(e -> assertThat(((RtmpDecoderException) e).getCause().offset())
                        .isZero());
        assertThat(ch.isOpen()).isFalse();
        assertThat(in.refCnt()).isZero();
        assertThat(h.decoder().chunkSize()).isEqualTo(128);
    }

    @Test
    void peerAnnouncingHugeMessageIsClosedWithoutAllocating() {
        ChunkDecoderHandler h = new ChunkDecoderHandler(new ChunkDecoderConfig(1 << 24, 1 << 20, 8));
        EmbeddedChannel ch = new EmbeddedChannel(h);
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bytes("03 000000 ffffff 09 00000000 00"))))
                .isInstanceOf(RtmpDecoderException.class)
                .hasMessage(
                        "rtmp chunk at byte 0: message length 16777215 on chunk stream 3 exceeds the limit of 1048576");
        assertThat(ch.isOpen()).isFalse();
        assertThat(h.decoder().bufferedCapacity()).isZero();
    }

    @Test
    void memoryStaysBoundedWhenPeerOpensManyLongMessages() {
        ChunkDecoderHandler h = new ChunkDecoderHandler();
        EmbeddedChannel ch = new EmbeddedChannel(h);
        ChunkEncoder enc = new ChunkEncoder();
        // 64 chunk streams each announce an 8 MiB message and send one 128-byte chunk of it
        for (int csid = 3; csid < 67; csid++) {
            byte[] full = enc.encode(RtmpMessage.of(csid, 9, 1, 0, new byte[8 << 20]));
            ch.writeInbound(Unpooled.wrappedBuffer(full, 0, (csid < 64 ? 12 : 13) + 128));
        }
        assertThat(h.decoder().openChunkStreams()).isEqualTo(64);
        // one allocation step per stream, not 64 x 8 MiB
        assertThat(h.decoder().bufferedCapacity()).isEqualTo(64L * ChunkDecoder.ALLOCATION_STEP);
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bytes("03 000000 000001 09 00000000 00"))))
                .isInstanceOf(RtmpDecoderException.class)
                .hasMessageContaining("chunk type 0 on chunk stream 3 while a message has 128 of 8388608 bytes");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void garbageFailsCleanly() {
        Random r = new Random(4);
        int failures = 0;
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[1 + r.nextInt(3000)];
            r.nextBytes(junk);
            EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoderHandler());
            try {
                ch.writeInbound(Unpooled.wrappedBuffer(junk));
                drain(ch);
                ch.finishAndReleaseAll();
            } catch (RtmpDecoderException e) {
                failures++;
                assertThat(e.getCause()).isInstanceOf(MediaParseException.class);
                assertThat(ch.isOpen()).isFalse();
            }
        }
        assertThat(failures).isGreaterThan(100);
    }

    @Test
    void encoderHandlerWritesChunksAndAppliesItsChunkSize() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoderHandler());
        ch.writeOutbound(new SetChunkSize(256).toMessage(), RtmpMessage.of(3, 9, 1, 0, Hex.counting(200, 0)));
        // both messages of one flush leave as one buffer
        ByteBuf a = ch.readOutbound();
        assertThat(io.netty.buffer.ByteBufUtil.hexDump(a))
                .isEqualTo("020000000000040100000000" + "00000100" + "030000000000c80901000000"
                        + Hex.of(Hex.counting(200, 0)));
        assertThat((Object) ch.readOutbound()).isNull();
        a.release();
    }

    @Test
    void encoderHandlerBatchesUntilFlushAndSettlesEveryPromise() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoderHandler());
        io.netty.channel.ChannelFuture f1 = ch.write(RtmpMessage.of(4, 8, 1, 0, Hex.counting(10, 0)));
        io.netty.channel.ChannelFuture f2 = ch.write(RtmpMessage.of(4, 8, 1, 23, Hex.counting(10, 1)));
        assertThat((Object) ch.readOutbound())
                .as("nothing leaves before the flush")
                .isNull();
        assertThat(f1.isDone()).isFalse();
        ch.flush();
        ByteBuf a = ch.readOutbound();
        // type 0 header, then a type 2 header with the 23 ms delta (same length and type)
        assertThat(io.netty.buffer.ByteBufUtil.hexDump(a))
                .isEqualTo("0400000000000a0801000000" + Hex.of(Hex.counting(10, 0)) + "84000017"
                        + Hex.of(Hex.counting(10, 1)));
        assertThat(f1.isSuccess()).isTrue();
        assertThat(f2.isSuccess()).isTrue();
        a.release();
        // a batch that outgrows its buffer is handed on before the flush
        int n = ChunkEncoderHandler.BATCH_BUFFER / 4000 + 1;
        dev.liveloom.rtmp.chunk.ChunkEncoder reference = new dev.liveloom.rtmp.chunk.ChunkEncoder();
        int expected = 0;
        for (int i = 0; i < n; i++) {
            ch.write(RtmpMessage.of(5, 9, 1, i, new byte[4000]));
            expected += reference.encode(RtmpMessage.of(5, 9, 1, i, new byte[4000])).length;
        }
        ch.flush();
        ByteBuf early = ch.readOutbound();
        ByteBuf rest = ch.readOutbound();
        assertThat(early.readableBytes()).isGreaterThan(ChunkEncoderHandler.BATCH_BUFFER - 4200);
        assertThat(early.readableBytes() + rest.readableBytes()).isEqualTo(expected);
        early.release();
        rest.release();
        ch.finishAndReleaseAll();
    }

    /** Moves bytes written by one embedded channel into the other until both are quiet. */
    private static void shuttle(EmbeddedChannel a, EmbeddedChannel b) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Object o; (o = a.readOutbound()) != null; moved = true) {
                b.writeInbound(o);
            }
            for (Object o; (o = b.readOutbound()) != null; moved = true) {
                a.writeInbound(o);
            }
        }
    }

    static final class Events extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Test
    void handshakeHandlersThenChunks() {
        Events clientEvents = new Events();
        Events serverEvents = new Events();
        EmbeddedChannel client = new EmbeddedChannel(
                HandshakeHandler.client(HandshakeMode.DIGEST, new Random(5)),
                clientEvents,
                new ChunkDecoderHandler(),
                new ChunkEncoderHandler());
        EmbeddedChannel server = new EmbeddedChannel(
                HandshakeHandler.server(new Random(6)),
                serverEvents,
                new ChunkDecoderHandler(),
                new ChunkEncoderHandler());
        shuttle(client, server);
        assertThat(clientEvents.events).containsExactly(new HandshakeCompleted(HandshakeMode.DIGEST, true));
        assertThat(serverEvents.events).containsExactly(new HandshakeCompleted(HandshakeMode.DIGEST, true));
        assertThat(client.pipeline().get(HandshakeHandler.class)).isNull();
        assertThat(server.pipeline().get(HandshakeHandler.class)).isNull();

        RtmpMessage m = RtmpMessage.of(3, 20, 0, 0, Hex.counting(300, 0));
        client.writeOutbound(m);
        shuttle(client, server);
        assertThat((Object) server.readInbound()).isEqualTo(m);
    }

    @Test
    void bytesAfterTheHandshakeReachTheChunkDecoder() {
        EmbeddedChannel server = new EmbeddedChannel(HandshakeHandler.server(new Random(7)), new ChunkDecoderHandler());
        dev.liveloom.rtmp.handshake.ClientHandshake c =
                new dev.liveloom.rtmp.handshake.ClientHandshake(HandshakeMode.PLAIN, new Random(8));
        server.writeInbound(Unpooled.wrappedBuffer(c.start()));
        ByteBuf s0s1s2 = server.readOutbound();
        byte[] answer = io.netty.buffer.ByteBufUtil.getBytes(s0s1s2);
        s0s1s2.release();
        byte[] c2;
        try {
            c2 = c.receive(ByteBuffer.wrap(answer));
        } catch (MediaParseException e) {
            throw new AssertionError(e);
        }
        byte[] chunk = bytes("03 000000 000002 14 00000000 abcd");
        byte[] both = java.util.Arrays.copyOf(c2, c2.length + chunk.length);
        System.arraycopy(chunk, 0, both, c2.length, chunk.length);
        server.writeInbound(Unpooled.wrappedBuffer(both));
        assertThat((Object) server.readInbound()).isEqualTo(RtmpMessage.of(3, 20, 0, 0, bytes("abcd")));
    }

    @Test
    void handshakeGarbageClosesTheChannel() {
        EmbeddedChannel server = new EmbeddedChannel(HandshakeHandler.server(new Random(9)), new ChunkDecoderHandler());
        ByteBuf http = Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> server.writeInbound(http))
                .isInstanceOf(RtmpDecoderException.class)
                .hasMessage("rtmp handshake at byte 0: C0 has version 71, expected 3");
        assertThat(server.isOpen()).isFalse();
        assertThat(http.refCnt()).isZero();
    }
}
