package dev.liveloom.core.media;

import dev.liveloom.core.io.BlockingReads;
import dev.liveloom.core.io.ByteInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the demuxer for an input by looking at its first bytes. */
public final class Demuxers {
    private Demuxers() {}

    /** Every provider on the class path. */
    public static List<DemuxerProvider> providers() {
        List<DemuxerProvider> list = new ArrayList<>();
        ServiceLoader.load(DemuxerProvider.class, Demuxers.class.getClassLoader())
                .forEach(list::add);
        return list;
    }

    /** How many leading bytes {@link #forHead} wants. */
    public static int sniffLength(List<DemuxerProvider> providers) {
        int want = 16;
        for (DemuxerProvider p : providers) {
            want = Math.max(want, p.sniffLength());
        }
        return want;
    }

    /**
     * The provider whose format matches {@code head}, the first bytes of an input.
     *
     * @throws MediaParseException when the input is empty or no provider recognises it
     */
    public static DemuxerProvider forHead(List<DemuxerProvider> providers, ByteBuffer head) throws MediaParseException {
        for (DemuxerProvider p : providers) {
            if (p.sniff(head.duplicate())) {
                return p;
            }
        }
        if (!head.hasRemaining()) {
            throw MediaParseException.truncated("container", 0, "empty input");
        }
        throw MediaParseException.unsupported("container", 0, "not a format liveloom reads (FLV, MP4 or MPEG-TS)");
    }

    /**
     * Opens the demuxer whose format matches the input's head, waiting up to {@code timeout} for the
     * first bytes.
     *
     * @throws MediaParseException when no provider recognises the bytes
     */
    public static Demuxer open(ByteInput input, Duration timeout) throws IOException {
        List<DemuxerProvider> providers = providers();
        ByteBuffer head = BlockingReads.read(input, 0, sniffLength(providers), timeout);
        return forHead(providers, head).open(input);
    }
}
