package dev.liveloom.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Mutations;
import dev.liveloom.rtmp.chunk.ChunkEncoder;
import dev.liveloom.rtmp.handshake.ClientHandshake;
import dev.liveloom.rtmp.handshake.HandshakeMode;
import dev.liveloom.rtmp.handshake.ServerHandshake;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.message.SetChunkSize;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed mutants of real wire bytes: the FLV tags of {@code h264-aac.flv} as an encoder would
 * chunk them, and real handshakes. Each mutant must decode or fail with MediaParseException only.
 */
class RtmpMutationTest {
    static final int MUTANTS = 100_000;

    /** The tags of an FLV file as RTMP messages (tag type, timestamp, body), without an FLV reader. */
    static List<RtmpMessage> flvTagsAsMessages(byte[] flv, int max) {
        List<RtmpMessage> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(flv);
        int pos = b.getInt(5) + 4; // header length, then PreviousTagSize0
        while (pos + 11 <= flv.length && out.size() < max) {
            int type = flv[pos] & 0x1F;
            int size = ((flv[pos + 1] & 0xFF) << 16) | ((flv[pos + 2] & 0xFF) << 8) | (flv[pos + 3] & 0xFF);
            long ts = (((flv[pos + 4] & 0xFFL) << 16) | ((flv[pos + 5] & 0xFF) << 8) | (flv[pos + 6] & 0xFF))
                    | ((flv[pos + 7] & 0xFFL) << 24);
            if (pos + 11 + size > flv.length) {
                break;
            }
            int csid = type == 8 ? 4 : type == 9 ? 6 : 5;
            out.add(RtmpMessage.of(csid, type, 1, ts, Arrays.copyOfRange(flv, pos + 11, pos + 11 + size)));
            pos += 11 + size + 4;
        }
        return out;
    }

    static byte[] chunked(List<RtmpMessage> messages, int chunkSize) {
        ChunkEncoder e = new ChunkEncoder();
        ByteBuffer b = ByteBuffer.allocate(16 << 20);
        if (chunkSize != 128) {
            e.encode(new SetChunkSize(chunkSize).toMessage(), b);
        }
        for (RtmpMessage m : messages) {
            e.encode(m, b);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void chunkDecoderMutants() {
        List<RtmpMessage> tags = flvTagsAsMessages(Fixtures.bytes("h264-aac.flv"), 400);
        assertThat(tags).hasSizeGreaterThan(100);
        // small real segments, so that 100k mutants stay fast: 1..6 consecutive tags each
        List<byte[]> originals = new ArrayList<>();
        Random pick = new Random(7);
        for (int i = 0; i < 64; i++) {
            int from = pick.nextInt(tags.size() - 6);
            List<RtmpMessage> seg = tags.subList(from, from + 1 + pick.nextInt(6));
            byte[] w = chunked(seg, pick.nextBoolean() ? 128 : 1000);
            if (w.length < 8192) {
                originals.add(w);
            }
        }
        assertThat(originals).hasSizeGreaterThan(10);
        Mutations mutations = new Mutations(20261123L);
        int decodedAll = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] m = mutations.mutate(originals.get(i % originals.size()));
            List<RtmpMessage> out = RtmpFuzzTest.decodeChunks(m); // asserts the only failure is a parse error
            decodedAll += out.isEmpty() ? 0 : 1;
        }
        assertThat(decodedAll).isGreaterThan(MUTANTS / 10);
    }

    @Test
    void handshakeMutants() throws MediaParseException {
        ClientHandshake client = new ClientHandshake(HandshakeMode.DIGEST, new Random(1));
        ServerHandshake server = new ServerHandshake(new Random(2));
        byte[] c0c1 = client.start();
        byte[] s0s1s2 = server.receive(ByteBuffer.wrap(c0c1));
        byte[] c2 = client.receive(ByteBuffer.wrap(s0s1s2));
        byte[] clientSide = new byte[c0c1.length + c2.length];
        System.arraycopy(c0c1, 0, clientSide, 0, c0c1.length);
        System.arraycopy(c2, 0, clientSide, c0c1.length, c2.length);

        Mutations mutations = new Mutations(99);
        int digest = 0;
        int failed = 0;
        for (int i = 0; i < MUTANTS; i++) {
            if (i % 2 == 0) {
                ServerHandshake s = new ServerHandshake(new Random(3));
                try {
                    s.receive(ByteBuffer.wrap(mutations.mutate(clientSide)));
                    digest += s.clientMode() == HandshakeMode.DIGEST ? 1 : 0;
                } catch (MediaParseException e) {
                    failed++;
                    assertThat(s.failed()).isTrue();
                }
            } else {
                ClientHandshake c = new ClientHandshake(HandshakeMode.DIGEST, new Random(1));
                c.start(); // same C1 as above, so unmutated S2 signatures still verify
                try {
                    c.receive(ByteBuffer.wrap(mutations.mutate(s0s1s2)));
                } catch (MediaParseException e) {
                    failed++;
                    assertThat(c.failed()).isTrue();
                }
            }
        }
        assertThat(digest).isGreaterThan(0);
        assertThat(failed).isGreaterThan(0);
    }
}
