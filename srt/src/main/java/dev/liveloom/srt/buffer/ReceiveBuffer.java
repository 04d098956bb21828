package dev.liveloom.srt.buffer;

import dev.liveloom.srt.packet.Nak;
import java.util.ArrayList;
import java.util.List;

/**
 * The live receiver's window: a ring of {@code capacity} slots from the next packet to deliver (the
 * head) to one past the highest sequence number received. Empty slots inside are the loss list;
 * packets leave in sequence order at their delivery time; a hole whose successor is due is given up
 * (too-late drop). Memory is bounded by the capacity fixed at construction (the flow window): a
 * packet beyond it is refused, whatever the peer claims. Pure: every time is passed in.
 */
public final class ReceiveBuffer {
    private static final byte EMPTY = 0;
    private static final byte PRESENT = 1;
    private static final byte ABANDONED = 2;

    /** Largest window accepted: libsrt's flow window default is 8192 packets, 25600 its receive buffer. */
    public static final int MAX_CAPACITY = 1 << 16;

    /** What became of an inserted packet. */
    public enum Insert {
        /** A new packet at or after the expected sequence number. */
        ADDED,
        /** A packet that filled a hole (a retransmission or a late arrival). */
        FILLED,
        /** Already held. */
        DUPLICATE,
        /** Before the head: already delivered or given up. */
        BELATED,
        /** Beyond the window. */
        OUT_OF_WINDOW
    }

    /** Receives what {@link #release} and {@link #flush} let go. */
    public interface Sink {
        void deliver(int sequence, byte[] payload);

        /** {@code count} packets from {@code firstSequence} were given up without being received. */
        void dropped(int firstSequence, int count);
    }

    private final int capacity;
    private final byte[][] payloads;
    private final long[] deliverAt;
    private final byte[] state;
    private int headSeq;
    private int head;
    private int size;

    public ReceiveBuffer(int capacity, int initialSequence) {
        if (capacity < 2 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + ", allowed 2.." + MAX_CAPACITY);
        }
        this.capacity = capacity;
        this.payloads = new byte[capacity][];
        this.deliverAt = new long[capacity];
        this.state = new byte[capacity];
        this.headSeq = initialSequence & SeqNumbers.MAX;
    }

    public int capacity() {
        return capacity;
    }

    /** The sequence number expected next: one past the highest received. */
    public int expectedSequence() {
        return SeqNumbers.add(headSeq, size);
    }

    /** The next sequence number to deliver. */
    public int headSequence() {
        return headSeq;
    }

    /** Free slots, as an ACK reports them. */
    public int available() {
        return capacity - size;
    }

    public Insert insert(int sequence, long deliverAtUs, byte[] payload) {
        int off = SeqNumbers.offset(headSeq, sequence);
        if (off < 0) {
            return Insert.BELATED;
        }
        if (off >= capacity) {
            return Insert.OUT_OF_WINDOW;
        }
        int i = index(off);
        if (off >= size) {
            size = off + 1;
            put(i, deliverAtUs, payload);
            return Insert.ADDED;
        }
        if (state[i] == PRESENT) {
            return Insert.DUPLICATE;
        }
        if (state[i] == ABANDONED) {
            return Insert.BELATED;
        }
        put(i, deliverAtUs, payload);
        return Insert.FILLED;
    }

    /** The ACK position: the first missing sequence number, or the expected one when none is missing. */
    public int ackSequence() {
        for (int off = 0; off < size; off++) {
            if (state[index(off)] == EMPTY) {
                return SeqNumbers.add(headSeq, off);
            }
        }
        return expectedSequence();
    }

    /** Holes between the head and the highest received, as NAK ranges, at most {@code maxWords} words. */
    public List<Nak.Range> losses(int maxWords) {
        List<Nak.Range> out = new ArrayList<>();
        int words = 0;
        int off = 0;
        while (off < size) {
            if (state[index(off)] != EMPTY) {
                off++;
                continue;
            }
            int start = off;
            while (off < size && state[index(off)] == EMPTY) {
                off++;
            }
            int need = off - start == 1 ? 1 : 2;
            if (words + need > maxWords) {
                break;
            }
            words += need;
            out.add(new Nak.Range(SeqNumbers.add(headSeq, start), SeqNumbers.add(headSeq, off - 1)));
        }
        return out;
    }

    /** Number of holes. */
    public int lossCount() {
        int n = 0;
        for (int off = 0; off < size; off++) {
            n += state[index(off)] == EMPTY ? 1 : 0;
        }
        return n;
    }

    /**
     * The sender gave up {@code first..last}: they are no longer reported lost and are skipped when
     * their turn comes. Parts outside the window are ignored.
     */
    public void abandon(int first, int last) {
        int from = Math.max(0, SeqNumbers.offset(headSeq, first));
        int to = Math.min(capacity - 1, SeqNumbers.offset(headSeq, last));
        for (int off = from; off <= to; off++) {
            int i = index(off);
            if (state[i] == EMPTY) {
                state[i] = ABANDONED;
            }
        }
        if (to >= size) {
            size = to + 1;
        }
    }

    /**
     * Delivers the packets due at {@code nowUs} in order; a hole is given up once a later packet is
     * due. Returns the number delivered.
     */
    public int release(long nowUs, Sink sink) {
        int delivered = 0;
        while (size > 0) {
            byte s = state[head];
            if (s == PRESENT) {
                if (deliverAt[head] > nowUs) {
                    break;
                }
                byte[] p = payloads[head];
                int seq = headSeq;
                advance(1);
                sink.deliver(seq, p);
                delivered++;
                continue;
            }
            if (s == ABANDONED) {
                // the sender gave these up: nothing to wait for
                int n = 1;
                while (n < size && state[index(n)] == ABANDONED) {
                    n++;
                }
                int seq = headSeq;
                advance(n);
                sink.dropped(seq, n);
                continue;
            }
            int next = nextPresent();
            if (next < 0 || deliverAt[index(next)] > nowUs) {
                break;
            }
            int seq = headSeq;
            advance(next);
            sink.dropped(seq, next);
        }
        return delivered;
    }

    /** The delivery time of the head packet, or of the first packet after a hole; Long.MAX_VALUE if none. */
    public long nextDeliveryTime() {
        int next = size > 0 && state[head] == PRESENT ? 0 : nextPresent();
        return next < 0 ? Long.MAX_VALUE : deliverAt[index(next)];
    }

    /** Delivers every packet held, in order, skipping holes (the peer closed). */
    public void flush(Sink sink) {
        while (size > 0) {
            if (state[head] == PRESENT) {
                byte[] p = payloads[head];
                int seq = headSeq;
                advance(1);
                sink.deliver(seq, p);
            } else {
                int next = nextPresent();
                int seq = headSeq;
                int n = next < 0 ? size : next;
                advance(n);
                sink.dropped(seq, n);
            }
        }
    }

    private int nextPresent() {
        for (int off = 1; off < size; off++) {
            if (state[index(off)] == PRESENT) {
                return off;
            }
        }
        return -1;
    }

    private void put(int i, long at, byte[] payload) {
        state[i] = PRESENT;
        payloads[i] = payload;
        deliverAt[i] = at;
    }

    private void advance(int n) {
        for (int k = 0; k < n; k++) {
            state[head] = EMPTY;
            payloads[head] = null;
            head = head + 1 == capacity ? 0 : head + 1;
        }
        size -= n;
        headSeq = SeqNumbers.add(headSeq, n);
    }

    private int index(int off) {
        int i = head + off;
        return i >= capacity ? i - capacity : i;
    }
}
