package dev.liveloom.mixer.h264.internal;

import java.util.Arrays;

/**
 * Collects NAL units of one access unit as 4-byte length-prefixed NALs (the avcC form), inserting
 * emulation prevention bytes (0x03 after two zero bytes when the next byte is 0..3).
 */
public final class NalWriter {
    /** NAL length field size written in front of every NAL (and announced in the avcC). */
    public static final int LENGTH_SIZE = 4;

    private byte[] out = new byte[4096];
    private int len;

    public void reset() {
        len = 0;
    }

    /** Appends one NAL: header byte then the escaped RBSP bytes {@code rbsp[0..rbspLen)}. */
    public void add(int nalRefIdc, int nalType, byte[] rbsp, int rbspLen) {
        ensure(LENGTH_SIZE + 1 + rbspLen + rbspLen / 2 + 4);
        int start = len;
        len += LENGTH_SIZE;
        out[len++] = (byte) ((nalRefIdc << 5) | nalType);
        len = escape(rbsp, rbspLen, out, len);
        int n = len - start - LENGTH_SIZE;
        out[start] = (byte) (n >>> 24);
        out[start + 1] = (byte) (n >>> 16);
        out[start + 2] = (byte) (n >>> 8);
        out[start + 3] = (byte) n;
    }

    /**
     * Copies {@code src[0..n)} to {@code dst} from {@code off}, inserting emulation prevention bytes;
     * returns the end offset. {@code dst} must have room for n * 3 / 2 + 1 bytes.
     */
    public static int escape(byte[] src, int n, byte[] dst, int off) {
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            int b = src[i] & 0xff;
            if (zeros >= 2 && b <= 3) {
                dst[off++] = 3;
                zeros = 0;
            }
            dst[off++] = (byte) b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return off;
    }

    /** Escaped NAL payload (header byte plus escaped RBSP) without length prefix. */
    public static byte[] nal(int nalRefIdc, int nalType, byte[] rbsp, int rbspLen) {
        byte[] dst = new byte[1 + rbspLen + rbspLen / 2 + 2];
        dst[0] = (byte) ((nalRefIdc << 5) | nalType);
        int end = escape(rbsp, rbspLen, dst, 1);
        return Arrays.copyOf(dst, end);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(out, len);
    }

    public int size() {
        return len;
    }

    private void ensure(int extra) {
        if (len + extra > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, len + extra));
        }
    }
}
