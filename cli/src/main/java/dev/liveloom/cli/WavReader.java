package dev.liveloom.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads 16-bit integer PCM from a RIFF/WAVE stream (format tag 1, or WAVE_FORMAT_EXTENSIBLE with the
 * PCM sub-format), mono or stereo: the header up to the data chunk on {@link #open}, then
 * interleaved samples with {@link #read}. Anything else is refused with a message naming the file
 * and what it holds.
 */
final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** A fmt chunk longer than this is not a PCM description (WAVE_FORMAT_EXTENSIBLE is 40 bytes). */
    private static final int MAX_FMT_CHUNK = 1024;
    /** Chunks before the data chunk (LIST, fact, ...) are skipped up to this many bytes each. */
    private static final long MAX_SKIPPED_CHUNK = 1L << 26;

    private final InputStream in;
    private final int sampleRate;
    private final int channels;
    private long remainingBytes;
    private byte[] buf = new byte[0];

    private WavReader(InputStream in, int sampleRate, int channels, long dataBytes) {
        this.in = in;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.remainingBytes = dataBytes;
    }

    int sampleRate() {
        return sampleRate;
    }

    int channels() {
        return channels;
    }

    /** Parses the header up to the start of the samples. */
    static WavReader open(InputStream in, String name) throws IOException {
        byte[] h = new byte[12];
        if (readUpTo(in, h, 12) < 12 || !tag(h, 0, "RIFF") || !tag(h, 8, "WAVE")) {
            throw new IllegalArgumentException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        int rate = -1;
        int channels = -1;
        byte[] ch = new byte[8];
        while (true) {
            if (readUpTo(in, ch, 8) < 8) {
                throw new IllegalArgumentException(name + ": WAV file has no data chunk");
            }
            long len = le32(ch, 4) & 0xffffffffL;
            if (tag(ch, 0, "fmt ")) {
                if (len < 16 || len > MAX_FMT_CHUNK) {
                    throw new IllegalArgumentException(name + ": WAV fmt chunk of " + len + " bytes");
                }
                byte[] f = new byte[(int) len + (int) (len & 1)];
                if (readUpTo(in, f, f.length) < f.length) {
                    throw new IllegalArgumentException(name + ": WAV file ends inside the fmt chunk");
                }
                int format = le16(f, 0);
                channels = le16(f, 2);
                rate = le32(f, 4);
                int bits = le16(f, 14);
                if (format == FORMAT_EXTENSIBLE && len >= 26) {
                    format = le16(f, 24); // first two bytes of the sub-format GUID
                }
                if (format != FORMAT_PCM) {
                    throw new IllegalArgumentException(
                            name + ": WAV format " + format + " not supported: only 16-bit integer PCM");
                }
                if (bits != 16) {
                    throw new IllegalArgumentException(
                            name + ": " + bits + "-bit WAV not supported: only 16-bit integer PCM");
                }
                if (channels < 1 || channels > 2) {
                    throw new IllegalArgumentException(
                            name + ": " + channels + " channels not supported: allowed 1..2");
                }
            } else if (tag(ch, 0, "data")) {
                if (rate < 0) {
                    throw new IllegalArgumentException(name + ": WAV data chunk before the fmt chunk");
                }
                // streaming writers put 0 or 0xFFFFFFFF here: read to the end of the file then
                long data = len == 0 || len == 0xffffffffL ? Long.MAX_VALUE : len;
                return new WavReader(in, rate, channels, data);
            } else {
                long skip = len + (len & 1);
                if (skip > MAX_SKIPPED_CHUNK) {
                    throw new IllegalArgumentException(name + ": WAV chunk of " + len + " bytes before the data");
                }
                if (skip(in, skip) < skip) {
                    throw new IllegalArgumentException(name + ": WAV file ends inside a chunk");
                }
            }
        }
    }

    /** Reads up to {@code frames} interleaved sample frames into {@code pcm}; 0 at the end. */
    int read(short[] pcm, int frames) throws IOException {
        int frameBytes = 2 * channels;
        long want = Math.min((long) frames * frameBytes, remainingBytes);
        want -= want % frameBytes;
        if (want == 0) {
            return 0;
        }
        if (buf.length < want) {
            buf = new byte[(int) want];
        }
        int got = readUpTo(in, buf, (int) want);
        got -= got % frameBytes;
        remainingBytes -= got;
        if (got < want) {
            remainingBytes = 0; // a truncated data chunk: keep what is whole
        }
        for (int i = 0; i < got / 2; i++) {
            pcm[i] = (short) ((buf[2 * i] & 0xff) | (buf[2 * i + 1] << 8));
        }
        return got / frameBytes;
    }

    private static long skip(InputStream in, long n) throws IOException {
        long done = 0;
        while (done < n) {
            long s = in.skip(n - done);
            if (s <= 0) {
                if (in.read() < 0) {
                    break;
                }
                s = 1;
            }
            done += s;
        }
        return done;
    }

    private static int readUpTo(InputStream in, byte[] b, int n) throws IOException {
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                break;
            }
            off += r;
        }
        return off;
    }

    private static boolean tag(byte[] b, int off, String t) {
        for (int i = 0; i < 4; i++) {
            if (b[off + i] != t.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    private static int le32(byte[] b, int off) {
        return le16(b, off) | le16(b, off + 2) << 16;
    }
}
