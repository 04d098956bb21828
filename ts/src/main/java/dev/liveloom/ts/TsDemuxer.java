package dev.liveloom.ts;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.ts.internal.AudioStream;
import dev.liveloom.ts.internal.DemuxContext;
import dev.liveloom.ts.internal.EsStream;
import dev.liveloom.ts.internal.PidHandler;
import dev.liveloom.ts.internal.PsiHandler;
import dev.liveloom.ts.internal.TsFramer;
import dev.liveloom.ts.internal.VideoStream;
import dev.liveloom.ts.packet.AdaptationField;
import dev.liveloom.ts.packet.TsPacketHeader;
import dev.liveloom.ts.psi.Pat;
import dev.liveloom.ts.psi.Pmt;
import dev.liveloom.ts.psi.StreamType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An MPEG-TS demuxer for live byte streams: a pure push parser. {@link #feed} takes any number of
 * bytes split anywhere (SRT datagram payloads, file chunks); {@link #poll} returns the packets that
 * are complete. No clock, no I/O, no random access.
 *
 * <ul>
 *   <li>The first program of the PAT is read; its PMT gives the tracks, numbered in PMT order as
 *       they first appear (H.264 0x1B, H.265 0x24, AAC ADTS 0x0F). Other stream types are reported
 *       to {@link TsListener#unsupportedStream} and skipped. A new PMT version keeps the tracks of
 *       PIDs whose stream type did not change and appends new ones.
 *   <li>Sections are reassembled across packets and their CRC checked; a bad one is reported and
 *       ignored.
 *   <li>Times are microseconds on one continuous timeline: 33-bit PTS/DTS wrap-around is undone
 *       (the first time stamp is kept as it is).
 *   <li>Video packets and AAC frames as {@link VideoStream} and {@link AudioStream} describe.
 *   <li>Glitches (lost sync, continuity errors, malformed or oversized PES) go to the
 *       {@link TsListener} and cost only the damaged PES; nothing the stream contains makes this
 *       class throw.
 * </ul>
 *
 * <p>Video packets come out when the next PES of their PID starts (PES length 0 is the rule for
 * video), audio packets as soon as their PES is whole. Not thread-safe.
 */
public final class TsDemuxer {
    /** The limit on one PES (see {@link EsStream#MAX_PES_BYTES}). */
    public static final int MAX_PES_BYTES = EsStream.MAX_PES_BYTES;

    /**
     * Most tracks one demuxer creates: a program carries a handful of streams, and a stream whose PMT
     * keeps changing must not make the track list grow without bound.
     */
    public static final int MAX_TRACKS = 32;

    private static final int COPY_CHUNK = 64 << 10;

    private final TsListener listener;
    private final DemuxContext ctx;
    private final TsFramer framer;
    private final PidHandler[] handlers = new PidHandler[TsPacketHeader.MAX_PID + 1];
    private final List<EsStream> tracks = new ArrayList<>();
    private final Map<Integer, Integer> reportedUnsupported = new HashMap<>();
    private byte[] scratch;
    private int pmtPid = -1;
    private int programNumber = -1;
    private Pmt pmt;
    private boolean ended;
    private MediaParseException truncation;
    private String unsupported;

    public TsDemuxer() {
        this(TsListener.NONE);
    }

    public TsDemuxer(TsListener listener) {
        this.listener = listener;
        this.ctx = new DemuxContext(listener);
        this.framer = new TsFramer(this::packet, listener);
        handlers[TsPacketHeader.PAT_PID] = new PsiHandler(TsPacketHeader.PAT_PID, this::pat, listener);
    }

    /** Feeds the remaining bytes of {@code bytes} (all of them are consumed). */
    public void feed(ByteBuffer bytes) {
        checkOpen();
        if (bytes.hasArray()) {
            int n = bytes.remaining();
            framer.feed(bytes.array(), bytes.arrayOffset() + bytes.position(), n);
            bytes.position(bytes.limit());
            return;
        }
        if (scratch == null) {
            scratch = new byte[COPY_CHUNK];
        }
        while (bytes.hasRemaining()) {
            int n = Math.min(scratch.length, bytes.remaining());
            bytes.get(scratch, 0, n);
            framer.feed(scratch, 0, n);
        }
    }

    /** Feeds {@code len} bytes of {@code b} from {@code off}; the array is not kept. */
    public void feed(byte[] b, int off, int len) {
        checkOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        framer.feed(b, off, len);
    }

    /** The next complete packet, or null until more bytes are fed (or after the end). */
    public MediaPacket poll() {
        return ctx.out.poll();
    }

    /** How many complete packets wait to be polled. */
    public int pending() {
        return ctx.out.size();
    }

    /**
     * Ends the stream: the last packet and the unbounded PES still open become whole (or are
     * reported as cut short), and their packets can be polled. Further feeding is a misuse.
     */
    public void endOfStream() {
        if (ended) {
            return;
        }
        truncation = framer.finish();
        for (PidHandler h : handlers) {
            if (h != null) {
                h.finish();
            }
        }
        ended = true;
    }

    /** True after {@link #endOfStream}. */
    public boolean ended() {
        return ended;
    }

    /** When the stream ended inside a TS packet: where; else null. Known after {@link #endOfStream}. */
    public MediaParseException truncation() {
        return truncation;
    }

    /** The first unsupported stream's reason ("unsupported audio codec mp2"), or null. */
    public String unsupportedReason() {
        return unsupported;
    }

    /** Bytes fed so far. */
    public long position() {
        return framer.position();
    }

    /** The tracks known so far, by track index: each one's current format. */
    public List<TrackFormat> tracks() {
        List<TrackFormat> list = new ArrayList<>(tracks.size());
        for (EsStream s : tracks) {
            list.add(s.format());
        }
        return Collections.unmodifiableList(list);
    }

    /** The PMT in use, or null before the first one. */
    public Pmt pmt() {
        return pmt;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("cannot feed a TsDemuxer after endOfStream()");
        }
    }

    private void packet(byte[] b, int off, long offset) {
        int b1 = b[off + 1] & 0xff;
        int pid = ((b1 & 0x1f) << 8) | (b[off + 2] & 0xff);
        PidHandler h = handlers[pid];
        if (h == null) {
            return;
        }
        if ((b1 & 0x80) != 0) {
            listener.malformed(MediaParseException.malformed("ts packet", offset, "transport_error_indicator set"));
            h.lose(offset, "packet with transport_error_indicator");
            h.lastCc = -1;
            return;
        }
        int b3 = b[off + 3] & 0xff;
        int p = off + TsPacketHeader.HEADER_SIZE;
        int end = off + TsPacketHeader.PACKET_SIZE;
        boolean rai = false;
        if ((b3 & 0x20) != 0) {
            AdaptationField af;
            try {
                af = AdaptationField.read(b, p, end - p);
            } catch (MediaParseException e) {
                listener.malformed(e.atOffset(offset - off));
                h.lose(offset, e.getMessage());
                h.lastCc = -1;
                return;
            }
            if (af.discontinuity()) {
                listener.discontinuity(pid, offset);
                h.lastCc = -1;
            }
            if (af.pcr() >= 0) {
                listener.pcr(pid, offset, af.pcr());
            }
            rai = af.randomAccess();
            p += af.size();
        }
        if ((b3 & 0x10) == 0) {
            return;
        }
        if ((b3 & 0xc0) != 0) {
            h.lose(offset, "scrambled packet");
            listener.malformed(MediaParseException.unsupported("ts packet", offset, "scrambled packet"));
            return;
        }
        int cc = b3 & 0x0f;
        int last = h.lastCc;
        if (last >= 0) {
            int expected = (last + 1) & 0x0f;
            if (cc == last) {
                return; // a duplicate packet (2.4.3.3): the first copy counts
            }
            if (cc != expected) {
                int lost = (cc - expected) & 0x0f;
                listener.continuityError(pid, offset, expected, cc, lost);
                h.lose(offset, lost + " packets lost before byte " + offset);
            }
        }
        h.lastCc = cc;
        h.payload(b, p, end - p, (b1 & 0x40) != 0, offset, rai);
    }

    private void pat(int pid, byte[] b, int off, int len, long offset) throws MediaParseException {
        Pat pat = Pat.read(b, off, len);
        for (Pat.Program pr : pat.programs()) {
            if (pr.number() == 0) {
                continue;
            }
            if (pr.number() != programNumber || pr.pmtPid() != pmtPid) {
                if (pmtPid >= 0 && handlers[pmtPid] instanceof PsiHandler) {
                    handlers[pmtPid] = null;
                }
                if (pr.pmtPid() == TsPacketHeader.PAT_PID || pr.pmtPid() == TsPacketHeader.NULL_PID) {
                    throw MediaParseException.malformed("ts psi", 0, "PMT on PID " + pr.pmtPid());
                }
                programNumber = pr.number();
                pmtPid = pr.pmtPid();
                handlers[pmtPid] = new PsiHandler(pmtPid, this::pmt, listener);
            }
            return;
        }
    }

    private void pmt(int pid, byte[] b, int off, int len, long offset) throws MediaParseException {
        Pmt m = Pmt.read(b, off, len);
        if (m.programNumber() != programNumber) {
            return;
        }
        Map<Integer, Pmt.Stream> kept = new HashMap<>();
        for (Pmt.Stream s : m.streams()) {
            kept.put(s.pid(), s);
        }
        if (pmt != null) {
            for (Pmt.Stream s : pmt.streams()) {
                Pmt.Stream now = kept.get(s.pid());
                PidHandler h = handlers[s.pid()];
                if (h instanceof EsStream && (now == null || now.streamType() != s.streamType())) {
                    h.finish();
                    handlers[s.pid()] = null;
                }
            }
        }
        for (Pmt.Stream s : m.streams()) {
            addStream(s, offset);
        }
        pmt = m;
        listener.programChanged(m.programNumber(), m.version());
    }

    private void addStream(Pmt.Stream s, long offset) {
        int pid = s.pid();
        if (handlers[pid] instanceof EsStream) {
            return;
        }
        if (handlers[pid] != null || pid == TsPacketHeader.NULL_PID) {
            listener.malformed(MediaParseException.malformed("ts psi", offset, "elementary stream on PID " + pid));
            return;
        }
        Codec codec = StreamType.codec(s.streamType());
        if (codec == null) {
            Integer before = reportedUnsupported.put(pid, s.streamType());
            if (before == null || before != s.streamType()) {
                String reason = StreamType.unsupportedReason(s.streamType());
                if (unsupported == null) {
                    unsupported = reason;
                }
                listener.unsupportedStream(pid, s.streamType(), reason);
            }
            return;
        }
        if (tracks.size() >= MAX_TRACKS) {
            listener.malformed(MediaParseException.unsupported(
                    "ts psi", offset, "more than " + MAX_TRACKS + " tracks; PID " + pid + " ignored"));
            return;
        }
        int track = tracks.size();
        EsStream es = codec == Codec.AAC
                ? new AudioStream(pid, track, s.streamType(), ctx)
                : new VideoStream(pid, track, s.streamType(), codec, ctx);
        tracks.add(es);
        handlers[pid] = es;
    }
}
