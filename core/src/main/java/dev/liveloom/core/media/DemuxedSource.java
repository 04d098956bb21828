package dev.liveloom.core.media;

import dev.liveloom.core.io.ByteInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A file or URL as a {@link MediaSource}: sniffs the container from the first bytes without
 * blocking, then reads packets through the matching {@link Demuxer}.
 */
public final class DemuxedSource implements MediaSource {
    private final ByteInput input;
    private final List<DemuxerProvider> providers;
    private Demuxer demuxer;

    public DemuxedSource(ByteInput input) {
        this(input, Demuxers.providers());
    }

    public DemuxedSource(ByteInput input, List<DemuxerProvider> providers) {
        this.input = input;
        this.providers = providers;
    }

    @Override
    public String name() {
        return input.name();
    }

    @Override
    public MediaPacket read() throws IOException {
        if (demuxer == null) {
            ByteBuffer head = input.read(0, Demuxers.sniffLength(providers));
            if (head == null) {
                return null;
            }
            demuxer = Demuxers.forHead(providers, head).open(input);
        }
        return demuxer.read();
    }

    @Override
    public boolean ended() {
        return demuxer != null && demuxer.ended();
    }

    @Override
    public CompletableFuture<Void> ready() {
        return input.ready();
    }

    @Override
    public List<TrackFormat> tracks() {
        return demuxer == null ? List.of() : demuxer.tracks();
    }

    @Override
    public boolean rewind() {
        return demuxer != null && demuxer.rewind();
    }

    @Override
    public void close() {
        if (demuxer != null) {
            demuxer.close();
        }
        input.close();
    }
}
