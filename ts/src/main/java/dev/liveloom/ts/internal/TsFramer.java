package dev.liveloom.ts.internal;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.ts.TsListener;

/**
 * Cuts a byte stream, fed in pieces split anywhere, into 188-byte TS packets. While in sync a packet
 * is taken when it starts with 0x47. Sync is (re)gained at a 0x47 followed by two more 0x47 at 188
 * and 376 bytes (at the very end of the stream, by what is left of those); the bytes
 * skipped meanwhile are reported once sync is back. Decisions depend only on the bytes, never on
 * how they were split, so feeding one byte at a time gives the same packets as feeding a file.
 *
 * <p>Packets are handed over as a view of the caller's array or of an internal carry buffer: the
 * sink must copy what it keeps.
 */
public final class TsFramer {
    static final int P = 188;
    private static final byte SYNC = 0x47;

    /** Receives each packet: 188 bytes of {@code b} from {@code off}, at stream byte {@code offset}. */
    public interface Sink {
        void packet(byte[] b, int off, long offset);
    }

    private final Sink sink;
    private final TsListener listener;
    /**
     * Holds what waits for more bytes (a partial packet, or a sync candidate with up to 2 packets of
     * look-ahead) plus as many new bytes, so that each top-up lets the old bytes be used up.
     */
    private final byte[] carry = new byte[4 * P];

    private int carryLen;
    private long carryOffset;
    private long fed;
    private boolean synced;
    private long lostAt;
    private long skipped;

    public TsFramer(Sink sink, TsListener listener) {
        this.sink = sink;
        this.listener = listener;
    }

    /** Bytes fed so far: the stream offset of the next byte. */
    public long position() {
        return fed;
    }

    public void feed(byte[] b, int off, int len) {
        long streamOff = fed;
        fed += len;
        while (len > 0) {
            if (carryLen == 0) {
                int used = scan(b, off, len, streamOff, false);
                off += used;
                len -= used;
                streamOff += used;
                if (len > 0) {
                    System.arraycopy(b, off, carry, 0, len);
                    carryLen = len;
                    carryOffset = streamOff;
                    len = 0;
                }
            } else {
                int old = carryLen;
                int take = Math.min(len, carry.length - carryLen);
                System.arraycopy(b, off, carry, carryLen, take);
                carryLen += take;
                off += take;
                len -= take;
                streamOff += take;
                int used = scan(carry, 0, carryLen, carryOffset, false);
                if (used >= old) {
                    // the old bytes are done: hand the unused new ones back to the fast path
                    int back = carryLen - used;
                    off -= back;
                    len += back;
                    streamOff -= back;
                    carryLen = 0;
                } else {
                    System.arraycopy(carry, used, carry, 0, carryLen - used);
                    carryLen -= used;
                    carryOffset += used;
                }
            }
        }
    }

    /**
     * Ends the stream: takes a last packet that could not be confirmed by a following sync byte and
     * reports bytes left over.
     *
     * @return a TRUNCATED error when the stream ends inside a packet, else null
     */
    public MediaParseException finish() {
        int used = carryLen == 0 ? 0 : scan(carry, 0, carryLen, carryOffset, true);
        int left = carryLen - used;
        long leftAt = carryOffset + used;
        carryLen = 0;
        if (!synced) {
            if (skipped + left > 0) {
                listener.syncLost(skipped > 0 ? lostAt : leftAt, skipped + left);
            }
            skipped = 0;
            return null;
        }
        if (left > 0) {
            return MediaParseException.truncated("ts packet", leftAt, "last packet has " + left + " of 188 bytes");
        }
        return null;
    }

    private int scan(byte[] b, int off, int len, long base, boolean end) {
        int p = off;
        int limit = off + len;
        while (true) {
            if (synced) {
                if (limit - p < P) {
                    break;
                }
                if (b[p] == SYNC) {
                    sink.packet(b, p, base + p - off);
                    p += P;
                    continue;
                }
                synced = false;
                lostAt = base + p - off;
                skipped = 0;
            }
            int q = p;
            while (q < limit && b[q] != SYNC) {
                q++;
            }
            if (skipped == 0 && q > p) {
                lostAt = base + p - off;
            }
            skipped += q - p;
            p = q;
            int left = limit - p;
            boolean confirmed;
            if (left < 2 * P + 1) {
                if (!end) {
                    break;
                }
                // the end of the stream: what follows must still look like packets
                confirmed = left >= P && (left < P + 1 || b[p + P] == SYNC);
                if (left < P) {
                    break;
                }
            } else {
                confirmed = b[p + P] == SYNC && b[p + 2 * P] == SYNC;
            }
            if (!confirmed) {
                if (skipped == 0) {
                    lostAt = base + p - off;
                }
                p++;
                skipped++;
                continue;
            }
            synced = true;
            if (skipped > 0) {
                listener.syncLost(lostAt, skipped);
                skipped = 0;
            }
        }
        return p - off;
    }
}
