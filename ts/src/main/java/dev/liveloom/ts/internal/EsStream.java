package dev.liveloom.ts.internal;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.ts.pes.PesHeader;

/**
 * One elementary stream: assembles its PES packets from TS payloads and hands each whole PES to the
 * codec's subclass. A PES is whole when PES_packet_length bytes arrived, or, with length 0
 * (unbounded video), when the next payload_unit_start_indicator comes. A PES is dropped, and
 * reported, when packets of it were lost, when it grows past {@link #MAX_PES_BYTES}, or when a new
 * PES starts before its announced length arrived.
 */
public abstract class EsStream extends PidHandler {
    /**
     * Largest PES accepted: 16 MiB. A 4K intra frame at very high quality is a few MiB; anything
     * larger is a broken or hostile stream, and memory per stream must stay bounded.
     */
    public static final int MAX_PES_BYTES = 16 << 20;

    private static final int INITIAL_BUFFER = 64 << 10;

    public final int track;
    public final int streamType;
    public final Codec codec;
    protected final DemuxContext ctx;
    protected TrackFormat format;

    private byte[] buf = new byte[INITIAL_BUFFER];
    private int len;
    private boolean active;
    /** Whole PES size when PES_packet_length is known and not 0; 0 for unbounded; -1 not yet known. */
    private int total;

    private long startOffset;
    protected boolean randomAccess;

    protected EsStream(int pid, int track, int streamType, Codec codec, DemuxContext ctx) {
        super(pid);
        this.track = track;
        this.streamType = streamType;
        this.codec = codec;
        this.ctx = ctx;
        this.format = TrackFormat.builder(codec).build();
    }

    public TrackFormat format() {
        return format;
    }

    @Override
    public final void payload(byte[] b, int off, int n, boolean start, long offset, boolean rai) {
        if (start) {
            if (active) {
                if (total > 0) {
                    drop("PES of " + total + " bytes cut short at " + len + " by the next PES");
                } else {
                    complete();
                }
            }
            active = true;
            len = 0;
            total = -1;
            startOffset = offset;
            randomAccess = rai;
        }
        if (!active) {
            return;
        }
        if (n > MAX_PES_BYTES - len) {
            drop("PES larger than " + MAX_PES_BYTES + " bytes");
            return;
        }
        if (len + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.min(MAX_PES_BYTES, Math.max(len + n, buf.length * 2)));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
        if (total < 0 && len >= PesHeader.PREFIX_SIZE) {
            total = ((buf[4] & 0xff) << 8) | (buf[5] & 0xff);
            if (total > 0) {
                total += PesHeader.PREFIX_SIZE;
            }
        }
        if (total > 0 && len >= total) {
            // bytes after a bounded PES in its last packet are stuffing
            len = total;
            complete();
        }
    }

    @Override
    public final void lose(long offset, String reason) {
        if (active) {
            drop(reason);
        }
    }

    @Override
    public final void finish() {
        if (!active) {
            return;
        }
        if (total > 0) {
            drop("PES of " + total + " bytes cut short at " + len + " by the end of the stream");
        } else {
            complete();
        }
    }

    private void drop(String reason) {
        active = false;
        ctx.listener.pesDropped(pid, startOffset, reason);
    }

    private void complete() {
        active = false;
        PesHeader h;
        try {
            if (len < PesHeader.OPTIONAL_HEADER_MIN) {
                throw MediaParseException.truncated("ts pes", 0, "PES of " + len + " bytes");
            }
            h = PesHeader.read(buf, 0, len);
        } catch (MediaParseException e) {
            ctx.listener.malformed(e.atOffset(startOffset));
            ctx.listener.pesDropped(pid, startOffset, e.getMessage());
            return;
        }
        try {
            handle(h, buf, h.headerSize(), len, startOffset);
        } catch (MediaParseException e) {
            ctx.listener.malformed(e.atOffset(startOffset));
            ctx.listener.pesDropped(pid, startOffset, e.getMessage());
        }
    }

    /**
     * A whole PES: its header and payload {@code b[from, to)} (a reused buffer: copy what you keep).
     */
    protected abstract void handle(PesHeader h, byte[] b, int from, int to, long offset) throws MediaParseException;
}
