package dev.liveloom.flv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.io.FileByteInput;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.TrickleInput;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlvDemuxerTest {
    static final String[] FIXTURES = {
        "h264-aac.flv", "aac-only.flv", "h264-only.flv", "hevc-enhanced.flv", "hevc-id12.flv", "unsupported-mp3.flv"
    };

    @ParameterizedTest
    @ValueSource(
            strings = {
                "h264-aac.flv",
                "aac-only.flv",
                "h264-only.flv",
                "hevc-enhanced.flv",
                "hevc-id12.flv",
                "unsupported-mp3.flv"
            })
    void goldenDump(String name) {
        DemuxRun run = DemuxRun.of(Fixtures.bytes(name));
        Fixtures.assertGolden("flv/" + name + ".txt", run.dump());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "h264-aac.flv",
                "aac-only.flv",
                "h264-only.flv",
                "hevc-enhanced.flv",
                "hevc-id12.flv",
                "unsupported-mp3.flv"
            })
    void oneByteTrickleGivesTheSamePackets(String name) {
        byte[] bytes = Fixtures.bytes(name);
        DemuxRun whole = DemuxRun.of(bytes);
        DemuxRun trickled = DemuxRun.of(new TrickleInput(new ByteArrayInput(name, bytes)));
        assertThat(trickled.dump()).isEqualTo(whole.dump());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.flv", "hevc-enhanced.flv"})
    void injectedIoErrorKeepsThePacketsBeforeIt(String name) {
        byte[] bytes = Fixtures.bytes(name);
        DemuxRun whole = DemuxRun.of(bytes);
        for (int failAt : new int[] {0, 5, 13, 400, bytes.length / 2, bytes.length - 3}) {
            DemuxRun run = DemuxRun.of(new TrickleInput(new ByteArrayInput(name, bytes), failAt));
            assertThat(run.failure)
                    .as("fail at %d", failAt)
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(MediaParseException.class)
                    .hasMessage(name + ": injected I/O error at byte " + failAt);
            // every packet whose tag ends before the failure point was returned, and no other
            long expected = whole.packets.stream()
                    .filter(p -> endOf(bytes, p) <= failAt)
                    .count();
            assertThat(run.packets).hasSize((int) expected);
            assertThat(run.packetLines())
                    .isEqualTo(DemuxRun.of(Arrays.copyOf(bytes, bytes.length))
                            .packetLines()
                            .lines()
                            .limit(expected)
                            .map(l -> l + "\n")
                            .reduce("", String::concat));
        }
    }

    /** Offset just past a packet's bytes in the file (found by content, as packets are views). */
    private static long endOf(byte[] file, MediaPacket p) {
        byte[] d = new byte[p.size()];
        p.data().get(d);
        for (int i = 0; i + d.length <= file.length; i++) {
            if (Arrays.equals(file, i, i + d.length, d, 0, d.length)) {
                return i + d.length;
            }
        }
        throw new AssertionError("packet bytes not in the file");
    }

    @Test
    void demuxerResumesAfterAnIoErrorWhenTheInputRecovers() throws IOException {
        byte[] bytes = Fixtures.bytes("h264-aac.flv");
        FlakyInput in = new FlakyInput(new ByteArrayInput("h264-aac.flv", bytes), 3);
        FlvDemuxer d = new FlvDemuxer(in);
        int packets = 0;
        int errors = 0;
        while (!d.ended()) {
            try {
                if (d.read() != null) {
                    packets++;
                }
            } catch (IOException e) {
                assertThat(e).hasMessage("flaky");
                errors++;
            }
        }
        assertThat(errors).isGreaterThan(10);
        assertThat(packets).isEqualTo(138);
    }

    @Test
    void h264AacTracksTimesAndSizesMatchFfprobe() {
        DemuxRun run = DemuxRun.of(Fixtures.bytes("h264-aac.flv"));
        assertThat(run.failure).isNull();
        assertThat(run.demuxer.tracks()).hasSize(2);
        assertThat(run.demuxer.tracks().get(0).codec()).isEqualTo(Codec.H264);
        assertThat(run.demuxer.tracks().get(0).profile()).isEqualTo("High");
        assertThat(run.demuxer.tracks().get(1).codec()).isEqualTo(Codec.AAC);
        assertThat(run.demuxer.tracks().get(1).sampleRate()).isEqualTo(44100);
        assertThat(run.demuxer.tracks().get(1).channels()).isEqualTo(2);
        // ffprobe -show_packets: packet,video,0,80,...,0,...,2635,409,K_ then video 200/40 702, audio 57 90
        MediaPacket p0 = run.packets.get(0);
        assertThat(List.of(p0.track(), p0.ptsUs(), p0.dtsUs(), p0.size(), p0.key()))
                .containsExactly(0, 80_000L, 0L, 2635, true);
        MediaPacket p1 = run.packets.get(1);
        assertThat(List.of(p1.track(), p1.ptsUs(), p1.dtsUs(), p1.size(), p1.key()))
                .containsExactly(0, 200_000L, 40_000L, 702, false);
        MediaPacket p2 = run.packets.get(2);
        assertThat(List.of(p2.track(), p2.ptsUs(), p2.dtsUs(), p2.size(), p2.key()))
                .containsExactly(1, 57_000L, 57_000L, 90, true);
        assertThat(run.packets).hasSize(138);
        assertThat(run.demuxer.metadata().width()).isEqualTo(320.0);
        assertThat(run.demuxer.metadata().videoCodecId()).isEqualTo(7.0);
        assertThat(run.demuxer.metadata().encoder()).startsWith("Lavf");
    }

    @Test
    void hevcLayoutsCarryTheSamePackets() {
        DemuxRun enhanced = DemuxRun.of(Fixtures.bytes("hevc-enhanced.flv"));
        DemuxRun id12 = DemuxRun.of(Fixtures.bytes("hevc-id12.flv"));
        assertThat(enhanced.failure).isNull();
        assertThat(id12.failure).isNull();
        assertThat(enhanced.packetLines()).isEqualTo(id12.packetLines());
        assertThat(enhanced.demuxer.tracks()).isEqualTo(id12.demuxer.tracks());
        assertThat(enhanced.demuxer.tracks().get(0).codec()).isEqualTo(Codec.HEVC);
        assertThat(enhanced.demuxer.tracks().get(0).profile()).isEqualTo("Main");
        assertThat(enhanced.demuxer.metadata().videoCodecId()).isEqualTo((double) 0x68766331);
    }

    @Test
    void unsupportedMp3NamesTheCodecAndTheTag() {
        DemuxRun run = DemuxRun.of(Fixtures.bytes("unsupported-mp3.flv"));
        assertThat(run.packets).isEmpty();
        assertThat(run.failure).isInstanceOf(MediaParseException.class);
        MediaParseException e = (MediaParseException) run.failure;
        assertThat(e.kind()).isEqualTo(MediaParseException.Kind.UNSUPPORTED);
        assertThat(e).hasMessage("flv audio at byte 232: unsupported audio codec mp3");
    }

    @Test
    void truncatedFileGivesWholePacketsThenNamesTheCutTag() {
        byte[] bytes = Fixtures.bytes("h264-only.flv");
        // cut inside the tag at 2960 (the second frame, 504 data bytes)
        DemuxRun run = DemuxRun.of(Arrays.copyOf(bytes, 3000));
        assertThat(run.packets).hasSize(1);
        assertThat(run.packets.get(0).size()).isEqualTo(2669);
        assertThat(run.failure)
                .isInstanceOf(MediaParseException.class)
                .hasMessage("flv tag at byte 2960 (truncated): tag of type 9 announces 504 data bytes, the input ends"
                        + " after 29");
        assertThat(((MediaParseException) run.failure).kind()).isEqualTo(MediaParseException.Kind.TRUNCATED);
    }

    @Test
    void truncatedFileTrickledGivesTheSameResult() {
        byte[] cut = Arrays.copyOf(Fixtures.bytes("h264-aac.flv"), 20_000);
        DemuxRun whole = DemuxRun.of(cut);
        DemuxRun trickled = DemuxRun.of(new TrickleInput(new ByteArrayInput("cut.flv", cut)));
        assertThat(whole.failure).isInstanceOf(MediaParseException.class);
        assertThat(whole.packets).isNotEmpty();
        assertThat(trickled.dump()).isEqualTo(whole.dump());
    }

    @Test
    void tracksAreNumberedInTheOrderTheirFirstTagAppears() {
        DemuxRun run = DemuxRun.of(
                flv(tag(8, 0, "af001210"), tag(9, 0, "1701000000" + "00000001" + "65"), tag(8, 23, "af01aa")));
        assertThat(run.failure).isNull();
        assertThat(run.demuxer.tracks()).extracting(t -> t.codec()).containsExactly(Codec.AAC, Codec.H264);
        assertThat(run.packets).extracting(MediaPacket::track).containsExactly(1, 0);
        // a frame before its sequence header carries a format without codec config
        assertThat(run.packets.get(0).format().codecConfigLength()).isZero();
        assertThat(run.packets.get(1).format().sampleRate()).isEqualTo(44100);
    }

    @Test
    void truncatedInsideATagHeaderAndPreviousTagSize() {
        byte[] bytes = Fixtures.bytes("h264-only.flv");
        assertThat(DemuxRun.of(Arrays.copyOf(bytes, 2960 + 5)).failure)
                .hasMessage("flv tag at byte 2960 (truncated): tag header needs 11 bytes, 5 left");
        assertThat(DemuxRun.of(Arrays.copyOf(bytes, 2958)).failure)
                .hasMessage("flv tag at byte 2956 (truncated): PreviousTagSize needs 4 bytes, 2 left");
        // a cut exactly at a tag end, with or without the PreviousTagSize, is a clean end
        assertThat(DemuxRun.of(Arrays.copyOf(bytes, 2956)).failure).isNull();
        assertThat(DemuxRun.of(Arrays.copyOf(bytes, 2960)).packets).hasSize(1);
    }

    @Test
    void headerErrors() {
        assertThat(DemuxRun.of(new byte[0]).failure)
                .hasMessage("flv header at byte 0 (truncated): header needs 9 bytes");
        assertThat(DemuxRun.of(hex("464c5602050000000900000000")).failure)
                .hasMessage("flv header at byte 3: FLV version 2");
        assertThat(DemuxRun.of(hex("464c5601050000ffff00000000")).failure)
                .hasMessage("flv header at byte 5: data offset 65535 outside 9..1024");
        DemuxRun empty = DemuxRun.of(hex("464c5601050000000900000000"));
        assertThat(empty.failure).isNull();
        assertThat(empty.packets).isEmpty();
        assertThat(empty.demuxer.ended()).isTrue();
    }

    @Test
    void unsupportedVideoCodecsUseFfmpegNames() {
        // a video tag at byte 13 whose body starts at 24: key frame, codec id 4 (VP6)
        assertThat(DemuxRun.of(flv(tag(9, 0, "14"))).failure)
                .hasMessage("flv video at byte 24: unsupported video codec vp6f");
        assertThat(DemuxRun.of(flv(tag(9, 0, "22"))).failure)
                .hasMessage("flv video at byte 24: unsupported video codec flv1");
        assertThat(DemuxRun.of(flv(tag(9, 0, "9076703039"))).failure)
                .hasMessage("flv video at byte 25: unsupported video codec vp9");
        assertThat(DemuxRun.of(flv(tag(9, 0, "9061763031"))).failure)
                .hasMessage("flv video at byte 25: unsupported video codec av1");
        assertThat(DemuxRun.of(flv(tag(9, 0, "9561766331"))).failure)
                .hasMessage("flv video at byte 24: enhanced flv packet type MPEG2TSSequenceStart");
        assertThat(DemuxRun.of(flv(tag(8, 0, "7f00"))).failure)
                .hasMessage("flv audio at byte 24: unsupported audio codec pcm_alaw");
    }

    @Test
    void skipsUnknownTagTypesScriptEventsAndInfoFrames() {
        byte[] file = flv(
                tag(7, 0, "abcd"), // unknown tag type
                tag(18, 0, "02000a6f6e437565506f696e74"), // script data "onCuePoint"
                tag(9, 0, "5700"), // video info/command frame
                tag(9, 0, ""), // empty video tag
                tag(9, 0, "1702000000")); // end of sequence before any header: creates the track
        DemuxRun run = DemuxRun.of(file);
        assertThat(run.failure).isNull();
        assertThat(run.packets).isEmpty();
        assertThat(run.demuxer.tracks()).hasSize(1);
        assertThat(run.demuxer.metadata()).isNull();
    }

    @Test
    void malformedOnMetaDataIsSkipped() {
        DemuxRun run = DemuxRun.of(flv(tag(18, 0, "02000a6f6e4d65746144617461" + "08000000"), tag(8, 5, "af0155")));
        assertThat(run.failure).isNull();
        assertThat(run.demuxer.metadata()).isNull();
        assertThat(run.packets).hasSize(1);
    }

    @Test
    void encryptedTagsAreRefused() {
        assertThat(DemuxRun.of(flv(tag(0x28, 0, "af0155"))).failure)
                .hasMessage("flv tag at byte 13: encrypted (filtered) tag");
    }

    /** An FLV file: header with both flags, PreviousTagSize0, the tags. */
    static byte[] flv(String... tags) {
        return hex("464c5601050000000900000000" + String.join("", tags));
    }

    /** One tag with its PreviousTagSize. */
    static String tag(int type, long timestampMs, String bodyHex) {
        int size = bodyHex.length() / 2;
        return String.format(
                "%02x%06x%06x%02x000000%s%08x",
                type, size, timestampMs & 0xffffff, timestampMs >>> 24, bodyHex, size + 11);
    }

    @Test
    void newSequenceHeaderMidStreamGivesANewFormat() throws IOException {
        byte[] avcc1 = hex("0164001fffe1000467640028010004" + "68ee3c80");
        byte[] avcc2 = hex("014d401fffe100046742c028010004" + "68ee3c80");
        var out = new java.io.ByteArrayOutputStream();
        var w = new dev.liveloom.flv.tag.FlvTagWriter(out);
        w.writeHeader(dev.liveloom.flv.tag.FlvHeader.of(false, true));
        w.writeVideo(
                0,
                dev.liveloom.flv.tag.VideoTagBody.legacy(
                        Codec.H264,
                        dev.liveloom.flv.tag.VideoPacketType.SEQUENCE_START,
                        true,
                        0,
                        java.nio.ByteBuffer.wrap(avcc1)));
        w.writeVideo(
                0,
                dev.liveloom.flv.tag.VideoTagBody.legacy(
                        Codec.H264,
                        dev.liveloom.flv.tag.VideoPacketType.CODED_FRAMES,
                        true,
                        0,
                        java.nio.ByteBuffer.wrap(hex("0000000165"))));
        w.writeVideo(
                40,
                dev.liveloom.flv.tag.VideoTagBody.legacy(
                        Codec.H264,
                        dev.liveloom.flv.tag.VideoPacketType.SEQUENCE_START,
                        true,
                        0,
                        java.nio.ByteBuffer.wrap(avcc2)));
        w.writeVideo(
                40,
                dev.liveloom.flv.tag.VideoTagBody.legacy(
                        Codec.H264,
                        dev.liveloom.flv.tag.VideoPacketType.CODED_FRAMES,
                        true,
                        -40,
                        java.nio.ByteBuffer.wrap(hex("0000000165"))));
        DemuxRun run = DemuxRun.of(out.toByteArray());
        assertThat(run.failure).isNull();
        assertThat(run.packets).hasSize(2);
        assertThat(run.packets.get(0).format().profile()).isEqualTo("High");
        assertThat(run.packets.get(1).format().profile()).isEqualTo("Main");
        assertThat(run.packets.get(1).ptsUs()).isEqualTo(0);
        assertThat(run.packets.get(1).dtsUs()).isEqualTo(40_000);
        assertThat(run.demuxer.tracks().get(0).profile()).isEqualTo("Main");
    }

    @Test
    void extendedTimestampByteIsBits31To24() {
        DemuxRun run = DemuxRun.of(flv(tag(8, 0x78123456L, "af0111")));
        assertThat(run.failure).isNull();
        assertThat(run.packets.get(0).dtsUs()).isEqualTo(0x78123456L * 1000);
        assertThat(run.packets.get(0).format().codecConfigLength()).isZero();
    }

    @Test
    void packetsAreViewsOfTheInput() throws IOException {
        try (FileByteInput in = FileByteInput.open(Fixtures.media("h264-aac.flv"))) {
            Demuxer d = Demuxers.open(in, Duration.ofSeconds(5));
            assertThat(d).isInstanceOf(FlvDemuxer.class);
            assertThat(d.formatName()).isEqualTo("flv");
            MediaPacket p = d.read();
            assertThat(p.data().isReadOnly()).isTrue();
            assertThat(p.data().isDirect()).isTrue();
            d.close();
            d.close();
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
