package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SeiInserterTest {
    static final byte[] AUD = Hex.bytes("09f0");
    static final byte[] SPS = Hex.bytes("6764000dacd94141fb0110000003001000000303c8f14299");
    static final byte[] PPS = Hex.bytes("68ebe3cb22c0");
    static final byte[] X264_SEI = Hex.bytes("0605 04 01020304 80");
    static final byte[] IDR = Hex.bytes("658884002e1ffe");
    static final byte[] P = Hex.bytes("419a246c42ff");
    static final byte[] B = Hex.bytes("019e42792f");

    static final TrackFormat H264 = Aus.format(Codec.H264, 4);
    static final LayoutSei LAYOUT = LayoutSei.singleStreamer("streamer111", 1920, 1080);
    static final LayoutSei PASS = LAYOUT.toBuilder().passThrough("hello world").build();

    final Aus.TestClock clock = new Aus.TestClock(1697696105170L);

    static byte[] idrAu() {
        return Aus.lengthPrefixed(4, AUD, SPS, PPS, X264_SEI, IDR);
    }

    static byte[] pAu() {
        return Aus.lengthPrefixed(4, AUD, P);
    }

    private static SeiSettings layoutOnly(SeiSchedule s) {
        return SeiSettings.builder()
                .layoutVolume(SeiSettings.Channel.layoutVolume(s, LAYOUT))
                .build();
    }

    private byte[] expectedLayoutNal(Codec codec, LayoutSei content, long tsMs) {
        return SeiWriter.write(
                codec,
                SeiMessage.userData(
                        SeiSettings.LAYOUT_VOLUME_UUID, content.withTs(tsMs).toJsonBytes()));
    }

    @Test
    void onceGoesBeforeTheFirstSliceAndEverythingElseIsKept() throws Exception {
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.ONCE), clock);
        MediaPacket in = Aus.packet(H264, 0, true, idrAu());
        MediaPacket out = ins.apply(in);
        assertThat(out).isNotSameAs(in);
        byte[] sei = expectedLayoutNal(Codec.H264, LAYOUT, clock.ms);
        assertThat(Aus.bytes(out)).isEqualTo(Aus.lengthPrefixed(4, AUD, SPS, PPS, X264_SEI, sei, IDR));
        assertThat(SeiReader.read(Codec.H264, sei).get(0).data())
                .isEqualTo(LayoutSeiTest.SINGLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(out.ptsUs()).isEqualTo(in.ptsUs());
        assertThat(out.dtsUs()).isEqualTo(in.dtsUs());
        assertThat(out.key()).isTrue();
        assertThat(out.format()).isSameAs(in.format());

        for (int i = 1; i < 100; i++) {
            MediaPacket p = Aus.packet(H264, i * 40_000L, i % 25 == 0, i % 25 == 0 ? idrAu() : pAu());
            assertThat(ins.apply(p)).isSameAs(p);
        }
    }

    /** Runs {@code n} packets at 25 fps (key every {@code gop}); returns the pts (ms) of those that got SEI. */
    private static List<Long> run(SeiInserter ins, int n, int gop) throws MediaParseException {
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean key = i % gop == 0;
            MediaPacket p = Aus.packet(H264, i * 40_000L, key, key ? idrAu() : pAu());
            MediaPacket out = ins.apply(p);
            if (out != p) {
                at.add(i * 40L);
                assertThat(Aus.nals(out)).hasSize(Aus.nals(p).size() + 1);
            }
        }
        return at;
    }

    @Test
    void interval() throws Exception {
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.every(1000)), clock);
        assertThat(run(ins, 130, 50)).containsExactly(0L, 1000L, 2000L, 3000L, 4000L, 5000L);
        ins = new SeiInserter(layoutOnly(SeiSchedule.every(1500)), clock);
        assertThat(run(ins, 130, 50)).containsExactly(0L, 1520L, 3040L, 4560L);
    }

    @Test
    void followIdr() throws Exception {
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.onKeyFrames()), clock);
        assertThat(run(ins, 100, 30)).containsExactly(0L, 1200L, 2400L, 3600L);
    }

    @Test
    void intervalAndFollowIdrCombine() throws Exception {
        SeiInserter ins = new SeiInserter(layoutOnly(new SeiSchedule(2000, true)), clock);
        // key frames at 0, 1200, 2400, 3600; the interval restarts at each insertion
        assertThat(run(ins, 120, 30)).containsExactly(0L, 1200L, 2400L, 3600L);
        ins = new SeiInserter(layoutOnly(new SeiSchedule(1000, true)), clock);
        assertThat(run(ins, 100, 30)).containsExactly(0L, 1000L, 1200L, 2200L, 2400L, 3400L, 3600L);
    }

    @Test
    void intervalFollowsPresentationTimeWithBFrames() throws Exception {
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.every(1000)), clock);
        // decode order I P B B with pts 0, 120, 40, 80 ms, ...
        long[] order = {0, 3, 1, 2};
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long pts = ((i / 4) * 4 + order[i % 4]) * 40_000L;
            MediaPacket p = Aus.packet(H264, pts, false, Aus.lengthPrefixed(4, i % 4 >= 2 ? B : P));
            if (ins.apply(p) != p) {
                at.add(pts / 1000);
            }
        }
        // decode order: pts 1080 comes before 1000, so it is the first at least 1000 ms after 0
        assertThat(at).containsExactly(0L, 1080L, 2080L, 3160L, 4160L, 5240L, 6240L, 7320L);
    }

    @Test
    void timelineJumpingBackRestartsTheInterval() throws Exception {
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.every(1000)), clock);
        assertThat(ins.apply(Aus.packet(H264, 10_000_000, false, pAu()))).isNotNull();
        MediaPacket back = Aus.packet(H264, 0, false, pAu());
        assertThat(ins.apply(back)).isNotSameAs(back);
        MediaPacket next = Aus.packet(H264, 40_000, false, pAu());
        assertThat(ins.apply(next)).isSameAs(next);
    }

    @Test
    void bothChannelsLayoutFirstTsFromTheClock() throws Exception {
        SeiSettings s = SeiSettings.builder()
                .layoutVolume(SeiSettings.Channel.layoutVolume(SeiSchedule.every(1000), LAYOUT))
                .passThrough(SeiSettings.Channel.passThrough(SeiSchedule.every(1000), 100, PASS))
                .build();
        SeiInserter ins = new SeiInserter(s, clock);
        clock.ms = 1697696109876L;
        MediaPacket out = ins.apply(Aus.packet(H264, 0, false, pAu()));
        byte[] lv = expectedLayoutNal(Codec.H264, LAYOUT, clock.ms);
        byte[] pt = SeiWriter.write(
                Codec.H264, SeiMessage.of(100, PASS.withTs(clock.ms).toJsonBytes()));
        assertThat(Aus.bytes(out)).isEqualTo(Aus.lengthPrefixed(4, AUD, lv, pt, P));
        assertThat(new String(SeiReader.read(Codec.H264, pt).get(0).data(), "UTF-8"))
                .isEqualTo(LayoutSeiTest.PASS_THROUGH);

        // the default pass-through payload type 5 carries its own UUID
        SeiInserter five = new SeiInserter(
                SeiSettings.builder()
                        .passThrough(SeiSettings.Channel.passThrough(SeiSchedule.ONCE, 5, PASS))
                        .build(),
                clock);
        List<byte[]> nals = Aus.nals(five.apply(Aus.packet(H264, 0, false, pAu())));
        SeiMessage m = SeiReader.read(Codec.H264, nals.get(1)).get(0);
        assertThat(m.payloadType()).isEqualTo(5);
        assertThat(m.uuid()).isEqualTo(SeiSettings.PASS_THROUGH_UUID);
    }

    @Test
    void hevcPrefixSeiAfterParameterSets() throws Exception {
        TrackFormat hevc = Aus.format(Codec.HEVC, 4);
        byte[] aud = Hex.bytes("460150");
        byte[] vps = Hex.bytes("40010c01ffff");
        byte[] sps = Hex.bytes("42010101600000");
        byte[] pps = Hex.bytes("4401c172b4");
        byte[] idr = Hex.bytes("2601af0a7c");
        byte[] trail = Hex.bytes("0201d00946");
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.onKeyFrames()), clock);
        MediaPacket out = ins.apply(Aus.packet(hevc, 0, true, Aus.lengthPrefixed(4, aud, vps, sps, pps, idr)));
        byte[] sei = expectedLayoutNal(Codec.HEVC, LAYOUT, clock.ms);
        assertThat(Hex.of(sei)).startsWith("4e0105");
        assertThat(Aus.bytes(out)).isEqualTo(Aus.lengthPrefixed(4, aud, vps, sps, pps, sei, idr));
        MediaPacket p = Aus.packet(hevc, 40_000, false, Aus.lengthPrefixed(4, trail));
        assertThat(ins.apply(p)).isSameAs(p);
    }

    @Test
    void otherLengthSizesAndOversize() throws Exception {
        TrackFormat two = Aus.format(Codec.H264, 2);
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.ONCE), clock);
        MediaPacket out = ins.apply(Aus.packet(two, 0, false, Aus.lengthPrefixed(2, AUD, P)));
        assertThat(Aus.bytes(out))
                .isEqualTo(Aus.lengthPrefixed(2, AUD, expectedLayoutNal(Codec.H264, LAYOUT, clock.ms), P));

        TrackFormat one = Aus.format(Codec.H264, 1);
        LayoutSei big = LAYOUT.toBuilder().passThrough("x".repeat(300)).build();
        ins = new SeiInserter(
                SeiSettings.builder()
                        .layoutVolume(SeiSettings.Channel.layoutVolume(SeiSchedule.ONCE, big))
                        .build(),
                clock);
        MediaPacket p = Aus.packet(one, 0, false, Aus.lengthPrefixed(1, AUD, P));
        assertThat(ins.apply(p)).isSameAs(p);
        assertThat(ins.oversizeSkips()).isEqualTo(1);
    }

    @Test
    void passesAudioAndAccessUnitsWithoutSlices() throws Exception {
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.ONCE), clock);
        MediaPacket audio = new MediaPacket(
                1, TrackFormat.builder(Codec.AAC).build(), 0, 0, 0, true, ByteBuffer.wrap(Hex.bytes("21")));
        assertThat(ins.apply(audio)).isSameAs(audio);
        MediaPacket params = Aus.packet(H264, 0, true, Aus.lengthPrefixed(4, SPS, PPS));
        assertThat(ins.apply(params)).isSameAs(params);
        // still due
        MediaPacket p = Aus.packet(H264, 40_000, false, pAu());
        assertThat(ins.apply(p)).isNotSameAs(p);
    }

    @Test
    void brokenAccessUnit() {
        SeiInserter ins = new SeiInserter(layoutOnly(SeiSchedule.ONCE), clock);
        MediaPacket p = Aus.packet(H264, 0, false, Hex.bytes("00000009 09f0"));
        assertThatThrownBy(() -> ins.apply(p))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("nal at byte 0 (truncated): NAL of 9 bytes, 2 left");
    }

    @Test
    void updatesSwapSettings() throws Exception {
        SeiSettings.Channel layout = SeiSettings.Channel.layoutVolume(SeiSchedule.every(1000), LAYOUT);
        SeiSettings s = SeiSettings.builder().layoutVolume(layout).build();
        SeiInserter ins = new SeiInserter(s, clock);
        assertThat(ins.apply(Aus.packet(H264, 0, false, pAu()))).isNotNull();
        // adding a once pass-through keeps the layout channel's interval running
        ins.update(s.toBuilder()
                .passThrough(SeiSettings.Channel.passThrough(SeiSchedule.ONCE, 120, PASS))
                .build());
        List<byte[]> nals = Aus.nals(ins.apply(Aus.packet(H264, 40_000, false, pAu())));
        assertThat(nals).hasSize(3);
        assertThat(SeiReader.read(Codec.H264, nals.get(1)).get(0).payloadType()).isEqualTo(120);
        MediaPacket p = Aus.packet(H264, 80_000, false, pAu());
        assertThat(ins.apply(p)).isSameAs(p);
        // the same pass-through again, as a new channel object: sent once more
        ins.update(ins.settings().toBuilder()
                .passThrough(SeiSettings.Channel.passThrough(SeiSchedule.ONCE, 120, PASS))
                .build());
        assertThat(Aus.nals(ins.apply(Aus.packet(H264, 120_000, false, pAu())))).hasSize(3);
        // new layout content goes out at once and restarts the interval
        LayoutSei two = LayoutSei.singleStreamer("other", 1280, 720);
        ins.update(SeiSettings.builder()
                .layoutVolume(SeiSettings.Channel.layoutVolume(SeiSchedule.every(1000), two))
                .build());
        nals = Aus.nals(ins.apply(Aus.packet(H264, 160_000, false, pAu())));
        assertThat(nals.get(1)).isEqualTo(expectedLayoutNal(Codec.H264, two, clock.ms));
        ins.update(SeiSettings.NONE);
        p = Aus.packet(H264, 5_000_000, true, idrAu());
        assertThat(ins.apply(p)).isSameAs(p);
    }

    @Test
    void updatesFromAnotherThread() throws Exception {
        LayoutSei a = LayoutSei.singleStreamer("a", 1, 1);
        LayoutSei b = LayoutSei.singleStreamer("b", 2, 2);
        SeiSettings sa = SeiSettings.builder()
                .layoutVolume(SeiSettings.Channel.layoutVolume(SeiSchedule.onKeyFrames(), a))
                .build();
        SeiSettings sb = SeiSettings.builder()
                .layoutVolume(SeiSettings.Channel.layoutVolume(SeiSchedule.onKeyFrames(), b))
                .build();
        SeiInserter ins = new SeiInserter(sa, clock);
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = new Thread(() -> {
            boolean flip = false;
            while (!stop.get()) {
                ins.update(flip ? sa : sb);
                flip = !flip;
            }
        });
        t.start();
        byte[] na = expectedLayoutNal(Codec.H264, a, clock.ms);
        byte[] nb = expectedLayoutNal(Codec.H264, b, clock.ms);
        try {
            for (int i = 0; i < 20_000; i++) {
                List<byte[]> nals = Aus.nals(ins.apply(Aus.packet(H264, i * 40_000L, true, pAu())));
                assertThat(nals).hasSize(3);
                assertThat(nals.get(1)).satisfiesAnyOf(n -> assertThat(n).isEqualTo(na), n -> assertThat(n)
                        .isEqualTo(nb));
            }
        } finally {
            stop.set(true);
            t.join();
        }
    }

    @Test
    void settingsValidation() {
        assertThatThrownBy(() -> SeiSchedule.every(999))
                .hasMessage("SEI interval 999 ms (allowed 0 for none, or 1000 to 5000)");
        assertThatThrownBy(() -> SeiSchedule.every(5001))
                .hasMessage("SEI interval 5001 ms (allowed 0 for none, or 1000 to 5000)");
        assertThatThrownBy(() -> SeiSettings.Channel.passThrough(SeiSchedule.ONCE, 99, PASS))
                .hasMessage("SEI payload type 99 (allowed 5, or 100 to 254)");
        assertThatThrownBy(() -> SeiSettings.Channel.passThrough(SeiSchedule.ONCE, 255, PASS))
                .hasMessage("SEI payload type 255 (allowed 5, or 100 to 254)");
        assertThat(SeiSchedule.ONCE.once()).isTrue();
        assertThat(new SeiSchedule(1000, true).once()).isFalse();
    }
}
