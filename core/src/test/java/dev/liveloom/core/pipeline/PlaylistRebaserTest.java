package dev.liveloom.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaylistRebaserTest {
    private static final TrackFormat H264 =
            TrackFormat.builder(Codec.H264).size(320, 180).build();
    private static final TrackFormat AAC =
            TrackFormat.builder(Codec.AAC).sampleRate(44100).channels(2).build();
    private static final long FRAME = 40_000;
    private static final double AAC_FRAME = 1024 * 1_000_000.0 / 44100;

    /**
     * An item as an MP4 demuxer gives it: video with B-frames (dts starts at -2 frames, pts at 0),
     * audio with one priming frame before 0, interleaved by dts; audio lasts {@code audioUs}.
     */
    static List<MediaPacket> item(int videoFrames, long audioUs, boolean durations) {
        List<MediaPacket> list = new ArrayList<>();
        int[] ptsOrder = {0, 3, 1, 2}; // I P B B, repeating
        for (int i = 0; i < videoFrames; i++) {
            long dts = (i - 2) * FRAME;
            int group = i / 4 * 4;
            long pts = (group + ptsOrder[i % 4]) * FRAME;
            list.add(new MediaPacket(1, H264, dts, pts, durations ? FRAME : 0, i == 0, stamp(dts)));
        }
        for (int k = -1; (k + 1) * AAC_FRAME <= audioUs; k++) {
            long t = Math.round(k * AAC_FRAME);
            list.add(new MediaPacket(0, AAC, t, t, durations ? Math.round(AAC_FRAME) : 0, true, stamp(t)));
        }
        list.sort(Comparator.comparingLong(MediaPacket::dtsUs));
        return list;
    }

    /** A payload that remembers the packet's source decode time. */
    static ByteBuffer stamp(long sourceDtsUs) {
        return ByteBuffer.allocate(8).putLong(0, sourceDtsUs);
    }

    static long sourceDts(MediaPacket p) {
        return p.data().getLong(0);
    }

    static List<MediaPacket> run(List<List<MediaPacket>> items, int loops, PlaylistRebaser r) {
        List<MediaPacket> out = new ArrayList<>();
        for (int l = 0; l < loops; l++) {
            for (List<MediaPacket> item : items) {
                r.startItem(out::add);
                item.forEach(p -> r.accept(p, out::add));
                r.endItem(out::add);
            }
        }
        return out;
    }

    static List<MediaPacket> of(List<MediaPacket> all, MediaType type) {
        return all.stream().filter(p -> p.format().type() == type).toList();
    }

    @Test
    void firstItemStartsAtZeroAndKeepsCompositionOffsets() {
        List<MediaPacket> out = run(List.of(item(8, 320_000, true)), 1, new PlaylistRebaser());
        List<MediaPacket> v = of(out, MediaType.VIDEO);
        assertThat(out.get(0).dtsUs()).isZero();
        assertThat(v.get(0).dtsUs()).isZero();
        assertThat(v.get(0).ptsUs()).isEqualTo(2 * FRAME);
        assertThat(v.get(1).ptsUs() - v.get(1).dtsUs()).isEqualTo(4 * FRAME);
        assertThat(v).allMatch(p -> p.track() == PlaylistRebaser.VIDEO_TRACK);
        assertThat(of(out, MediaType.AUDIO)).allMatch(p -> p.track() == PlaylistRebaser.AUDIO_TRACK);
    }

    @Test
    void nextItemsFirstFrameIsOneFrameAfterTheLastAndDtsStrictlyIncreases() {
        PlaylistRebaser r = new PlaylistRebaser();
        List<MediaPacket> out = run(List.of(item(12, 480_000, true), item(8, 320_000, false)), 3, r);
        for (MediaType t : MediaType.values()) {
            List<MediaPacket> ps = of(out, t);
            for (int i = 1; i < ps.size(); i++) {
                assertThat(ps.get(i).dtsUs())
                        .as("%s packet %d", t, i)
                        .isGreaterThan(ps.get(i - 1).dtsUs());
            }
        }
        List<MediaPacket> v = of(out, MediaType.VIDEO);
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dtsUs() - v.get(i - 1).dtsUs())
                    .as("video gap at %d", i)
                    .isEqualTo(FRAME);
        }
        assertThat(v).hasSize(3 * (12 + 8));
        assertThat(v.get(12).key()).isTrue();
    }

    @Test
    void noDriftOverAThousandLoopsWhetherAudioIsLongerOrShorter() {
        for (long audioUs : new long[] {480_000, 400_000, 560_000}) {
            PlaylistRebaser r = new PlaylistRebaser();
            List<MediaPacket> out = run(List.of(item(12, audioUs, true)), 1000, r);
            List<MediaPacket> v = of(out, MediaType.VIDEO);
            List<MediaPacket> a = of(out, MediaType.AUDIO);
            assertThat(v).hasSize(12_000);
            // every packet of loop L sits at exactly L item lengths plus its source time plus the
            // first item's shift: audio and video never drift apart, however many loops
            long itemUs = 12 * FRAME;
            for (MediaPacket p : out) {
                long rel = p.dtsUs() - sourceDts(p) - 2 * FRAME;
                assertThat(Math.floorMod(rel, itemUs)).as("%s at %d", p, rel).isZero();
            }
            long lastLoopStart = v.get(12 * 999).dtsUs();
            assertThat(lastLoopStart).isEqualTo(999L * 12 * FRAME);
            // the last loop ends as the item itself ends: presentation end of video versus audio
            List<MediaPacket> src = item(12, audioUs, true);
            long srcVideoEnd = of(src, MediaType.VIDEO).stream()
                            .mapToLong(MediaPacket::ptsUs)
                            .max()
                            .orElseThrow()
                    + FRAME;
            MediaPacket lastAudio =
                    of(src, MediaType.AUDIO).get(of(src, MediaType.AUDIO).size() - 1);
            long srcSkew = lastAudio.ptsUs() + lastAudio.durationUs() - srcVideoEnd;
            long videoEnd = v.stream().mapToLong(MediaPacket::ptsUs).max().orElseThrow() + FRAME;
            long audioEnd = a.get(a.size() - 1).ptsUs() + a.get(a.size() - 1).durationUs();
            assertThat(audioEnd - videoEnd)
                    .as("A/V end skew, audio %d us", audioUs)
                    .isEqualTo(srcSkew);
            for (int i = 1; i < a.size(); i++) {
                assertThat(a.get(i).dtsUs()).isGreaterThan(a.get(i - 1).dtsUs());
            }
        }
    }

    @Test
    void overlappingAudioIsDroppedNotShifted() {
        PlaylistRebaser r = new PlaylistRebaser();
        run(List.of(item(12, 560_000, true)), 3, r);
        // per join: the priming frame plus the frames that overlap the previous item's longer audio
        assertThat(r.droppedAudio()).isBetween(2L * 3, 2L * 5);
    }

    @Test
    void audioOnlyItemsAnchorOnAudio() {
        PlaylistRebaser r = new PlaylistRebaser();
        List<MediaPacket> out = run(List.of(item(0, 464_000, true)), 2, r);
        List<MediaPacket> a = of(out, MediaType.AUDIO);
        assertThat(a.get(0).dtsUs()).isZero();
        for (int i = 1; i < a.size(); i++) {
            long gap = a.get(i).dtsUs() - a.get(i - 1).dtsUs();
            assertThat(gap).as("audio gap %d", i).isBetween(23_000L, 23_500L);
        }
    }

    @Test
    void audioBeforeTheFirstVideoFrameIsHeldUntilTheVideoAnchors() {
        PlaylistRebaser r = new PlaylistRebaser();
        List<MediaPacket> out = new ArrayList<>();
        r.startItem(out::add);
        r.accept(new MediaPacket(0, AAC, 0, 0, 23_220, true, ByteBuffer.allocate(1)), out::add);
        assertThat(out).isEmpty();
        r.accept(new MediaPacket(1, H264, 100_000, 100_000, FRAME, true, ByteBuffer.allocate(1)), out::add);
        assertThat(out).extracting(MediaPacket::dtsUs).containsExactly(0L, 100_000L);
    }

    private static long firstAudioAtOrAfter(List<MediaPacket> a, long t) {
        return a.stream()
                .mapToLong(MediaPacket::dtsUs)
                .filter(x -> x >= t)
                .min()
                .orElseThrow();
    }

    /** {@code item} with every time moved by {@code shiftUs}: a live source reconnected with a new clock. */
    static List<MediaPacket> shifted(List<MediaPacket> item, long shiftUs) {
        List<MediaPacket> out = new ArrayList<>();
        for (MediaPacket p : item) {
            out.add(new MediaPacket(
                    p.track(),
                    p.format(),
                    p.dtsUs() + shiftUs,
                    p.ptsUs() + shiftUs,
                    p.durationUs(),
                    p.key(),
                    stamp(p.dtsUs() + shiftUs)));
        }
        return out;
    }

    @Test
    void reconnectsWhoseClockRestartsAtZeroOrJumpsByHoursStayStrictlyIncreasingWithoutAGap() {
        long hours = 5L * 3600 * 1_000_000;
        List<MediaPacket> base = item(24, 960_000, false);
        // a source at 2 h, back at 0, then 5 h ahead, then at 0 again, then 1 h behind its start
        List<List<MediaPacket>> sessions = List.of(
                shifted(base, 2 * 3600 * 1_000_000L),
                shifted(base, 0),
                shifted(base, hours),
                shifted(base, 0),
                shifted(base, -3600 * 1_000_000L));
        PlaylistRebaser r = new PlaylistRebaser();
        List<MediaPacket> out = run(sessions, 1, r);
        for (MediaType t : MediaType.values()) {
            List<MediaPacket> ps = of(out, t);
            for (int i = 1; i < ps.size(); i++) {
                assertThat(ps.get(i).dtsUs())
                        .as("%s packet %d", t, i)
                        .isGreaterThan(ps.get(i - 1).dtsUs());
            }
        }
        List<MediaPacket> v = of(out, MediaType.VIDEO);
        assertThat(v).hasSize(5 * 24);
        assertThat(v.get(0).dtsUs()).isZero();
        for (int i = 1; i < v.size(); i++) {
            assertThat(v.get(i).dtsUs() - v.get(i - 1).dtsUs())
                    .as("video step at %d", i)
                    .isEqualTo(FRAME);
        }
        // the whole output spans the media, not the hours between the sessions' clocks
        assertThat(out.get(out.size() - 1).dtsUs()).isLessThan(5 * 24 * FRAME + 1_000_000);
    }
}
