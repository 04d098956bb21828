package dev.liveloom.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.PacketDump;
import dev.liveloom.core.testing.TrickleInput;
import dev.liveloom.ts.psi.Pmt;
import dev.liveloom.ts.psi.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TsDemuxerTest {
    static final String[] FIXTURES = {"h264-aac.ts", "hevc-aac.ts", "unsupported-mp2.ts"};

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.ts", "hevc-aac.ts", "unsupported-mp2.ts"})
    void golden(String name) {
        Fixtures.assertGolden(
                "ts/" + name + ".txt", TsRun.of(Fixtures.bytes(name)).dump());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.ts", "hevc-aac.ts"})
    void oneByteAtATimeGivesTheSamePackets(String name) {
        byte[] ts = Fixtures.bytes(name);
        TsRun whole = TsRun.of(ts);
        assertThat(whole.packets).hasSizeGreaterThan(50);
        assertThat(TsRun.of(ts, 1).dump()).isEqualTo(whole.dump());
        assertThat(TsRun.of(ts, 187).dump()).isEqualTo(whole.dump());
        assertThat(TsRun.of(ts, 1316).dump()).isEqualTo(whole.dump());
    }

    @Test
    void tracksAndFormats() {
        TsRun run = TsRun.of(Fixtures.bytes("h264-aac.ts"));
        assertThat(run.demuxer.tracks()).hasSize(2);
        assertThat(run.demuxer.tracks().get(0).codec()).isEqualTo(Codec.H264);
        assertThat(run.demuxer.tracks().get(0).profile()).isEqualTo("High");
        assertThat(run.demuxer.tracks().get(0).width()).isEqualTo(320);
        assertThat(run.demuxer.tracks().get(0).nalLengthSize()).isEqualTo(4);
        assertThat(run.demuxer.tracks().get(1).sampleRate()).isEqualTo(44100);
        assertThat(run.demuxer.tracks().get(1).channels()).isEqualTo(2);
        assertThat(run.demuxer.tracks().get(1).codecConfig()).containsExactly(0x12, 0x10);
        assertThat(run.events).containsExactly("program 1 version 0");
        // two GOPs of 25 frames at 25 fps, the first key frame at ffmpeg's 1.4 s offset
        List<MediaPacket> video = run.track(0);
        assertThat(video).hasSize(50);
        assertThat(video.stream().filter(MediaPacket::key).map(MediaPacket::dtsUs))
                .containsExactly(1_400_000L, 2_400_000L);
        // no AUD and no parameter sets stay in the packets: each starts with a 4-byte length
        for (MediaPacket p : video) {
            ByteBuffer d = p.data();
            int firstType = d.get(4) & 0x1f;
            assertThat(firstType).isNotIn(7, 8, 9);
        }
        // AAC: frames of a multi-frame PES are 1024 samples apart
        List<MediaPacket> audio = run.track(1);
        // (on the 90 kHz grid: 2090 ticks)
        assertThat(audio.get(1).dtsUs() - audio.get(0).dtsUs()).isEqualTo(23_223L);
        assertThat(audio.get(0).durationUs()).isEqualTo(23_219L);
    }

    @Test
    void unsupportedStreamIsReportedNotFatal() {
        TsRun run = TsRun.of(Fixtures.bytes("unsupported-mp2.ts"));
        assertThat(run.events).contains("unsupported pid 257 type 3: unsupported audio codec mp2");
        assertThat(run.demuxer.tracks()).hasSize(1);
        assertThat(run.packets).hasSize(10);
    }

    @Test
    void droppedPacketLosesOnlyTheDamagedPes() {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        TsRun whole = TsRun.of(ts);
        // drop the 3rd packet of the video PID 256 after the 100th TS packet (inside a PES, not its start)
        int victim = -1;
        int seen = 0;
        for (int i = 100; i < ts.length / 188; i++) {
            if (pid(ts, i) == 256 && (ts[i * 188 + 1] & 0x40) == 0 && ++seen == 3) {
                victim = i;
                break;
            }
        }
        byte[] cut = remove(ts, victim * 188, 188);
        TsRun run = TsRun.of(cut);
        assertThat(run.events)
                .filteredOn(e -> e.startsWith("continuityError"))
                .singleElement()
                .asString()
                .startsWith("continuityError pid 256 at " + victim * 188 + " expected")
                .endsWith("lost 1");
        assertThat(run.events).filteredOn(e -> e.startsWith("pesDropped")).hasSize(1);
        assertThat(run.track(0)).hasSize(whole.track(0).size() - 1);
        assertThat(lines(run.track(1))).isEqualTo(lines(whole.track(1)));
        List<String> expected =
                new ArrayList<>(Arrays.asList(lines(whole.track(0)).split("\n")));
        List<String> got = Arrays.asList(lines(run.track(0)).split("\n"));
        expected.removeAll(got);
        assertThat(expected).hasSize(1);
    }

    @Test
    void discontinuityIndicatorRestartsTheContinuityCounter() {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        TsRun whole = TsRun.of(ts);
        byte[] b = ts.clone();
        // the second video PES start with an adaptation field: flag a discontinuity there and shift
        // the counters of that packet and every later one of PID 256 by 5
        int seen = 0;
        int at = -1;
        for (int i = 0; i < b.length / 188; i++) {
            int p = i * 188;
            if (pid(b, i) == 256 && (b[p + 1] & 0x40) != 0 && (b[p + 3] & 0x20) != 0 && b[p + 4] != 0 && ++seen == 2) {
                at = p;
                b[p + 5] |= (byte) 0x80;
                break;
            }
        }
        for (int p = at; p < b.length; p += 188) {
            if (pid(b, p / 188) == 256) {
                b[p + 3] = (byte) ((b[p + 3] & 0xf0) | ((b[p + 3] + 5) & 0x0f));
            }
        }
        TsRun run = TsRun.of(b);
        assertThat(run.events).containsExactly("program 1 version 0", "discontinuity pid 256 at " + at);
        assertThat(run.packetLines()).isEqualTo(whole.packetLines());
    }

    @Test
    void garbageBetweenPacketsIsSkipped() {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        TsRun whole = TsRun.of(ts);
        byte[] junk = new byte[100];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i % 3 == 1 ? 0x47 : i * 7 + 1);
        }
        byte[] dirty = insert(ts, 40 * 188, junk);
        byte[] dirty2 = insert(dirty, 0, new byte[] {1, 2, 3});
        for (int chunk : new int[] {Integer.MAX_VALUE, 1, 100}) {
            TsRun run = TsRun.of(dirty2, chunk);
            assertThat(run.events).containsExactly("syncLost 0 3", "program 1 version 0", "syncLost 7523 100");
            assertThat(run.packetLines()).isEqualTo(whole.packetLines());
        }
    }

    @Test
    void truncatedFileYieldsWholePacketsThenFails() throws IOException {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        byte[] cut = Arrays.copyOf(ts, 100 * 188 + 50);
        Demuxer d = new TsInputDemuxer(new ByteArrayInput("cut.ts", cut));
        List<MediaPacket> got = new ArrayList<>();
        MediaParseException failure = null;
        try {
            MediaPacket p;
            while ((p = d.read()) != null) {
                got.add(p);
            }
        } catch (MediaParseException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isEqualTo(MediaParseException.Kind.TRUNCATED);
        assertThat(failure).hasMessage("ts packet at byte 18800 (truncated): last packet has 50 of 188 bytes");
        assertThat(got).isNotEmpty();
        String prefix = TsRun.of(Arrays.copyOf(ts, 100 * 188)).packetLines();
        assertThat(lines(got)).isEqualTo(prefix);
    }

    @Test
    void truncatedPesIsReported() {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        // cut the stream after the first TS packet of an audio PES (PID 257 with PUSI, bounded)
        int first = -1;
        for (int i = 0; i < ts.length / 188; i++) {
            if (pid(ts, i) == 257 && (ts[i * 188 + 1] & 0x40) != 0) {
                first = i;
                break;
            }
        }
        TsRun run = TsRun.of(Arrays.copyOf(ts, (first + 1) * 188));
        assertThat(run.events)
                .filteredOn(e -> e.startsWith("pesDropped pid 257"))
                .singleElement()
                .asString()
                .isEqualTo("pesDropped pid 257 at " + first * 188
                        + ": PES of 1455 bytes cut short at 182 by the end of the stream");
    }

    @Test
    void fileThroughTrickleInputAndProvider() throws IOException {
        byte[] ts = Fixtures.bytes("hevc-aac.ts");
        Demuxer viaProvider = Demuxers.open(new ByteArrayInput("x.ts", ts), Duration.ofSeconds(1));
        assertThat(viaProvider.formatName()).isEqualTo("mpegts");
        TrickleInput input = new TrickleInput(new ByteArrayInput("x.ts", ts));
        Demuxer trickle = new TsInputDemuxer(input);
        List<MediaPacket> a = readAll(viaProvider);
        List<MediaPacket> b = new ArrayList<>();
        while (!trickle.ended()) {
            MediaPacket p = trickle.read();
            if (p != null) {
                b.add(p);
            } else if (!trickle.ended()) {
                input.ready().join();
            }
        }
        assertThat(lines(b)).isEqualTo(lines(a)).isEqualTo(TsRun.of(ts).packetLines());
        assertThat(trickle.tracks()).hasSize(2);
    }

    @Test
    void sniffing() {
        TsDemuxerProvider p = new TsDemuxerProvider();
        assertThat(p.sniff(ByteBuffer.wrap(Fixtures.bytes("h264-aac.ts")))).isTrue();
        assertThat(p.sniff(ByteBuffer.wrap(Fixtures.bytes("h264-aac.flv")))).isFalse();
        byte[] bad = Arrays.copyOf(Fixtures.bytes("h264-aac.ts"), 600);
        bad[376] = 0;
        assertThat(p.sniff(ByteBuffer.wrap(bad))).isFalse();
        assertThat(p.sniff(ByteBuffer.wrap(new byte[] {0x47}))).isFalse();
    }

    @Test
    void notATransportStreamFailsAtTheEnd() {
        byte[] junk = new byte[188 * 3];
        junk[0] = 0x47;
        junk[188] = 0x47;
        junk[376] = 0x47;
        assertThatThrownBy(() -> readAll(new TsInputDemuxer(new ByteArrayInput("j.ts", junk))))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("ts at byte 0: no program with streams (PAT and PMT) found");
    }

    @Test
    void onlyUnsupportedStreamsFail() throws Exception {
        // the mp2 fixture without its video PID 256
        byte[] ts = Fixtures.bytes("unsupported-mp2.ts");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < ts.length / 188; i++) {
            if (pid(ts, i) != 256) {
                out.write(ts, i * 188, 188);
            }
        }
        byte[] audioOnly = out.toByteArray();
        // the PMT still lists the H.264 PID: replace it by one without it
        TsRun probe = TsRun.of(audioOnly);
        assertThat(probe.packets).isEmpty();
        assertThat(probe.events).contains("unsupported pid 257 type 3: unsupported audio codec mp2");
        Pmt onlyMp2 =
                new Pmt(1, 0, 257, new byte[0], List.of(new Pmt.Stream(StreamType.MPEG1_AUDIO, 257, new byte[0])));
        byte[] patched = TsTestStreams.replacePmt(audioOnly, 4096, onlyMp2);
        assertThatThrownBy(() -> readAll(new TsInputDemuxer(new ByteArrayInput("a.ts", patched))))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("ts pmt: unsupported audio codec mp2");
    }

    static List<MediaPacket> readAll(Demuxer d) throws IOException {
        List<MediaPacket> list = new ArrayList<>();
        MediaPacket p;
        while ((p = d.read()) != null) {
            list.add(p);
        }
        assertThat(d.ended()).isTrue();
        return list;
    }

    static String lines(List<MediaPacket> packets) {
        PacketDump d = new PacketDump();
        packets.forEach(d::packet);
        return d.toString();
    }

    static int pid(byte[] ts, int packet) {
        return ((ts[packet * 188 + 1] & 0x1f) << 8) | (ts[packet * 188 + 2] & 0xff);
    }

    static byte[] remove(byte[] b, int at, int n) {
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
    }

    static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }
}
