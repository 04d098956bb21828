package dev.liveloom.mp4;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.DemuxerProvider;
import java.nio.ByteBuffer;
import java.util.Set;

/** Finds MP4 by its first box: a plausible size and a type files start with. */
public final class Mp4DemuxerProvider implements DemuxerProvider {
    private static final Set<String> FIRST_BOXES = Set.of(
            "ftyp", "moov", "mdat", "free", "skip", "wide", "styp", "moof", "sidx", "pdin", "uuid", "junk", "pnot");

    @Override
    public String formatName() {
        return "mp4";
    }

    @Override
    public int sniffLength() {
        return 16;
    }

    @Override
    public boolean sniff(ByteBuffer head) {
        if (head.remaining() < 8) {
            return false;
        }
        int p = head.position();
        long size = head.getInt(p) & 0xffffffffL;
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (head.get(p + 4 + i) & 0xff);
        }
        if (!FIRST_BOXES.contains(new String(c))) {
            return false;
        }
        // size 0 (to end of file), 1 (64-bit size follows) or at least a header
        return size == 0 || size == 1 || size >= 8;
    }

    @Override
    public Demuxer open(ByteInput input) {
        return new Mp4Demuxer(input);
    }
}
