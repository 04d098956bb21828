package dev.liveloom.rtmp.chunk;

import static dev.liveloom.rtmp.testing.Hex.bytes;
import static dev.liveloom.rtmp.testing.Hex.counting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.message.Abort;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import dev.liveloom.rtmp.testing.Hex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkDecoderLimitsTest {
    private final List<RtmpMessage> out = new ArrayList<>();

    private void decode(ChunkDecoder d, String hex) throws MediaParseException {
        d.decode(ByteBuffer.wrap(bytes(hex)), out::add);
    }

    @Test
    void setChunkSizeWithTopBitIsRefused() {
        ChunkDecoder d = new ChunkDecoder();
        assertThatThrownBy(() -> decode(d, "02 000000 000004 01 00000000 80000000"))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("rtmp SetChunkSize at byte 0: chunk size 2147483648 has the reserved top bit set");
        assertThat(d.chunkSize()).isEqualTo(128);
    }

    @Test
    void setChunkSizeAboveConfiguredMaxIsRefused() {
        ChunkDecoder d = new ChunkDecoder();
        assertThatThrownBy(() -> decode(d, "02 000000 000004 01 00000000 7fffffff"))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("rtmp chunk at byte 0: peer chunk size 2147483647 exceeds the limit of 16777216");
    }

    @Test
    void setChunkSizeZeroIsRefused() {
        assertThatThrownBy(() -> decode(new ChunkDecoder(), "02 000000 000004 01 00000000 00000000"))
                .hasMessage("rtmp SetChunkSize at byte 0: chunk size 0");
    }

    @Test
    void messageLongerThanLimitIsRefusedBeforeAllocating() {
        ChunkDecoder d = new ChunkDecoder();
        // second chunk starts at byte 12
        assertThatThrownBy(() -> decode(d, "03 000000 000001 09 00000000 00" + "04 000000 ffffff 09 00000000 00"))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("rtmp chunk at byte 13: message length 16777215 on chunk stream 4 exceeds the limit of"
                        + " 8388608");
        assertThat(d.bufferedCapacity()).isZero();
        assertThat(out).hasSize(1);
    }

    @Test
    void failedDecoderRefusesMoreInput() throws MediaParseException {
        ChunkDecoder d = new ChunkDecoder();
        assertThatThrownBy(() -> decode(d, "c3"))
                .hasMessage("rtmp chunk at byte 0: chunk type 3 on chunk stream 3" + " before any type-0 header");
        ByteBuffer more = ByteBuffer.wrap(bytes("03 000000 000001 09 00000000 00"));
        assertThatThrownBy(() -> d.decode(more, out::add)).isInstanceOf(MediaParseException.class);
        assertThat(more.hasRemaining()).isFalse();
        assertThat(out).isEmpty();
    }

    @Test
    void fmt1BeforeFmt0IsRefused() {
        assertThatThrownBy(() -> decode(new ChunkDecoder(), "44 000000 000001 09 00"))
                .hasMessage("rtmp chunk at byte 0: chunk type 1 on chunk stream 4 before any type-0 header");
    }

    @Test
    void newHeaderWhileMessageInProgressIsRefused() {
        String first = "03 000000 0000c8 09 00000000 " + Hex.counting(128);
        assertThatThrownBy(() -> decode(new ChunkDecoder(), first + "03 000000 000001 09 00000000 00"))
                .hasMessage("rtmp chunk at byte 140: chunk type 0 on chunk stream 3 while a message has 128 of 200"
                        + " bytes");
    }

    @Test
    void tooManyChunkStreams() {
        ChunkDecoder d = new ChunkDecoder(new ChunkDecoderConfig(1 << 24, 1 << 20, 3));
        assertThatThrownBy(() -> decode(
                        d,
                        "03 000000 000000 09 00000000" + "04 000000 000000 09 00000000" + "05 000000 000000 09 00000000"
                                + "06 000000 000000 09 00000000"))
                .hasMessage("rtmp chunk at byte 36: chunk stream 6 would exceed the limit of 3 open chunk streams");
        assertThat(out).hasSize(3);
    }

    @Test
    void allocationStaysNearReceivedBytes() throws MediaParseException {
        ChunkDecoder d = new ChunkDecoder(new ChunkDecoderConfig(1 << 24, 0xFFFFFF, 64));
        decode(d, "02 000000 000004 01 00000000 00ffffff");
        // announce 16 MiB - 1 and send only 1000 bytes: the buffer stays at one allocation step
        decode(d, "03 000000 ffffff 09 00000000 " + Hex.counting(1000));
        assertThat(d.bufferedCapacity()).isEqualTo(ChunkDecoder.ALLOCATION_STEP);
        // after 3 MiB the buffer is at most the received bytes plus one step
        byte[] more = new byte[3 << 20];
        d.decode(ByteBuffer.wrap(more), out::add);
        assertThat(d.bufferedCapacity()).isLessThanOrEqualTo(1000L + (3 << 20) + ChunkDecoder.ALLOCATION_STEP);
        assertThat(out).hasSize(1);
    }

    @Test
    void abortDropsThePartialMessage() throws MediaParseException {
        ChunkDecoder d = new ChunkDecoder();
        decode(d, "03 000000 0000c8 09 00000000 " + Hex.counting(128));
        assertThat(d.bufferedCapacity()).isEqualTo(200);
        decode(d, Hex.of(new ChunkEncoder().encode(new Abort(3).toMessage())));
        assertThat(d.bufferedCapacity()).isZero();
        decode(d, "03 000000 000002 09 00000000 abcd");
        assertThat(out).extracting(RtmpMessage::typeId).containsExactly(2, 9);
        assertThat(out.get(1).payloadBytes()).isEqualTo(bytes("abcd"));
    }

    @Test
    void interleavedChunkStreams() throws MediaParseException {
        ChunkDecoder d = new ChunkDecoder();
        decode(
                d,
                "04 000010 0000c8 09 01000000 " + Hex.counting(128) + "06 000020 000003 08 01000000 aabbcc" + "c4 "
                        + Hex.of(counting(72, 128)));
        assertThat(out)
                .containsExactly(
                        RtmpMessage.of(6, 8, 1, 0x20, bytes("aabbcc")),
                        RtmpMessage.of(4, 9, 1, 0x10, counting(200, 0)));
    }

    @Test
    void randomMessagesRoundTripInRandomSlices() throws MediaParseException {
        Random r = new Random(42);
        ChunkEncoder enc = new ChunkEncoder();
        List<RtmpMessage> sent = new ArrayList<>();
        ByteBuffer wire = ByteBuffer.allocate(8 << 20);
        long[] ts = new long[8];
        sent.add(new SetChunkSize(1000).toMessage());
        enc.encode(sent.get(0), wire);
        for (int i = 0; i < 2000; i++) {
            int csid = 3 + r.nextInt(5) * (r.nextInt(10) == 0 ? 100 : 1);
            int k = csid % 8;
            ts[k] += r.nextInt(4) == 0 ? 0 : r.nextInt(100);
            if (r.nextInt(50) == 0) {
                ts[k] += 0xFFFFFF; // push into extended timestamps
            }
            ts[k] &= 0xFFFF_FFFFL;
            int len = r.nextInt(3) == 0 ? 3000 : r.nextInt(300);
            byte[] p = new byte[len];
            r.nextBytes(p);
            RtmpMessage m = RtmpMessage.of(csid, 8 + r.nextInt(2), r.nextInt(3) == 0 ? 1 : 0, ts[k], p);
            sent.add(m);
            enc.encode(m, wire);
        }
        wire.flip();
        ChunkDecoder dec = new ChunkDecoder();
        while (wire.hasRemaining()) {
            ByteBuffer slice = wire.slice(wire.position(), Math.min(wire.remaining(), 1 + r.nextInt(700)));
            wire.position(wire.position() + slice.remaining());
            dec.decode(slice, out::add);
        }
        assertThat(out).containsExactlyElementsOf(sent);
        assertThat(dec.chunkSize()).isEqualTo(1000);
    }
}
