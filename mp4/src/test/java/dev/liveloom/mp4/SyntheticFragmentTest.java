package dev.liveloom.mp4;

import static dev.liveloom.mp4.Mp4Builder.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.mp4.box.Stco;
import dev.liveloom.mp4.box.Stsc;
import dev.liveloom.mp4.box.Stsz;
import dev.liveloom.mp4.box.Stts;
import dev.liveloom.mp4.box.Tfdt;
import dev.liveloom.mp4.box.Tfhd;
import dev.liveloom.mp4.box.Trex;
import dev.liveloom.mp4.box.Trun;
import org.junit.jupiter.api.Test;

/** Fragmented files with the tfhd/trun variants ffmpeg does not write. */
class SyntheticFragmentTest {
    static final int NON_SYNC = 0x10000;

    static byte[] initSegment() {
        byte[] trak = trak(
                1,
                "vide",
                12800,
                null,
                stsd(avc1(320, 180)),
                new Stts(new int[0], new int[0]).write(),
                new Stsc(new int[0], new int[0], new int[0]).write(),
                new Stsz(0, 0, new int[0]).write(32),
                new Stco(new long[0]).write(false));
        // trex: 512 ticks, 8 bytes, non-sync by default
        byte[] mvex = box("mvex", new Trex(1, 1, 512, 8, NON_SYNC).write());
        return cat(ftyp(), moov(1000, trak, mvex));
    }

    /**
     * A moof for track 1 with tfhd {@code flags} (base offset = {@code base} when present), an
     * optional tfdt, and a trun of {@code n} samples with first-sample flags (sync) and the given
     * per-sample fields, whose data offset points just past the moof's mdat header.
     */
    static byte[] fragment(long moofStart, int tfhdFlags, long tfdt, int trunFlags, int n, int[] cts, int[] sizes) {
        byte[] moof = null;
        int dataOffset = 0;
        for (int pass = 0; pass < 2; pass++) {
            long base = (tfhdFlags & Tfhd.BASE_DATA_OFFSET) != 0 ? moofStart : -1;
            byte[] tfhd = new Tfhd(tfhdFlags, 1, base, 1, 512, 8, NON_SYNC).write();
            int[] flags = new int[n];
            flags[0] = 0x02000000; // first sample: depends on nothing, sync
            int[] durations = new int[n];
            java.util.Arrays.fill(durations, 512);
            byte[] trun = new Trun(0, trunFlags, true, dataOffset, n, durations, sizes, flags, cts).write();
            byte[] traf = tfdt < 0 ? box("traf", tfhd, trun) : box("traf", tfhd, Tfdt.write(tfdt, 1), trun);
            // a traf for a track the movie does not have comes first and is skipped
            byte[] other = box("traf", new Tfhd(0, 7, -1, 0, 0, 0, 0).write());
            moof = box("moof", box("mfhd", new byte[8]), other, traf);
            dataOffset = moof.length + 8;
        }
        int total = 0;
        for (int s : sizes) {
            total += s;
        }
        return cat(moof, mdat(samples(n, 1).length == 0 ? new byte[0] : fill(total), false));
    }

    static byte[] fill(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void defaultsFromTrexAndFirstSampleFlags() {
        byte[] init = initSegment();
        int[] sizes = {8, 8, 8};
        byte[] f1 = fragment(
                init.length,
                Tfhd.DEFAULT_BASE_IS_MOOF,
                0,
                Trun.DATA_OFFSET | Trun.FIRST_SAMPLE_FLAGS,
                3,
                new int[3],
                sizes);
        // second fragment: explicit base offset, no tfdt (continues), per-sample sizes and cts
        int[] sizes2 = {5, 6};
        byte[] f2 = fragment(
                init.length + f1.length,
                Tfhd.BASE_DATA_OFFSET,
                -1,
                Trun.DATA_OFFSET | Trun.FIRST_SAMPLE_FLAGS | Trun.SAMPLE_SIZE | Trun.SAMPLE_CTS,
                2,
                new int[] {1024, 0},
                sizes2);
        Mp4Read r = Mp4Read.of(cat(init, f1, f2));
        assertThat(r.error).isNull();
        assertThat(r.packets).extracting(MediaPacket::dtsUs).containsExactly(0L, 40_000L, 80_000L, 120_000L, 160_000L);
        assertThat(r.packets).extracting(MediaPacket::ptsUs).containsExactly(0L, 40_000L, 80_000L, 200_000L, 160_000L);
        assertThat(r.packets).extracting(MediaPacket::key).containsExactly(true, false, false, true, false);
        assertThat(r.packets).extracting(MediaPacket::size).containsExactly(8, 8, 8, 5, 6);
        assertThat(r.packets.get(1).data().get(0)).isEqualTo((byte) 8);
        assertThat(r.packets.get(4).data().get(0)).isEqualTo((byte) 5);
    }

    @Test
    void tfdtSetsDecodeTime() {
        byte[] init = initSegment();
        byte[] f1 = fragment(
                init.length,
                Tfhd.DEFAULT_BASE_IS_MOOF,
                128_000,
                Trun.DATA_OFFSET | Trun.FIRST_SAMPLE_FLAGS,
                2,
                new int[2],
                new int[] {8, 8});
        Mp4Read r = Mp4Read.of(cat(init, f1));
        assertThat(r.packets).extracting(MediaPacket::dtsUs).containsExactly(10_000_000L, 10_040_000L);
    }

    @Test
    void truncatedMoofAfterWholeFragment() {
        byte[] init = initSegment();
        byte[] f1 = fragment(
                init.length,
                Tfhd.DEFAULT_BASE_IS_MOOF,
                0,
                Trun.DATA_OFFSET | Trun.FIRST_SAMPLE_FLAGS,
                2,
                new int[2],
                new int[] {8, 8});
        byte[] f2 = fragment(
                init.length + f1.length,
                Tfhd.DEFAULT_BASE_IS_MOOF,
                -1,
                Trun.DATA_OFFSET | Trun.FIRST_SAMPLE_FLAGS,
                2,
                new int[2],
                new int[] {8, 8});
        byte[] all = cat(init, f1, java.util.Arrays.copyOf(f2, 40));
        Mp4Read r = Mp4Read.of(all);
        assertThat(r.packets).hasSize(2);
        assertThat(r.error.getMessage())
                .isEqualTo("mp4 moof at byte " + all.length + " (truncated): box of " + (f2.length - 16 - 8)
                        + " bytes cut off after 40");
    }
}
