package dev.liveloom.rtmp.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.rtmp.message.RtmpMessage;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A message built from a head and a body (a tag header in front of a media frame, not copied
 * together) chunks into exactly the bytes of the same payload in one buffer, across chunk borders.
 */
class ChunkHeadBodyTest {

    @Test
    void headAndBodyChunkLikeOnePayload() {
        Random rnd = new Random(7);
        for (int chunkSize : new int[] {1, 2, 3, 5, 128, 4096}) {
            for (int headLen : new int[] {0, 1, 2, 5, 8}) {
                for (int bodyLen : new int[] {0, 1, 3, 4, 127, 128, 129, 300, 9000}) {
                    byte[] head = new byte[headLen];
                    byte[] body = new byte[bodyLen + 7];
                    rnd.nextBytes(head);
                    rnd.nextBytes(body);
                    // the body is a view in the middle of a larger array, as a demuxer hands it out
                    ByteBuffer view = ByteBuffer.wrap(body, 3, bodyLen).slice().asReadOnlyBuffer();
                    byte[] joined = new byte[headLen + bodyLen];
                    System.arraycopy(head, 0, joined, 0, headLen);
                    System.arraycopy(body, 3, joined, headLen, bodyLen);

                    RtmpMessage split = new RtmpMessage(6, 9, 1, 40, head, view);
                    RtmpMessage whole = RtmpMessage.of(6, 9, 1, 40, joined);
                    ChunkEncoder a = new ChunkEncoder();
                    ChunkEncoder b = new ChunkEncoder();
                    a.setChunkSize(chunkSize);
                    b.setChunkSize(chunkSize);
                    String what = "chunk " + chunkSize + ", head " + headLen + ", body " + bodyLen;
                    assertThat(a.encode(split)).as(what).isEqualTo(b.encode(whole));
                    // twice: the message's body view is not consumed by encoding
                    assertThat(a.encode(split)).as(what).isEqualTo(b.encode(whole));
                    assertThat(split.length()).isEqualTo(joined.length);
                    assertThat(split.payloadBytes()).isEqualTo(joined);
                    assertThat(split).isEqualTo(whole);
                    assertThat(split.hashCode()).isEqualTo(whole.hashCode());
                }
            }
        }
    }
}
