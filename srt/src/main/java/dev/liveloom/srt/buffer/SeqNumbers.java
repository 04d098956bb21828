package dev.liveloom.srt.buffer;

/** Arithmetic on SRT's 31-bit sequence numbers, which wrap from 2^31-1 to 0. */
public final class SeqNumbers {
    public static final int MAX = 0x7FFF_FFFF;

    private SeqNumbers() {}

    /** The sequence number {@code n} after {@code seq}. */
    public static int add(int seq, int n) {
        return (seq + n) & MAX;
    }

    public static int next(int seq) {
        return add(seq, 1);
    }

    /**
     * How far {@code to} is after {@code from}: positive when later, negative when earlier, within
     * half the sequence space.
     */
    public static int offset(int from, int to) {
        int d = (to - from) & MAX;
        return d >= 0x4000_0000 ? d - 0x8000_0000 : d;
    }
}
