package dev.liveloom.ts.internal;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.ts.TsListener;
import dev.liveloom.ts.pes.TimestampUnwrapper;
import java.util.ArrayDeque;

/** What the elementary streams of one demuxer share: listener, timeline and output queue. */
public final class DemuxContext {
    public final TsListener listener;
    public final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    public final ArrayDeque<MediaPacket> out = new ArrayDeque<>();

    public DemuxContext(TsListener listener) {
        this.listener = listener;
    }
}
