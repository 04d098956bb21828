package dev.liveloom.rtmp.chunk;

import static dev.liveloom.rtmp.testing.Hex.bytes;
import static dev.liveloom.rtmp.testing.Hex.counting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.message.RtmpMessage;
import dev.liveloom.rtmp.testing.Hex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of known byte sequences drives both directions: the decoder must produce the messages,
 * the encoder must produce exactly the bytes (its header choice is the shortest one).
 */
class ChunkCodecTest {
    /** @param encoderWritesThis false where the encoder rightly picks another header (wrap: fmt 0) */
    record Case(String name, String hex, List<RtmpMessage> messages, boolean encoderWritesThis) {
        Case(String name, String hex, List<RtmpMessage> messages) {
            this(name, hex, messages, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static RtmpMessage msg(int csid, int type, int stream, long ts, byte[] payload) {
        return RtmpMessage.of(csid, type, stream, ts, payload);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "fmt 0, 1, 2 and 3 on one chunk stream",
                        "03 000064 000004 08 01000000 aabbccdd" // fmt 0: ts 100, len 4, audio, stream 1
                                + "43 000014 000002 09 eeff" // fmt 1: delta 20, len 2, video
                                + "83 00000a 1122" // fmt 2: delta 10
                                + "c3 3344", // fmt 3: delta 10 again
                        List.of(
                                msg(3, 8, 1, 100, bytes("aabbccdd")),
                                msg(3, 9, 1, 120, bytes("eeff")),
                                msg(3, 9, 1, 130, bytes("1122")),
                                msg(3, 9, 1, 140, bytes("3344")))),
                new Case(
                        "fmt 3 right after fmt 0 adds the absolute timestamp field again",
                        "03 000064 000001 08 01000000 aa" + "c3 bb",
                        List.of(msg(3, 8, 1, 100, bytes("aa")), msg(3, 8, 1, 200, bytes("bb"))),
                        false),
                new Case(
                        "after fmt 0 the encoder sends the delta (fmt 2) before repeating it with fmt 3",
                        "03 000064 000001 08 01000000 aa" + "83 000064 bb" + "c3 cc",
                        List.of(
                                msg(3, 8, 1, 100, bytes("aa")),
                                msg(3, 8, 1, 200, bytes("bb")),
                                msg(3, 8, 1, 300, bytes("cc")))),
                new Case(
                        "a 200-byte message split at 128 with a fmt 3 continuation",
                        "04 000000 0000c8 09 01000000 " + Hex.of(counting(128, 0)) + " c4 " + Hex.of(counting(72, 128)),
                        List.of(msg(4, 9, 1, 0, counting(200, 0)))),
                new Case(
                        "two-byte basic header (csid 100) and three-byte basic header (csid 400)",
                        "00 24 000001 000001 12 00000000 01" + "01 5001 000002 000001 12 00000000 02",
                        List.of(msg(100, 18, 0, 1, bytes("01")), msg(400, 18, 0, 2, bytes("02")))),
                new Case(
                        "largest chunk stream id 65599",
                        "01 ffff 000000 000001 14 00000000 05",
                        List.of(msg(65599, 20, 0, 0, bytes("05")))),
                new Case(
                        "extended timestamp repeated on fmt 3 continuations and on a fmt 3 new message",
                        "05 ffffff 0000c8 09 01000000 01000000 " + Hex.of(counting(128, 0))
                                + " c5 01000000 " + Hex.of(counting(72, 128))
                                + " c5 01000000 " + Hex.of(counting(128, 1))
                                + " c5 01000000 " + Hex.of(counting(72, 129)),
                        List.of(
                                msg(5, 9, 1, 0x0100_0000L, counting(200, 0)),
                                msg(5, 9, 1, 0x0200_0000L, counting(200, 1))),
                        false),
                new Case(
                        "extended timestamp repeated on every fmt 3 continuation",
                        "05 ffffff 0000c8 09 01000000 01000000 " + Hex.of(counting(128, 0)) + " c5 01000000 "
                                + Hex.of(counting(72, 128)),
                        List.of(msg(5, 9, 1, 0x0100_0000L, counting(200, 0)))),
                new Case(
                        "extended delta in fmt 2, repeated by a fmt 3 new message",
                        "07 000000 000001 09 01000000 01" + "87 ffffff 01000000 02" + "c7 01000000 03",
                        List.of(
                                msg(7, 9, 1, 0, bytes("01")),
                                msg(7, 9, 1, 0x0100_0000L, bytes("02")),
                                msg(7, 9, 1, 0x0200_0000L, bytes("03")))),
                new Case(
                        "extended timestamp delta in fmt 1 and fmt 2 headers",
                        "06 000000 000001 08 00000000 01"
                                + "46 ffffff 000002 08 ffffffff 0203" // delta 2^32-1
                                + "86 000001 0405", // wraps: (2^32-1) + 1 = 0
                        List.of(
                                msg(6, 8, 0, 0, bytes("01")),
                                msg(6, 8, 0, 0xFFFF_FFFFL, bytes("0203")),
                                msg(6, 8, 0, 0, bytes("0405"))),
                        false),
                new Case("empty message", "03 000000 000000 14 00000000", List.of(msg(3, 20, 0, 0, new byte[0]))),
                new Case(
                        "message stream id is little-endian",
                        "08 000000 000001 09 78563412 00",
                        List.of(msg(8, 9, 0x12345678, 0, bytes("00")))),
                new Case(
                        "Set Chunk Size applies to the following chunks in both directions",
                        "02 000000 000004 01 00000000 00000100 " + "03 000000 000100 09 01000000 "
                                + Hex.of(counting(256, 0)),
                        List.of(msg(2, 1, 0, 0, bytes("00000100")), msg(3, 9, 1, 0, counting(256, 0)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes(Case c) throws MediaParseException {
        List<RtmpMessage> out = new ArrayList<>();
        new ChunkDecoder().decode(ByteBuffer.wrap(bytes(c.hex)), out::add);
        assertThat(out).containsExactlyElementsOf(c.messages);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesOneByteAtATime(Case c) throws MediaParseException {
        byte[] in = bytes(c.hex);
        List<RtmpMessage> out = new ArrayList<>();
        ChunkDecoder d = new ChunkDecoder();
        for (byte b : in) {
            d.decode(ByteBuffer.wrap(new byte[] {b}), out::add);
        }
        assertThat(out).containsExactlyElementsOf(c.messages);
        assertThat(d.bytesConsumed()).isEqualTo(in.length);
    }

    static Stream<Case> encoderCases() {
        return cases().filter(Case::encoderWritesThis);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoderCases")
    void encodesExactly(Case c) {
        ChunkEncoder e = new ChunkEncoder();
        StringBuilder sb = new StringBuilder();
        for (RtmpMessage m : c.messages) {
            sb.append(Hex.of(e.encode(m)));
        }
        assertThat(sb.toString()).isEqualTo(Hex.of(bytes(c.hex)));
    }
}
