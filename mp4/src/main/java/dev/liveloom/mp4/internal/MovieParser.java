package dev.liveloom.mp4.internal;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.mp4.box.Box;
import dev.liveloom.mp4.box.BoxHeader;
import dev.liveloom.mp4.box.Ctts;
import dev.liveloom.mp4.box.Elst;
import dev.liveloom.mp4.box.MediaHeaders;
import dev.liveloom.mp4.box.SampleEntry;
import dev.liveloom.mp4.box.Stco;
import dev.liveloom.mp4.box.Stsc;
import dev.liveloom.mp4.box.Stss;
import dev.liveloom.mp4.box.Stsz;
import dev.liveloom.mp4.box.Stts;
import dev.liveloom.mp4.box.Trex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole moov box into {@link Track}s: the video ("vide") and sound ("soun") tracks in trak
 * order, each with its format, sample table and edit list applied. Other tracks (text, timecode,
 * hint) are skipped, so track indices count only the tracks liveloom outputs.
 */
public final class MovieParser {
    static final int TRAK = BoxHeader.fourcc("trak");
    static final int MVHD = BoxHeader.fourcc("mvhd");
    static final int MVEX = BoxHeader.fourcc("mvex");
    static final int TREX = BoxHeader.fourcc("trex");
    static final int TKHD = BoxHeader.fourcc("tkhd");
    static final int EDTS = BoxHeader.fourcc("edts");
    static final int ELST = BoxHeader.fourcc("elst");
    static final int MDIA = BoxHeader.fourcc("mdia");
    static final int MDHD = BoxHeader.fourcc("mdhd");
    static final int HDLR = BoxHeader.fourcc("hdlr");
    static final int MINF = BoxHeader.fourcc("minf");
    static final int STBL = BoxHeader.fourcc("stbl");
    static final int VIDE = BoxHeader.fourcc("vide");
    static final int SOUN = BoxHeader.fourcc("soun");

    /** The parsed movie. */
    public record Movie(long timescale, boolean fragmented, List<Track> tracks) {
        public Track byId(int trackId) {
            for (Track t : tracks) {
                if (t.trackId == trackId) {
                    return t;
                }
            }
            return null;
        }
    }

    private MovieParser() {}

    /**
     * @param moov the moov box with its payload
     * @param fileLength the input's length or -1
     */
    public static Movie parse(Box moov, long fileLength) throws MediaParseException {
        Box[] children = moov.children(0);
        Box mvhd = Box.find(children, MVHD);
        if (mvhd == null) {
            throw MediaParseException.malformed("mp4 moov", moov.payloadOffset(), "no mvhd box");
        }
        long movieTimescale = MediaHeaders.timescale(mvhd);
        Box mvex = Box.find(children, MVEX);
        Map<Integer, Trex> trex = new HashMap<>();
        if (mvex != null) {
            for (Box b : mvex.children(0)) {
                if (b.type() == TREX) {
                    Trex t = Trex.read(b);
                    trex.put(t.trackId(), t);
                }
            }
        }
        List<Track> tracks = new ArrayList<>();
        for (Box trak : children) {
            if (trak.type() != TRAK) {
                continue;
            }
            Track t = track(trak, tracks.size(), movieTimescale, trex, fileLength);
            if (t != null) {
                tracks.add(t);
            }
        }
        return new Movie(movieTimescale, mvex != null, List.copyOf(tracks));
    }

    private static Track track(Box trak, int index, long movieTimescale, Map<Integer, Trex> trex, long fileLength)
            throws MediaParseException {
        Box[] tc = trak.children(0);
        Box mdia = require(trak, tc, MDIA);
        Box[] mc = mdia.children(0);
        Box hdlr = require(mdia, mc, HDLR);
        int handler = MediaHeaders.handlerType(hdlr);
        if (handler != VIDE && handler != SOUN) {
            return null;
        }
        boolean audio = handler == SOUN;
        Box tkhd = require(trak, tc, TKHD);
        int trackId = MediaHeaders.trackId(tkhd);
        Box mdhd = require(mdia, mc, MDHD);
        long timescale = MediaHeaders.timescale(mdhd);
        if (timescale == 0) {
            throw MediaParseException.malformed("mp4 mdhd", mdhd.payloadOffset(), "timescale 0");
        }
        Box minf = require(mdia, mc, MINF);
        Box stbl = require(minf, minf.children(0), STBL);
        Box[] sc = stbl.children(0);
        TrackFormat format = SampleEntry.read(require(stbl, sc, BoxHeader.fourcc("stsd")), !audio);
        Stts stts = Stts.read(require(stbl, sc, BoxHeader.fourcc("stts")));
        Box cttsBox = Box.find(sc, BoxHeader.fourcc("ctts"));
        Box stssBox = Box.find(sc, BoxHeader.fourcc("stss"));
        Stsc stsc = Stsc.read(require(stbl, sc, BoxHeader.fourcc("stsc")));
        Box stsz = Box.find(sc, BoxHeader.fourcc("stsz"));
        if (stsz == null) {
            stsz = require(stbl, sc, BoxHeader.fourcc("stz2"));
        }
        Box stco = Box.find(sc, BoxHeader.fourcc("stco"));
        if (stco == null) {
            stco = require(stbl, sc, BoxHeader.fourcc("co64"));
        }
        SampleTable table = SampleTable.build(
                stts,
                cttsBox == null ? null : Ctts.read(cttsBox),
                stssBox == null ? null : Stss.read(stssBox),
                stsc,
                Stsz.read(stsz),
                Stco.read(stco),
                stbl.payloadOffset(),
                fileLength);
        Elst elst = null;
        long elstOffset = -1;
        Box edts = Box.find(tc, EDTS);
        if (edts != null) {
            Box e = Box.find(edts.children(0), ELST);
            if (e != null) {
                elst = Elst.read(e);
                elstOffset = e.payloadOffset();
            }
        }
        EditListIndex edited;
        try {
            edited = EditListIndex.apply(table, elst, timescale, movieTimescale, audio);
        } catch (MediaParseException ex) {
            throw ex.atOffset(elstOffset);
        }
        return new Track(
                index,
                trackId,
                format,
                timescale,
                audio,
                timeOffset(elst, timescale, movieTimescale),
                trex.get(trackId),
                table,
                edited);
    }

    /** ffmpeg's time_offset: the first edit's media time minus a leading empty edit. */
    static long timeOffset(Elst elst, long timescale, long movieTimescale) {
        if (elst == null || movieTimescale <= 0) {
            return 0;
        }
        long empty = 0;
        long start = 0;
        int startIndex = 0;
        for (int i = 0; i < elst.count(); i++) {
            long mt = elst.mediaTimes()[i];
            if (i == 0 && mt == -1) {
                empty = elst.durations()[i];
                startIndex = 1;
            } else if (i == startIndex && mt >= 0) {
                start = mt;
            }
        }
        return start - Rescale.rescale(empty, timescale, movieTimescale);
    }

    private static Box require(Box parent, Box[] children, int type) throws MediaParseException {
        Box b = Box.find(children, type);
        if (b == null) {
            throw MediaParseException.malformed(
                    parent.layer(), parent.payloadOffset(), "no " + BoxHeader.fourccString(type) + " box");
        }
        return b;
    }
}
