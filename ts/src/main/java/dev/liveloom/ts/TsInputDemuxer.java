package dev.liveloom.ts;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link TsDemuxer} reading a {@link ByteInput} front to back (a .ts file, an HTTP stream) as a
 * {@link Demuxer}. Glitches go to the listener as in the push parser; at the end of the input the
 * whole packets have been returned and then {@link #read} fails when the input ended inside a TS
 * packet (TRUNCATED), when it held no program (MALFORMED) or only streams liveloom does not carry
 * (UNSUPPORTED, "unsupported audio codec mp2").
 */
public final class TsInputDemuxer implements Demuxer {
    /** Bytes asked of the input at a time: 348 TS packets. */
    static final int READ_BYTES = 188 * 348;

    private final ByteInput input;
    private final TsDemuxer demuxer;
    private long position;
    private boolean inputEnded;
    private boolean ended;
    private boolean closed;

    public TsInputDemuxer(ByteInput input) {
        this(input, TsListener.NONE);
    }

    public TsInputDemuxer(ByteInput input, TsListener listener) {
        this.input = input;
        this.demuxer = new TsDemuxer(listener);
    }

    @Override
    public String formatName() {
        return "mpegts";
    }

    @Override
    public MediaPacket read() throws IOException {
        while (true) {
            MediaPacket p = demuxer.poll();
            if (p != null) {
                return p;
            }
            if (inputEnded) {
                if (!ended) {
                    ended = true;
                    failIfNeeded();
                }
                return null;
            }
            ByteBuffer b = input.read(position, READ_BYTES);
            if (b == null) {
                return null;
            }
            int n = b.remaining();
            position += n;
            demuxer.feed(b);
            input.release(position);
            long length = input.length();
            if (n < READ_BYTES || (length >= 0 && position >= length)) {
                demuxer.endOfStream();
                inputEnded = true;
            }
        }
    }

    private void failIfNeeded() throws MediaParseException {
        MediaParseException t = demuxer.truncation();
        if (t != null) {
            throw t;
        }
        if (demuxer.tracks().isEmpty()) {
            if (demuxer.unsupportedReason() != null) {
                throw MediaParseException.unsupported("ts pmt", -1, demuxer.unsupportedReason());
            }
            throw MediaParseException.malformed("ts", 0, "no program with streams (PAT and PMT) found");
        }
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public List<TrackFormat> tracks() {
        return demuxer.tracks();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            input.close();
        }
    }
}
