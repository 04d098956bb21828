package dev.liveloom.flv;

import dev.liveloom.core.testing.TestHttpServer;
import java.util.ArrayList;
import java.util.List;

/**
 * An FLV file looped forever as one live stream: its header, script data and sequence headers
 * once, then its media tags again and again, each loop's timestamps moved on by the loop's
 * duration. Bytes are made by position, so a test server can stream it without end.
 */
final class EndlessFlv implements TestHttpServer.BodySource {
    private final byte[] head;
    private final byte[] loop;
    private final int[] tagOffsets;
    private final int[] tagTimestamps;
    private final int loopMillis;
    private long cachedLoop = -1;
    private byte[] cached;

    EndlessFlv(byte[] flv) {
        int headerSize = readInt(flv, 5);
        int pos = headerSize + 4;
        int headEnd = pos;
        List<int[]> media = new ArrayList<>();
        int maxTs = 0;
        boolean inHead = true;
        while (pos + 11 <= flv.length) {
            int type = flv[pos] & 0x1f;
            int size = ((flv[pos + 1] & 0xff) << 16) | ((flv[pos + 2] & 0xff) << 8) | (flv[pos + 3] & 0xff);
            int ts = timestamp(flv, pos);
            int next = pos + 11 + size + 4;
            if (next > flv.length) {
                break;
            }
            boolean config = type == 18
                    || (type == 9 && size > 1 && flv[pos + 12] == 0)
                    || (type == 8 && size > 1 && flv[pos + 12] == 0);
            if (inHead && config) {
                headEnd = next;
            } else {
                inHead = false;
                if (!config) {
                    media.add(new int[] {pos - headEnd, ts});
                    maxTs = Math.max(maxTs, ts);
                }
            }
            pos = next;
        }
        this.head = java.util.Arrays.copyOf(flv, headEnd);
        // only media tags loop: later sequence headers (none in our fixtures) are left out
        byte[] body = new byte[pos - headEnd];
        int w = 0;
        tagOffsets = new int[media.size()];
        tagTimestamps = new int[media.size()];
        for (int i = 0; i < media.size(); i++) {
            int from = headEnd + media.get(i)[0];
            int size = ((flv[from + 1] & 0xff) << 16) | ((flv[from + 2] & 0xff) << 8) | (flv[from + 3] & 0xff);
            int len = 11 + size + 4;
            System.arraycopy(flv, from, body, w, len);
            tagOffsets[i] = w;
            tagTimestamps[i] = media.get(i)[1];
            w += len;
        }
        this.loop = java.util.Arrays.copyOf(body, w);
        this.loopMillis = maxTs + 40;
    }

    /** Milliseconds of media per loop. */
    int loopMillis() {
        return loopMillis;
    }

    /** Bytes per loop. */
    int loopBytes() {
        return loop.length;
    }

    @Override
    public synchronized void copy(long position, byte[] dst, int len) {
        int done = 0;
        while (done < len) {
            long p = position + done;
            if (p < head.length) {
                int n = (int) Math.min(len - done, head.length - p);
                System.arraycopy(head, (int) p, dst, done, n);
                done += n;
                continue;
            }
            long k = (p - head.length) / loop.length;
            int off = (int) ((p - head.length) % loop.length);
            byte[] l = loop(k);
            int n = Math.min(len - done, l.length - off);
            System.arraycopy(l, off, dst, done, n);
            done += n;
        }
    }

    private byte[] loop(long k) {
        if (k != cachedLoop) {
            byte[] b = loop.clone();
            for (int i = 0; i < tagOffsets.length; i++) {
                long ts = tagTimestamps[i] + k * loopMillis;
                int o = tagOffsets[i];
                b[o + 4] = (byte) (ts >> 16);
                b[o + 5] = (byte) (ts >> 8);
                b[o + 6] = (byte) ts;
                b[o + 7] = (byte) (ts >> 24);
            }
            cached = b;
            cachedLoop = k;
        }
        return cached;
    }

    private static int timestamp(byte[] b, int tag) {
        return ((b[tag + 7] & 0xff) << 24)
                | ((b[tag + 4] & 0xff) << 16)
                | ((b[tag + 5] & 0xff) << 8)
                | (b[tag + 6] & 0xff);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
