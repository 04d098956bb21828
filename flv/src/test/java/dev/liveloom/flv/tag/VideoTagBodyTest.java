package dev.liveloom.flv.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VideoTagBodyTest {
    private static final HexFormat HEX = HexFormat.of();

    /** One table drives parse, write and the fuzz seeds: hex, then the decoded fields. */
    static Stream<Arguments> cases() {
        return Stream.of(
                // legacy AVC sequence header
                Arguments.of(
                        "1700000000" + "0164001f", false, 1, Codec.H264, VideoPacketType.SEQUENCE_START, 0, "0164001f"),
                // legacy AVC key frame, CTS +80
                Arguments.of(
                        "1701000050" + "00000001" + "65",
                        false,
                        1,
                        Codec.H264,
                        VideoPacketType.CODED_FRAMES,
                        80,
                        "0000000165"),
                // legacy AVC inter frame, CTS -40 (SI24)
                Arguments.of("2701ffffd8" + "aa", false, 2, Codec.H264, VideoPacketType.CODED_FRAMES, -40, "aa"),
                // legacy AVC end of sequence
                Arguments.of("1702000000", false, 1, Codec.H264, VideoPacketType.SEQUENCE_END, 0, ""),
                // legacy HEVC (codec id 12) inter frame
                Arguments.of("2c01000028" + "bb", false, 2, Codec.HEVC, VideoPacketType.CODED_FRAMES, 40, "bb"),
                // enhanced hvc1 sequence start
                Arguments.of(
                        "9068766331" + "01016000", true, 1, Codec.HEVC, VideoPacketType.SEQUENCE_START, 0, "01016000"),
                // enhanced hvc1 CodedFrames with CTS 120
                Arguments.of(
                        "9168766331" + "000078" + "cc", true, 1, Codec.HEVC, VideoPacketType.CODED_FRAMES, 120, "cc"),
                // enhanced hvc1 CodedFramesX (no CTS)
                Arguments.of("a368766331" + "dd", true, 2, Codec.HEVC, VideoPacketType.CODED_FRAMES_X, 0, "dd"),
                // enhanced hvc1 SequenceEnd
                Arguments.of("9268766331", true, 1, Codec.HEVC, VideoPacketType.SEQUENCE_END, 0, ""),
                // enhanced avc1 CodedFrames, CTS -1
                Arguments.of(
                        "a161766331" + "ffffff" + "ee", true, 2, Codec.H264, VideoPacketType.CODED_FRAMES, -1, "ee"),
                // enhanced Metadata (AMF0 follows)
                Arguments.of("9468766331" + "0200", true, 1, Codec.HEVC, VideoPacketType.METADATA, 0, "0200"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parsesAndWritesBack(
            String hex, boolean enhanced, int frameType, Codec codec, VideoPacketType type, int cts, String data)
            throws MediaParseException {
        byte[] bytes = HEX.parseHex(hex);
        VideoTagBody b = VideoTagBody.parse(ByteBuffer.wrap(bytes));
        assertThat(b.enhanced()).isEqualTo(enhanced);
        assertThat(b.frameType()).isEqualTo(frameType);
        assertThat(b.codec()).isEqualTo(codec);
        assertThat(b.packetType()).isEqualTo(type);
        assertThat(b.compositionTimeMs()).isEqualTo(cts);
        assertThat(HEX.formatHex(bytes(b.data()))).isEqualTo(data);
        assertThat(b.size()).isEqualTo(bytes.length);
        assertThat(HEX.formatHex(b.toBytes())).isEqualTo(hex);
    }

    @Test
    void infoFramesSkipTheCodec() throws MediaParseException {
        VideoTagBody legacy = VideoTagBody.parse(ByteBuffer.wrap(HEX.parseHex("5000")));
        assertThat(legacy.packetType()).isEqualTo(VideoPacketType.INFO);
        assertThat(legacy.codec()).isNull();
        VideoTagBody ex = VideoTagBody.parse(ByteBuffer.wrap(HEX.parseHex("d168766331" + "01")));
        assertThat(ex.packetType()).isEqualTo(VideoPacketType.INFO);
        // enhanced command frames carry one VideoCommand byte and no FourCC
        VideoTagBody command = VideoTagBody.parse(ByteBuffer.wrap(HEX.parseHex("d001")));
        assertThat(command.packetType()).isEqualTo(VideoPacketType.INFO);
        assertThat(command.enhanced()).isTrue();
    }

    @Test
    void errors() {
        assertError("", "flv video at byte 0 (truncated): empty video tag body");
        assertError("17", "flv video at byte 1 (truncated): AVCPacketType and CompositionTime need 4 bytes, 0 left");
        assertError("1703000000", "flv video at byte 1: AVCPacketType 3");
        assertError("12", "flv video at byte 0: unsupported video codec flv1");
        assertError("13", "flv video at byte 0: unsupported video codec flashsv");
        assertError("15", "flv video at byte 0: unsupported video codec vp6a");
        assertError("16", "flv video at byte 0: unsupported video codec flashsv2");
        assertError("1d", "flv video at byte 0: unsupported video codec id 13");
        assertError("9068", "flv video at byte 1 (truncated): FourCC needs 4 bytes, 1 left");
        assertError("9031323334", "flv video at byte 1: unsupported video codec 1234");
        assertError("9000000001", "flv video at byte 1: unsupported video codec 0x00000001");
        assertError("9168766331" + "0000", "flv video at byte 5 (truncated): CompositionTime needs 3 bytes, 2 left");
        assertError("9668766331", "flv video at byte 0: enhanced flv packet type Multitrack");
        assertError("9f68766331", "flv video at byte 0: enhanced flv packet type 15");
    }

    @Test
    void writerRefusesWhatTheLayoutCannotHold() {
        VideoTagBody x =
                new VideoTagBody(false, 1, Codec.H264, VideoPacketType.CODED_FRAMES_X, 0, ByteBuffer.allocate(0));
        assertThatThrownBy(x::toBytes).hasMessage("CODED_FRAMES_X exists only in enhanced FLV");
        assertThatThrownBy(() -> VideoTagBody.legacy(
                        Codec.H264, VideoPacketType.CODED_FRAMES, true, 1 << 23, ByteBuffer.allocate(0)))
                .hasMessage("composition time 8388608 ms outside SI24");
        assertThatThrownBy(() ->
                        VideoTagBody.legacy(Codec.AAC, VideoPacketType.CODED_FRAMES, true, 0, ByteBuffer.allocate(0)))
                .hasMessage("not a video codec: AAC");
    }

    private static void assertError(String hex, String message) {
        assertThatThrownBy(() -> VideoTagBody.parse(ByteBuffer.wrap(HEX.parseHex(hex))))
                .isInstanceOf(MediaParseException.class)
                .hasMessage(message);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
