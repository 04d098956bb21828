package dev.liveloom.mp4;

import static dev.liveloom.mp4.Mp4Builder.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.mp4.box.Ctts;
import dev.liveloom.mp4.box.Elst;
import dev.liveloom.mp4.box.Stco;
import dev.liveloom.mp4.box.Stsc;
import dev.liveloom.mp4.box.Stss;
import dev.liveloom.mp4.box.Stsz;
import dev.liveloom.mp4.box.Stts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Synthetic files for what ffmpeg does not write: stz2, co64, largesize, empty edits, ... */
class SyntheticMp4Test {
    static final int N = 6;
    static final int SIZE = 10;

    /** One video track of N samples of SIZE bytes, 1 chunk per 3 samples, 25 fps at timescale 12800. */
    static byte[] video(byte[] edts, byte[] sizes, boolean co64, boolean largeMdat, byte[] ctts, byte[] stss) {
        int header = 8 * (largeMdat ? 2 : 1);
        // moov goes first, so chunk offsets depend on its size: build twice
        byte[] moov = null;
        long base = 0;
        for (int pass = 0; pass < 2; pass++) {
            List<byte[]> stbl = new ArrayList<>();
            stbl.add(stsd(avc1(320, 180)));
            stbl.add(new Stts(new int[] {N}, new int[] {512}).write());
            if (ctts != null) {
                stbl.add(ctts);
            }
            if (stss != null) {
                stbl.add(stss);
            }
            stbl.add(new Stsc(new int[] {1}, new int[] {3}, new int[] {1}).write());
            stbl.add(sizes);
            stbl.add(new Stco(new long[] {base, base + 3 * SIZE}).write(co64));
            moov = moov(1000, trak(1, "vide", 12800, edts, stbl.toArray(new byte[0][])));
            base = ftyp().length + moov.length + header;
        }
        return cat(ftyp(), moov, mdat(samples(N, SIZE), largeMdat));
    }

