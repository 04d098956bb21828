package dev.liveloom.mp4;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.mp4.box.Box;
import dev.liveloom.mp4.box.BoxHeader;
import dev.liveloom.mp4.internal.FragmentParser;
import dev.liveloom.mp4.internal.MovieParser;
import dev.liveloom.mp4.internal.Rescale;
import dev.liveloom.mp4.internal.Track;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * MP4 demuxer: progressive files with moov before or after mdat, and fragmented files (moov with
 * mvex, then moof/mdat pairs). Walks top-level boxes reading only their headers, reads moov and each
 * moof whole, and reads each sample at its offset when it is returned, as a zero-copy slice of the
 * input. Packets come in decode order per track, interleaved across tracks by decode time (then file
 * offset). Timestamps mirror ffprobe (ffmpeg 5.1), edit lists included; see {@code
 * internal.EditListIndex}.
 */
public final class Mp4Demuxer implements Demuxer {
    /**
     * Largest moov read into memory: a two-hour 60 fps file's sample tables take a few MiB; 256 MiB
     * leaves room for day-long files while bounding what a bogus size can make us hold.
     */
    public static final long MAX_MOOV_SIZE = 256L << 20;
    /** Largest moof read into memory: fragments hold seconds of media, a few KiB of tables. */
    public static final long MAX_MOOF_SIZE = 64L << 20;

    private enum State {
        SCAN,
        SAMPLES,
        ENDED,
        FAILED
    }

    /** Consumed bytes are released every 32 samples (a mask, so a power of two less one). */
    private static final int RELEASE_EVERY_MASK = 31;

    private final ByteInput input;
    private State state = State.SCAN;
    private long pos;
    private MovieParser.Movie movie;
    private List<TrackFormat> formats = List.of();
    private IOException failure;
    private int samplesSinceRelease;

    public Mp4Demuxer(ByteInput input) {
        this.input = input;
    }

    @Override
    public String formatName() {
        return "mp4";
    }

    @Override
    public MediaPacket read() throws IOException {
        while (true) {
            switch (state) {
                case ENDED:
                    return null;
                case FAILED:
                    throw failure;
                case SAMPLES: {
                    Track t = nextTrack();
                    if (t == null) {
                        if (movie.fragmented()) {
                            // every sample of the last fragment has been returned
                            input.release(pos);
                            state = State.SCAN;
                            continue;
                        }
                        state = State.ENDED;
                        return null;
                    }
                    MediaPacket p;
                    try {
                        p = handleSample(t);
                    } catch (IOException e) {
                        throw fail(e);
                    }
                    if (p != null) {
                        return p;
                    }
                    return null;
                }
                case SCAN:
                default: {
                    boolean progressed;
                    try {
                        progressed = handleScan();
                    } catch (IOException e) {
                        throw fail(e);
                    }
                    if (!progressed) {
                        return null;
                    }
                }
            }
        }
    }

    private IOException fail(IOException e) {
        if (e instanceof MediaParseException) {
            state = State.FAILED;
            failure = e;
        }
        return e;
    }

    /**
     * Back to the first sample of a plain (unfragmented) file whose movie box has been read; its
     * bytes are read again from the input. Fragmented files are not rewound (their fragments are
     * parsed as they come).
     */
    @Override
    public boolean rewind() {
        if (movie == null || movie.fragmented() || state == State.FAILED || state == State.SCAN) {
            return false;
        }
        for (Track t : movie.tracks()) {
            t.rewind();
        }
        samplesSinceRelease = 0;
        state = State.SAMPLES;
        return true;
    }

    /** The track whose next sample has the lowest decode time (then file offset), or null. */
    private Track nextTrack() {
        Track best = null;
        long bestDts = 0;
        for (Track t : movie.tracks()) {
            if (!t.hasNext()) {
                continue;
            }
            long d = t.dtsUs();
            if (best == null || d < bestDts || (d == bestDts && t.offset() < best.offset())) {
                best = t;
                bestDts = d;
            }
        }
        return best;
    }

