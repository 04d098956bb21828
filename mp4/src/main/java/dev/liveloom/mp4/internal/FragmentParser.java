package dev.liveloom.mp4.internal;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.mp4.box.Box;
import dev.liveloom.mp4.box.BoxHeader;
import dev.liveloom.mp4.box.Tfdt;
import dev.liveloom.mp4.box.Tfhd;
import dev.liveloom.mp4.box.Trun;

/**
 * Reads one moof box and appends its samples to the tracks: per traf, tfhd (track, base data offset,
 * defaults over trex), optional tfdt, then each trun. Trafs of tracks liveloom does not output are
 * skipped. Decode times follow ffmpeg: tfdt minus the track's edit time offset, else where the
 * previous fragment ended.
 */
public final class FragmentParser {
    static final int TRAF = BoxHeader.fourcc("traf");
    static final int TFHD = BoxHeader.fourcc("tfhd");
    static final int TFDT = BoxHeader.fourcc("tfdt");
    static final int TRUN = BoxHeader.fourcc("trun");
    /** Sample flags: sample_is_non_sync_sample. */
    static final int NON_SYNC = 0x10000;
    /** Sample flags: sample_depends_on == 1 (depends on others, so not a random access point). */
    static final int DEPENDS_YES = 0x1000000;

    /**
     * Most samples one moof may add: a run without per-sample fields costs no bytes per sample, so
     * the count is bounded here; 2^20 is over 11 hours of 25 fps video, real fragments hold seconds.
     */
    public static final int MAX_FRAGMENT_SAMPLES = 1 << 20;

    private FragmentParser() {}

    /**
     * @param moofOffset where the moof box starts in the file
     */
    public static void parse(Box moof, long moofOffset, MovieParser.Movie movie) throws MediaParseException {
        long implicitOffset = moofOffset;
        long total = 0;
        for (Box traf : moof.children(0)) {
            if (traf.type() != TRAF) {
                continue;
            }
            Box[] c = traf.children(0);
            Box tfhdBox = Box.find(c, TFHD);
            if (tfhdBox == null) {
                throw MediaParseException.malformed(traf.layer(), traf.payloadOffset(), "no tfhd box");
            }
            int trackId = Tfhd.read(tfhdBox, null).trackId();
            Track track = movie.byId(trackId);
            if (track == null) {
                continue;
            }
            Tfhd tfhd = Tfhd.read(tfhdBox, track.trex);
            long base = tfhd.baseDataOffset() >= 0
                    ? tfhd.baseDataOffset()
                    : (tfhd.flags() & Tfhd.DEFAULT_BASE_IS_MOOF) != 0 ? moofOffset : implicitOffset;
            Box tfdtBox = Box.find(c, TFDT);
            long dts = tfdtBox != null ? Tfdt.read(tfdtBox) - track.timeOffset : track.fragmentEnd() - track.timeOffset;
            long dataPos = base;
            for (Box b : c) {
                if (b.type() != TRUN) {
                    continue;
                }
                Trun run = Trun.read(b, tfhd);
                total += run.count();
                if (total > MAX_FRAGMENT_SAMPLES) {
                    throw MediaParseException.unsupported(
                            b.layer(), b.payloadOffset(), "fragment has over " + MAX_FRAGMENT_SAMPLES + " samples");
                }
                if (run.hasDataOffset()) {
                    dataPos = base + run.dataOffset();
                }
                if (dataPos < 0) {
                    throw MediaParseException.malformed(b.layer(), b.at(8), "data offset points before the file");
                }
                for (int i = 0; i < run.count(); i++) {
                    int f = run.sampleFlags()[i];
                    boolean key = track.audio || (f & (NON_SYNC | DEPENDS_YES)) == 0;
                    track.addFragmentSample(
                            dataPos, run.sizes()[i], dts, run.compositionOffsets()[i], run.durations()[i], key);
                    dataPos += run.sizes()[i];
                    dts += run.durations()[i] & 0xffffffffL;
                }
            }
            implicitOffset = dataPos;
        }
    }
}
