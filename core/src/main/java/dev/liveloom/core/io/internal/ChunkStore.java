package dev.liveloom.core.io.internal;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Received bytes of one resource as separate immutable chunks keyed by their position. Chunks may
 * leave holes (after a seek) but never overlap: bytes that arrive for a range already held are
 * dropped. A buffer handed out by {@link #read} is a view of one chunk, or a copy when the range
 * spans chunks, so it is never overwritten. Not thread-safe: the owner synchronizes.
 */
public final class ChunkStore {
    private final TreeMap<Long, byte[]> chunks = new TreeMap<>();
    private long held;
    /** The chunk the last read came from, as a read-only view (reads mostly walk one chunk). */
    private long lastStart;

    private byte[] lastChunk;
    private ByteBuffer lastView;

    /** Stores {@code data[off, off + len)} as the bytes at {@code position}, except parts already held. */
    public void add(long position, byte[] data, int off, int len) {
        long p = position;
        long end = position + len;
        while (p < end) {
            long covered = coveredEnd(p);
            if (covered > p) {
                p = Math.min(covered, end);
                continue;
            }
            Long next = chunks.higherKey(p);
            long stop = next == null ? end : Math.min(end, next);
            int n = (int) (stop - p);
            byte[] c = new byte[n];
            System.arraycopy(data, off + (int) (p - position), c, 0, n);
            chunks.put(p, c);
            held += n;
            p = stop;
        }
    }

    /** Stores an array as-is (no copy) when nothing in its range is held yet. */
    public void add(long position, byte[] data) {
        Map.Entry<Long, byte[]> floor = chunks.floorEntry(position);
        Long next = chunks.higherKey(position);
        boolean clear = (floor == null || floor.getKey() + floor.getValue().length <= position)
                && (next == null || next >= position + data.length);
        if (clear) {
            if (data.length > 0) {
                chunks.put(position, data);
                held += data.length;
            }
        } else {
            add(position, data, 0, data.length);
        }
    }

    /**
     * The end of the run of held bytes starting at {@code position}: {@code position} itself when
     * that byte is not held.
     */
    public long coveredEnd(long position) {
        long p = position;
        while (true) {
            Map.Entry<Long, byte[]> e = chunks.floorEntry(p);
            if (e == null) {
                return p;
            }
            long end = e.getKey() + e.getValue().length;
            if (end <= p) {
                return p;
            }
            p = end;
        }
    }

    /**
     * The held bytes {@code [position, position + length)} as a read-only buffer, or null unless all
     * are held.
     */
    public ByteBuffer read(long position, int length) {
        if (length == 0) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        if (lastChunk != null && position >= lastStart && position + length <= lastStart + lastChunk.length) {
            return lastView.slice((int) (position - lastStart), length);
        }
        Map.Entry<Long, byte[]> e = chunks.floorEntry(position);
        if (e == null) {
            return null;
        }
        byte[] c = e.getValue();
        long start = e.getKey();
        long end = position + length;
        if (start + c.length >= end) {
            lastStart = start;
            lastChunk = c;
            lastView = ByteBuffer.wrap(c).asReadOnlyBuffer();
            return lastView.slice((int) (position - start), length);
        }
        if (coveredEnd(position) < end) {
            return null;
        }
        byte[] copy = new byte[length];
        long p = position;
        while (p < end) {
            Map.Entry<Long, byte[]> f = chunks.floorEntry(p);
            byte[] fc = f.getValue();
            int from = (int) (p - f.getKey());
            int n = (int) Math.min(fc.length - from, end - p);
            System.arraycopy(fc, from, copy, (int) (p - position), n);
            p += n;
        }
        return ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }

    /** Drops every chunk that ends at or before {@code position}. */
    public void releaseBefore(long position) {
        Iterator<Map.Entry<Long, byte[]>> it = chunks.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, byte[]> e = it.next();
            if (e.getKey() >= position) {
                return;
            }
            if (e.getKey() + e.getValue().length <= position) {
                held -= e.getValue().length;
                if (e.getValue() == lastChunk) {
                    lastChunk = null;
                    lastView = null;
                }
                it.remove();
            }
        }
    }

    /** Bytes held in all chunks. */
    public long heldBytes() {
        return held;
    }

    /** Bytes held at or after {@code position}. */
    public long heldFrom(long position) {
        long n = 0;
        Map.Entry<Long, byte[]> floor = chunks.floorEntry(position);
        if (floor != null) {
            n += Math.max(0, floor.getKey() + floor.getValue().length - position);
        }
        for (byte[] c : chunks.tailMap(position, false).values()) {
            n += c.length;
        }
        return n;
    }

    public int chunkCount() {
        return chunks.size();
    }

    public void clear() {
        chunks.clear();
        held = 0;
        lastChunk = null;
        lastView = null;
    }
}
