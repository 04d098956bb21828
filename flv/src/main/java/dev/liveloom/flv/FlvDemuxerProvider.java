package dev.liveloom.flv;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.DemuxerProvider;
import dev.liveloom.flv.tag.FlvHeader;
import java.nio.ByteBuffer;

/** Finds FLV by its signature "FLV" and version 1. */
public final class FlvDemuxerProvider implements DemuxerProvider {
    @Override
    public String formatName() {
        return "flv";
    }

    @Override
    public int sniffLength() {
        return FlvHeader.SIZE;
    }

    @Override
    public boolean sniff(ByteBuffer head) {
        return FlvHeader.sniff(head);
    }

    @Override
    public Demuxer open(ByteInput input) {
        return new FlvDemuxer(input);
    }
}