    private MediaPacket handleSample(Track t) throws IOException {
        long offset = t.offset();
        int size = t.size();
        ByteBuffer data = input.read(offset, size);
        if (data == null) {
            return null;
        }
        if (data.remaining() < size) {
            throw MediaParseException.truncated(
                    "mp4 sample",
                    offset + data.remaining(),
                    "track " + t.index + " sample of " + size + " bytes at byte " + offset + " ends past the end of "
                            + input.name());
        }
        MediaPacket p = new MediaPacket(
                t.index,
                t.format,
                Rescale.toUs(t.dts(), t.timescale),
                Rescale.toUs(t.pts(), t.timescale),
                Rescale.toUs(t.duration(), t.timescale),
                t.key(),
                data);
        t.advance();
        if (!movie.fragmented() && (++samplesSinceRelease & RELEASE_EVERY_MASK) == 0) {
            releaseConsumed();
        }
        return p;
    }

    /**
     * Tells the input that bytes before every track's next sample will not be read again, so that
     * a long file does not pile up in memory as it plays.
     */
    private void releaseConsumed() {
        long lowest = Long.MAX_VALUE;
        for (Track t : movie.tracks()) {
            if (t.hasNext()) {
                lowest = Math.min(lowest, t.offset());
            }
        }
        if (lowest != Long.MAX_VALUE) {
            input.release(lowest);
        }
    }

    /** Handles the next top-level box; false when input is missing. */
    private boolean handleScan() throws IOException {
        if (pos == Long.MAX_VALUE) {
            return endOfBoxes(); // the last box ran to the end of the input
        }
        ByteBuffer head = input.read(pos, BoxHeader.MAX_HEADER_SIZE);
        if (head == null) {
            return false;
        }
        if (!head.hasRemaining()) {
            return endOfBoxes();
        }
        BoxHeader h = BoxHeader.read(head, pos);
        if (h == null) {
            throw MediaParseException.truncated(
                    "mp4 box", pos, "box header cut off after " + head.remaining() + " bytes");
        }
        if (h.type() == BoxHeader.MOOV && movie == null) {
            Box moov = readWhole(h, MAX_MOOV_SIZE);
            if (moov == null) {
                return false;
            }
            movie = MovieParser.parse(moov, input.length());
            List<TrackFormat> f = new ArrayList<>();
            for (Track t : movie.tracks()) {
                f.add(t.format);
            }
            formats = List.copyOf(f);
            advancePast(h);
            state = State.SAMPLES;
            return true;
        }
        if (h.type() == BoxHeader.MOOF && movie != null && movie.fragmented()) {
            Box moof = readWhole(h, MAX_MOOF_SIZE);
            if (moof == null) {
                return false;
            }
            FragmentParser.parse(moof, h.offset(), movie);
            advancePast(h);
            state = State.SAMPLES;
            return true;
        }
        if (h.toEnd()) {
            return endOfBoxes();
        }
        advancePast(h);
        return true;
    }

    private void advancePast(BoxHeader h) {
        pos = h.toEnd() ? Long.MAX_VALUE : h.end();
    }

    private boolean endOfBoxes() throws MediaParseException {
        if (movie == null) {
            throw MediaParseException.truncated("mp4", pos, "no moov box before the end of " + input.name());
        }
        state = State.ENDED;
        return true;
    }

    private Box readWhole(BoxHeader h, long limit) throws IOException {
        String layer = "mp4 " + BoxHeader.fourccString(h.type());
        long size = h.size();
        if (h.toEnd()) {
            long len = input.length();
            if (len < 0) {
                throw MediaParseException.unsupported(
                        layer, h.offset(), "box runs to the end of an input of unknown length");
            }
            size = len - h.offset();
        }
        if (size > limit) {
            throw MediaParseException.unsupported(layer, h.offset(), "box of " + size + " bytes > limit " + limit);
        }
        ByteBuffer b = input.read(h.offset(), (int) size);
        if (b == null) {
            return null;
        }
        if (b.remaining() < size) {
            throw MediaParseException.truncated(
                    layer, h.offset() + b.remaining(), "box of " + size + " bytes cut off after " + b.remaining());
        }
        ByteBuffer payload = b.duplicate().position(h.headerSize()).slice();
        return new Box(h.type(), h.payloadOffset(), payload);
    }

    @Override
    public boolean ended() {
        return state == State.ENDED;
    }

    @Override
    public List<TrackFormat> tracks() {
        return formats;
    }

    @Override
    public void close() {
        input.close();
    }
}
