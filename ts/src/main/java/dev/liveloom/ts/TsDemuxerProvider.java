package dev.liveloom.ts;

import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.DemuxerProvider;
import java.nio.ByteBuffer;

/**
 * Finds MPEG-TS by its sync bytes: 0x47 at the first byte and at each 188-byte step of the head
 * (at least two of them).
 */
public final class TsDemuxerProvider implements DemuxerProvider {
    /** Sync bytes looked at: 4 packets, few enough for a short file, enough to rule out chance. */
    static final int SNIFF_PACKETS = 4;

    @Override
    public String formatName() {
        return "mpegts";
    }

    @Override
    public int sniffLength() {
        return 188 * (SNIFF_PACKETS - 1) + 1;
    }

    @Override
    public boolean sniff(ByteBuffer head) {
        int base = head.position();
        int n = head.remaining();
        if (n < 188 + 1) {
            return false;
        }
        for (int p = 0; p < n; p += 188) {
            if (head.get(base + p) != 0x47) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Demuxer open(ByteInput input) {
        return new TsInputDemuxer(input);
    }
}
