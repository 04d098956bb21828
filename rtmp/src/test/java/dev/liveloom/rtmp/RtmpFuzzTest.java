package dev.liveloom.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.chunk.ChunkDecoder;
import dev.liveloom.rtmp.chunk.ChunkDecoderConfig;
import dev.liveloom.rtmp.chunk.ChunkEncoder;
import dev.liveloom.rtmp.handshake.ClientHandshake;
import dev.liveloom.rtmp.handshake.HandshakeMode;
import dev.liveloom.rtmp.handshake.ServerHandshake;
import dev.liveloom.rtmp.message.Abort;
import dev.liveloom.rtmp.message.Acknowledgement;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import dev.liveloom.rtmp.message.SetPeerBandwidth;
import dev.liveloom.rtmp.message.UserControl;
import dev.liveloom.rtmp.message.WindowAcknowledgementSize;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Jazzer targets. In plain {@code mvn verify} they run the committed inputs under {@code
 * src/test/resources/dev/liveloom/rtmp/RtmpFuzzTestInputs/<method>/}; with JAZZER_FUZZ=1 they fuzz.
 * The only exception the wire layers may throw is {@link MediaParseException}; memory stays within
 * the configured limits.
 */
class RtmpFuzzTest {
    /** Small limits so a fuzzed peer cannot make a run slow. */
    static final ChunkDecoderConfig LIMITS = new ChunkDecoderConfig(1 << 16, 1 << 20, 16);

    /** Decodes {@code input} split at a point chosen by its first byte; returns the messages. */
    static List<RtmpMessage> decodeChunks(byte[] input) {
        List<RtmpMessage> out = new ArrayList<>();
        ChunkDecoder d = new ChunkDecoder(LIMITS);
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
        try {
            d.decode(ByteBuffer.wrap(input, 0, split), out::add);
            d.decode(ByteBuffer.wrap(input, split, input.length - split), out::add);
            assertThat(d.bytesConsumed()).isEqualTo(input.length);
        } catch (MediaParseException e) {
            assertThat(e.offset()).isBetween(0L, (long) input.length);
            assertThat(e.getMessage()).startsWith("rtmp ");
        }
        // each open stream holds at most its received bytes plus one allocation step
        assertThat(d.bufferedCapacity())
                .isLessThanOrEqualTo(input.length + (long) LIMITS.maxChunkStreams() * ChunkDecoder.ALLOCATION_STEP);
        long total = 0;
        for (RtmpMessage m : out) {
            total += m.length();
        }
        assertThat(total).isLessThanOrEqualTo(input.length);
        return out;
    }

    @FuzzTest(maxDuration = "30s")
    void chunkDecoder(byte[] input) throws MediaParseException {
        List<RtmpMessage> out = decodeChunks(input);
        // what decoded re-encodes to bytes that decode to the same messages
        ChunkEncoder e = new ChunkEncoder();
        ByteBuffer wire = ByteBuffer.allocate(4 * input.length + 64);
        List<RtmpMessage> sent = new ArrayList<>();
        for (RtmpMessage m : out) {
            if (m.typeId() == 1 || m.typeId() == 2) {
                continue; // their effect depends on the peer's framing, not reproduced here
            }
            if (wire.remaining() < e.maxEncodedLength(m.length())) {
                break;
            }
            e.encode(m, wire);
            sent.add(m);
        }
        wire.flip();
        List<RtmpMessage> again = new ArrayList<>();
        new ChunkDecoder(LIMITS).decode(wire, again::add);
        assertThat(again).isEqualTo(sent);
    }

    @FuzzTest(maxDuration = "30s")
    void serverHandshake(byte[] input) {
        ServerHandshake s = new ServerHandshake(new Random(1));
        ByteBuffer in = ByteBuffer.wrap(input);
        try {
            byte[] out = s.receive(in);
            assertThat(out.length).isIn(0, 3073);
            assertThat(in.position()).isLessThanOrEqualTo(3073);
        } catch (MediaParseException e) {
            assertThat(s.failed()).isTrue();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void clientHandshake(byte[] input) {
        ClientHandshake c = new ClientHandshake(HandshakeMode.DIGEST, new Random(2));
        c.start();
        ByteBuffer in = ByteBuffer.wrap(input);
        try {
            byte[] out = c.receive(in);
            assertThat(out.length).isIn(0, 1536);
            assertThat(in.position()).isLessThanOrEqualTo(3073);
        } catch (MediaParseException e) {
            assertThat(c.failed()).isTrue();
        }
    }

    /** First byte picks the control message type; the rest is its payload; what reads writes back. */
    @FuzzTest(maxDuration = "30s")
    void controlMessages(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ByteBuffer p = ByteBuffer.wrap(input, 1, input.length - 1).slice();
        try {
            RtmpMessage written =
                    switch (input[0] & 7) {
                        case 1 -> SetChunkSize.read(p).toMessage();
                        case 2 -> Abort.read(p).toMessage();
                        case 3 -> Acknowledgement.read(p).toMessage();
                        case 5 -> WindowAcknowledgementSize.read(p).toMessage();
                        case 6 -> SetPeerBandwidth.read(p).toMessage();
                        default -> UserControl.read(p).toMessage();
                    };
            assertThat(written.payload()).isEqualTo(p);
        } catch (MediaParseException e) {
            assertThat(e.getMessage()).startsWith("rtmp ");
        }
    }
}
