package dev.liveloom.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.ts.pes.TimestampUnwrapper;
import dev.liveloom.ts.psi.Pmt;
import dev.liveloom.ts.psi.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TsMuxerTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Muxes packets (in their order) with a muxer for {@code tracks}. */
    static byte[] mux(List<TrackFormat> tracks, List<MediaPacket> packets) throws MediaParseException {
        TsMuxer m = new TsMuxer(tracks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MediaPacket p : packets) {
            out.writeBytes(m.write(p));
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.ts", "hevc-aac.ts", "unsupported-mp2.ts"})
    void roundTripGivesTheSamePackets(String name) throws Exception {
        TsRun original = TsRun.of(Fixtures.bytes(name));
        byte[] ts = mux(original.demuxer.tracks(), original.packets);
        assertThat(ts.length % 188).isZero();
        TsRun again = TsRun.of(ts);
        assertThat(again.events).containsExactly("program 1 version 0");
        assertThat(again.demuxer.tracks()).isEqualTo(original.demuxer.tracks());
        for (int t = 0; t < original.demuxer.tracks().size(); t++) {
            // times, flags, sizes and payload CRCs per track (across tracks the order may differ:
            // video comes out when its next PES starts)
            assertThat(TsDemuxerTest.lines(again.track(t))).isEqualTo(TsDemuxerTest.lines(original.track(t)));
            for (int i = 0; i < again.track(t).size(); i++) {
                assertThat(again.track(t).get(i).data())
                        .isEqualTo(original.track(t).get(i).data());
                assertThat(again.track(t).get(i).format())
                        .isSameAs(again.demuxer.tracks().get(t));
            }
        }
    }

    @Test
    void psiPacketsExactBytes() {
        TrackFormat video =
                TsRun.of(Fixtures.bytes("h264-aac.ts")).demuxer.tracks().get(0);
        byte[] psi = new TsMuxer(List.of(video)).psi();
        assertThat(psi).hasSize(376);
        // PAT: PUSI on PID 0, CC 0, pointer 0, table 0, length 13, TSID 1, version 0 current, program 1 -> PID 0x1000
        assertThat(HEX.formatHex(psi, 0, 4 + 1 + 16))
                .isEqualTo("4740001000" + "00b00d0001c10000" + "0001f000" + "2ab104b2");
        assertThat(psi[21]).isEqualTo((byte) 0xff);
        assertThat(psi[187]).isEqualTo((byte) 0xff);
        // PMT on 0x1000: program 1, PCR PID 0x100, no program info, H.264 on 0x100
        assertThat(HEX.formatHex(psi, 188, 188 + 5 + 12 + 5))
                .isEqualTo("4750001000" + "02b0120001c10000" + "e100f000" + "1be100f000");
    }

    @Test
    void videoPesCarriesAudParameterSetsAndPcr() throws Exception {
        TsRun run = TsRun.of(Fixtures.bytes("h264-aac.ts"));
        TrackFormat video = run.demuxer.tracks().get(0);
        MediaPacket key = run.track(0).get(0);
        TsMuxer m = new TsMuxer(List.of(video));
        byte[] ts = m.write(key);
        // PAT, PMT, then the PES on PID 0x100 with PUSI, adaptation field (RAI + PCR) and payload
        assertThat(HEX.formatHex(ts, 376, 376 + 4)).isEqualTo("47410030");
        assertThat(HEX.formatHex(ts, 380, 380 + 8)).isEqualTo("0750" + "0000f6187e00"); // RAI, PCR base 126000 (1.4 s)
        // PES header: video stream id, length 0, PTS+DTS, then AUD and SPS
        int pes = 380 + 8;
        assertThat(HEX.formatHex(ts, pes, pes + 9)).isEqualTo("000001e0000084c00a");
        assertThat(HEX.formatHex(ts, pes + 19, pes + 19 + 11)).isEqualTo("0000000109f00000000167");
        assertThat(m.write(run.track(0).get(1)).length % 188).isZero();
    }

    @Test
    void aacFramesGetAdtsHeadersInBoundedPes() throws Exception {
        TsRun run = TsRun.of(Fixtures.bytes("h264-aac.ts"));
        TrackFormat audio = run.demuxer.tracks().get(1);
        MediaPacket first = run.track(1).get(0);
        MediaPacket frame = new MediaPacket(0, audio, first.dtsUs(), first.ptsUs(), 0, true, first.data());
        byte[] ts = new TsMuxer(List.of(audio)).write(frame);
        assertThat(ts).hasSize(3 * 188);
        int p = 376;
        assertThat(HEX.formatHex(ts, p, p + 4)).isEqualTo("47410030");
        int afLen = ts[p + 4] & 0xff;
        int pes = p + 5 + afLen;
        int pesLen = 14 + 7 + frame.size() - 6;
        assertThat(HEX.formatHex(ts, pes, pes + 9))
                .isEqualTo("000001c0" + String.format("%04x", pesLen) + "8480" + "05");
        // ADTS: sync, MPEG-4, no CRC, LC, 44.1 kHz, stereo, frame length 7 + 90
        assertThat(HEX.formatHex(ts, pes + 14, pes + 14 + 7)).isEqualTo("fff15080" + "0c3ffc");
        assertThat(188 - 5 - afLen).isEqualTo(14 + 7 + frame.size());
    }

    @Test
    void ptsWrapsAroundIntoAContinuousTimeline() throws Exception {
        TsRun run = TsRun.of(Fixtures.bytes("h264-aac.ts"));
        List<TrackFormat> tracks = run.demuxer.tracks();
        // shift every packet so that the stream crosses 2^33 ticks (26.5 h) one second in
        long wrapUs = TimestampUnwrapper.ticksToUs(1L << 33);
        long shift = wrapUs - 1_000_000 - run.packets.get(0).dtsUs();
        List<MediaPacket> shifted = new ArrayList<>();
        for (MediaPacket p : run.packets) {
            shifted.add(p.withTimes(p.dtsUs() + shift, p.ptsUs() + shift));
        }
        TsRun again = TsRun.of(mux(tracks, shifted));
        for (int t = 0; t < 2; t++) {
            List<MediaPacket> want =
                    shifted.stream().filter(p -> p.track() == 0).toList();
            List<MediaPacket> got = again.track(0);
            assertThat(got).hasSize(want.size());
            for (int i = 0; i < got.size(); i++) {
                // 90 kHz rounding of the shifted times: within one tick
                assertThat(got.get(i).dtsUs()).isCloseTo(want.get(i).dtsUs(), org.assertj.core.data.Offset.offset(12L));
                assertThat(got.get(i).ptsUs()).isCloseTo(want.get(i).ptsUs(), org.assertj.core.data.Offset.offset(12L));
            }
        }
        assertThat(again.packets.get(again.packets.size() - 1).dtsUs()).isGreaterThan(wrapUs);
    }

    @Test
    void newParameterSetsGiveANewFormat() throws Exception {
        TrackFormat high =
                TsRun.of(Fixtures.bytes("h264-aac.ts")).demuxer.tracks().get(0);
        TsRun baselineRun = TsRun.of(Fixtures.bytes("unsupported-mp2.ts"));
        TrackFormat baseline = baselineRun.demuxer.tracks().get(0);
        MediaPacket key = baselineRun.track(0).get(0);
        List<MediaPacket> packets = List.of(
                key.withFormat(high).withTimes(0, 0),
                key.withFormat(high).withTimes(40_000, 40_000),
                key.withFormat(baseline).withTimes(80_000, 80_000),
                key.withFormat(baseline).withTimes(120_000, 120_000));
        TsRun run = TsRun.of(mux(List.of(high), packets));
        assertThat(run.packets).hasSize(4);
        assertThat(run.packets.get(0).format().codecConfig()).isEqualTo(high.codecConfig());
        assertThat(run.packets.get(1).format()).isSameAs(run.packets.get(0).format());
        assertThat(run.packets.get(2).format().codecConfig()).isEqualTo(baseline.codecConfig());
        assertThat(run.packets.get(2).format().profile()).isEqualTo("Constrained Baseline");
        assertThat(run.packets.get(3).format()).isSameAs(run.packets.get(2).format());
        assertThat(run.demuxer.tracks().get(0).profile()).isEqualTo("Constrained Baseline");
    }

    @Test
    void pmtVersionChangeAddsATrack() throws Exception {
        TsRun run = TsRun.of(Fixtures.bytes("h264-aac.ts"));
        TrackFormat video = run.demuxer.tracks().get(0);
        TrackFormat audio = run.demuxer.tracks().get(1);
        TsMuxer m = new TsMuxer(List.of(video, audio));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<MediaPacket> v = run.track(0);
        List<MediaPacket> a = run.track(1);
        // first video only, with a PMT that lists only video; then a PMT version 1 adds the audio
        Pmt videoOnly = new Pmt(1, 0, 0x100, new byte[0], List.of(new Pmt.Stream(StreamType.H264, 0x100, new byte[0])));
        byte[] first = m.write(v.get(0));
        out.writeBytes(TsTestStreams.replacePmt(first, TsMuxer.PMT_PID, videoOnly));
        out.writeBytes(m.write(a.get(0))); // dropped: PID 0x101 is not in the PMT yet
        out.writeBytes(m.write(v.get(1)));
        Pmt both = new Pmt(
                1,
                1,
                0x100,
                new byte[0],
                List.of(
                        new Pmt.Stream(StreamType.H264, 0x100, new byte[0]),
                        new Pmt.Stream(StreamType.AAC_ADTS, 0x101, new byte[0])));
        out.writeBytes(TsTestStreams.psiPacket(TsMuxer.PMT_PID, 1, both.write()));
        out.writeBytes(m.write(a.get(1)));
        out.writeBytes(m.write(v.get(2)));
        TsRun got = TsRun.of(out.toByteArray());
        assertThat(got.events).containsExactly("program 1 version 0", "program 1 version 1");
        assertThat(got.demuxer.tracks()).hasSize(2);
        assertThat(TsDemuxerTest.lines(got.track(0))).isEqualTo(TsDemuxerTest.lines(v.subList(0, 3)));
        assertThat(TsDemuxerTest.lines(got.track(1))).isEqualTo(TsDemuxerTest.lines(a.subList(1, 2)));
    }

    @Test
    void pesOverTheLimitIsDroppedAndReported() throws Exception {
        TsRun run = TsRun.of(Fixtures.bytes("h264-aac.ts"));
        TrackFormat video = run.demuxer.tracks().get(0);
        MediaPacket key = run.track(0).get(0);
        byte[] huge = new byte[TsDemuxer.MAX_PES_BYTES];
        java.util.Arrays.fill(huge, (byte) 0x11);
        ByteBuffer.wrap(huge).putInt(huge.length - 4).put((byte) 0x41);
        List<MediaPacket> packets = List.of(
                key.withTimes(0, 0),
                new MediaPacket(0, video, 40_000, 40_000, 0, false, ByteBuffer.wrap(huge)),
                key.withTimes(80_000, 80_000));
        TsRun got = TsRun.of(mux(List.of(video), packets));
        assertThat(got.events)
                .filteredOn(e -> e.startsWith("pesDropped"))
                .singleElement()
                .asString()
                .endsWith(": PES larger than 16777216 bytes");
        assertThat(got.packets).extracting(MediaPacket::dtsUs).containsExactly(0L, 80_000L);
    }

    @Test
    void transportErrorIndicatorDropsThePes() throws Exception {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        TsRun whole = TsRun.of(ts);
        byte[] b = ts.clone();
        int at = 0;
        for (int i = 60; i < b.length / 188; i++) {
            if (TsDemuxerTest.pid(b, i) == 257) {
                at = i * 188;
                b[at + 1] |= (byte) 0x80;
                break;
            }
        }
        TsRun got = TsRun.of(b);
        assertThat(got.events).contains("malformed ts packet at byte " + at + ": transport_error_indicator set");
        assertThat(got.events)
                .filteredOn(e -> e.startsWith("pesDropped pid 257"))
                .hasSize(1);
        assertThat(got.track(0)).hasSameSizeAs(whole.track(0));
        assertThat(got.track(1).size()).isLessThan(whole.track(1).size());
    }

    @Test
    void misuseThrows() {
        TrackFormat video =
                TsRun.of(Fixtures.bytes("h264-aac.ts")).demuxer.tracks().get(0);
        TsMuxer m = new TsMuxer(List.of(video));
        MediaPacket other = new MediaPacket(1, video, 0, 0, 0, true, ByteBuffer.allocate(0));
        assertThatThrownBy(() -> m.write(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("track 1 (this muxer has 1)");
        assertThatThrownBy(() -> new TsMuxer(List.of())).isInstanceOf(IllegalArgumentException.class);
        MediaPacket broken = new MediaPacket(0, video, 0, 0, 0, false, ByteBuffer.wrap(HEX.parseHex("0000000941")));
        assertThatThrownBy(() -> m.write(broken))
                .isInstanceOf(MediaParseException.class)
                .hasMessageContaining("NAL of 9 bytes, 1 left");
    }
}