    static byte[] plainStsz() {
        return new Stsz(SIZE, N, null).write(32);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16, 32})
    void compactAndPlainSampleSizes(int fieldSize) {
        int[] sizes = new int[N];
        java.util.Arrays.fill(sizes, SIZE);
        Mp4Read r = Mp4Read.of(video(null, new Stsz(0, N, sizes).write(fieldSize), false, false, null, null));
        assertThat(r.error).isNull();
        assertThat(r.packets).hasSize(N);
        for (int i = 0; i < N; i++) {
            MediaPacket p = r.packets.get(i);
            assertThat(p.size()).isEqualTo(SIZE);
            assertThat(p.data().get(0)).isEqualTo((byte) i);
            assertThat(p.dtsUs()).isEqualTo(i * 40_000L);
            assertThat(p.durationUs()).isEqualTo(40_000L);
            assertThat(p.key()).isTrue();
        }
        assertThat(r.demuxer.tracks().get(0).toString()).isEqualTo("video h264 (High) 320x180");
    }

    @Test
    void co64AndLargesizeMdat() {
        Mp4Read r = Mp4Read.of(video(null, plainStsz(), true, true, null, null));
        assertThat(r.error).isNull();
        assertThat(r.packets).hasSize(N);
        assertThat(r.packets.get(5).data().get(9)).isEqualTo((byte) 5);
    }

    @Test
    void emptyEditDelaysTrack() {
        // 500 ms gap (movie timescale 1000), then the media from 0
        byte[] edts =
                box("edts", new Elst(new long[] {500, 240}, new long[] {-1, 0}, new int[] {0x10000, 0x10000}).write(0));
        Mp4Read r = Mp4Read.of(video(edts, plainStsz(), false, false, null, null));
        assertThat(r.error).isNull();
        assertThat(r.packets)
                .extracting(MediaPacket::dtsUs)
                .containsExactly(500_000L, 540_000L, 580_000L, 620_000L, 660_000L, 700_000L);
    }

    @Test
    void elstVersion1StartsMidStream() {
        // start at media time 1024 (sample 2, a sync sample) for 160 ms; ffprobe: 4 packets, dts 0 to 0.12
        byte[] edts = box("edts", new Elst(new long[] {160}, new long[] {1024}, new int[] {0x10000}).write(1));
        Mp4Read r = Mp4Read.of(video(edts, plainStsz(), false, false, null, null));
        assertThat(r.error).isNull();
        assertThat(r.packets).extracting(MediaPacket::dtsUs).containsExactly(0L, 40_000L, 80_000L, 120_000L);
        assertThat(r.packets).extracting(p -> p.data().get(0)).containsExactly((byte) 2, (byte) 3, (byte) 4, (byte) 5);
    }

    @Test
    void negativeCompositionOffsetsShiftDts() {
        // ctts v1 offsets 0, 1024, -512, -512, 0, 0: dts start at -512 (ffprobe agrees)
        byte[] ctts = new Ctts(1, new int[] {1, 1, 2, 1, 1}, new int[] {0, 1024, -512, 0, 0}).write();
        Mp4Read r = Mp4Read.of(video(null, plainStsz(), false, false, ctts, null));
        assertThat(r.error).isNull();
        assertThat(r.packets)
                .extracting(MediaPacket::dtsUs)
                .containsExactly(-40_000L, 0L, 40_000L, 80_000L, 120_000L, 160_000L);
        assertThat(r.packets)
                .extracting(MediaPacket::ptsUs)
                .containsExactly(0L, 120_000L, 40_000L, 80_000L, 160_000L, 200_000L);
    }

    @Test
    void negativeOffsetsInTheLastTwoCttsEntriesDoNotShift() {
        // ffmpeg's quirk: mov_read_ctts skips the last two entries when computing the shift
        byte[] ctts = new Ctts(1, new int[] {1, 1, 2, 2}, new int[] {0, 1024, -512, 0}).write();
        Mp4Read r = Mp4Read.of(video(null, plainStsz(), false, false, ctts, null));
        assertThat(r.packets)
                .extracting(MediaPacket::dtsUs)
                .containsExactly(0L, 40_000L, 80_000L, 120_000L, 160_000L, 200_000L);
        assertThat(r.packets)
                .extracting(MediaPacket::ptsUs)
                .containsExactly(0L, 120_000L, 40_000L, 80_000L, 160_000L, 200_000L);
    }

    @Test
    void syncSampleTable() {
        Mp4Read r = Mp4Read.of(video(null, plainStsz(), false, false, null, new Stss(new int[] {1, 4}).write()));
        assertThat(r.packets).extracting(MediaPacket::key).containsExactly(true, false, false, true, false, false);
        Mp4Read none = Mp4Read.of(video(null, plainStsz(), false, false, null, new Stss(new int[0]).write()));
        assertThat(none.packets).extracting(MediaPacket::key).containsOnly(false);
    }

    @Test
    void sampleCutOffIsTruncatedAfterWholePackets() {
        byte[] file = video(null, plainStsz(), false, false, null, null);
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 5);
        Mp4Read r = Mp4Read.of(cut);
        assertThat(r.packets).hasSize(N - 1);
        assertThat(r.error).isInstanceOf(MediaParseException.class);
        assertThat(r.error.getMessage())
                .isEqualTo("mp4 sample at byte " + cut.length + " (truncated): track 0 sample of 10 bytes at byte "
                        + (file.length - 10) + " ends past the end of test.mp4");
    }

    @Test
    void mp3InMp4aIsUnsupported() {
        byte[] stbl = stsd(mp4a(0x6B));
        byte[] file = cat(ftyp(), moov(1000, trak(1, "soun", 44100, null, stbl)));
        Mp4Read r = Mp4Read.of(file);
        assertThat(r.error).isInstanceOf(MediaParseException.class);
        assertThat(((MediaParseException) r.error).detail()).isEqualTo("unsupported audio codec mp3");
        assertThat(((MediaParseException) r.error).kind()).isEqualTo(MediaParseException.Kind.UNSUPPORTED);
    }

    @Test
    void noMoovIsTruncated() {
        byte[] file = cat(ftyp(), mdat(samples(2, 4), false));
        Mp4Read r = Mp4Read.of(file);
        assertThat(r.error.getMessage())
                .isEqualTo("mp4 at byte 32 (truncated): no moov box before the end of test.mp4");
    }

    @Test
    void otherHandlersAreSkipped() {
        byte[] text = box(
                "trak",
                dev.liveloom.mp4.box.MediaHeaders.writeTkhd(9),
                box(
                        "mdia",
                        dev.liveloom.mp4.box.MediaHeaders.writeTimescale("mdhd", 1000, 0),
                        dev.liveloom.mp4.box.MediaHeaders.writeHandler("text")));
        byte[] audio = trak(
                2,
                "soun",
                44100,
                null,
                stsd(mp4a(0x40)),
                new Stts(new int[] {2}, new int[] {1024}).write(),
                new Stsc(new int[] {1}, new int[] {2}, new int[] {1}).write(),
                new Stsz(4, 2, null).write(32),
                new Stco(new long[] {0}).write(false));
        byte[] moov = moov(1000, text, audio);
        byte[] moov2 = moov(
                1000,
                text,
                trak(
                        2,
                        "soun",
                        44100,
                        null,
                        stsd(mp4a(0x40)),
                        new Stts(new int[] {2}, new int[] {1024}).write(),
                        new Stsc(new int[] {1}, new int[] {2}, new int[] {1}).write(),
                        new Stsz(4, 2, null).write(32),
                        new Stco(new long[] {ftyp().length + moov.length + 8}).write(false)));
        Mp4Read r = Mp4Read.of(cat(ftyp(), moov2, mdat(samples(2, 4), false)));
        assertThat(r.error).isNull();
        assertThat(r.demuxer.tracks()).hasSize(1);
        assertThat(r.demuxer.tracks().get(0).toString()).isEqualTo("audio aac (LC) 44100 Hz 2 ch");
        assertThat(r.packets).extracting(MediaPacket::dtsUs).containsExactly(0L, 23_220L);
    }
}
