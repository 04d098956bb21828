package dev.liveloom.core.media;

import dev.liveloom.core.io.ByteInput;
import java.nio.ByteBuffer;

/**
 * A container format, found with {@link java.util.ServiceLoader}: modules such as flv and mp4 list
 * theirs in {@code META-INF/services/dev.liveloom.core.media.DemuxerProvider}.
 */
public interface DemuxerProvider {

    /** The format name ("flv", "mp4"). */
    String formatName();

    /** How many leading bytes {@link #sniff} wants to see. */
    default int sniffLength() {
        return 16;
    }

    /** True when {@code head} (the first bytes of the input, possibly fewer) looks like this format. */
    boolean sniff(ByteBuffer head);

    /** A demuxer reading {@code input} from its first byte. The demuxer closes the input. */
    Demuxer open(ByteInput input);
}
