package dev.liveloom.mixer.aac.internal;

import dev.liveloom.core.media.MediaParseException;

/**
 * AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) for AAC-LC and the 7-byte ADTS header (13818-7 6.2),
 * write and read next to each other. core has no ADTS/ASC writer yet; when it gains one this moves.
 */
public final class AacConfigs {
    public static final int AOT_AAC_LC = 2;
    public static final int ADTS_HEADER_SIZE = 7;
    /** frame_length is a 13-bit field counting the header too. */
    public static final int MAX_ADTS_FRAME = (1 << 13) - 1;

    private AacConfigs() {}

    /** A two-byte AAC-LC AudioSpecificConfig with frameLengthFlag, dependsOnCoreCoder, extensionFlag 0. */
    public static byte[] writeAsc(int sampleRate, int channels) {
        int idx = requireIndex(sampleRate);
        int v = (AOT_AAC_LC << 11) | (idx << 7) | (channels << 3);
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    /**
     * Parsed fields of an AAC-LC AudioSpecificConfig: {objectType, sampleRate, channels}. Explicit
     * frequencies (index 15) and other object types are unsupported here.
     */
    public static int[] readAsc(byte[] asc) throws MediaParseException {
        if (asc.length < 2) {
            throw MediaParseException.truncated(
                    "aac asc", asc.length, "AudioSpecificConfig needs 2 bytes, got " + asc.length);
        }
        int v = ((asc[0] & 0xFF) << 8) | (asc[1] & 0xFF);
        int aot = v >>> 11;
        int idx = (v >>> 7) & 0xF;
        int ch = (v >>> 3) & 0xF;
        if (aot != AOT_AAC_LC) {
            throw MediaParseException.unsupported("aac asc", 0, "unsupported audio object type " + aot);
        }
        if (idx >= SwbTables.RATES.length) {
            throw MediaParseException.unsupported("aac asc", 0, "unsupported sampling_frequency_index " + idx);
        }
        if (ch < 1 || ch > 2) {
            throw MediaParseException.unsupported("aac asc", 1, "unsupported channel configuration " + ch);
        }
        if ((v & 4) != 0) {
            throw MediaParseException.unsupported("aac asc", 1, "unsupported 960-sample frames");
        }
        return new int[] {aot, SwbTables.RATES[idx], ch};
    }

    /** Writes an ADTS header without CRC for a raw frame of {@code payloadBytes} into {@code out[off..off+7)}. */
    public static void writeAdtsHeader(byte[] out, int off, int sampleRate, int channels, int payloadBytes) {
        int len = payloadBytes + ADTS_HEADER_SIZE;
        if (len > MAX_ADTS_FRAME) {
            throw new IllegalArgumentException("ADTS frame of " + len + " bytes exceeds " + MAX_ADTS_FRAME);
        }
        int idx = requireIndex(sampleRate);
        int profile = AOT_AAC_LC - 1;
        out[off] = (byte) 0xFF;
        out[off + 1] = (byte) 0xF1; // syncword end, MPEG-4, layer 0, protection_absent
        out[off + 2] = (byte) ((profile << 6) | (idx << 2) | (channels >>> 2));
        out[off + 3] = (byte) (((channels & 3) << 6) | (len >>> 11));
        out[off + 4] = (byte) (len >>> 3);
        out[off + 5] = (byte) (((len & 7) << 5) | 0x1F); // buffer fullness 0x7FF: variable rate
        out[off + 6] = (byte) 0xFC; // fullness low bits, one raw data block
    }

    /** Parsed ADTS header fields at {@code off}: {objectType, sampleRate, channels, frameLength}. */
    public static int[] readAdtsHeader(byte[] in, int off) throws MediaParseException {
        if (in.length - off < ADTS_HEADER_SIZE) {
            throw MediaParseException.truncated(
                    "adts", in.length, "header needs 7 bytes, " + (in.length - off) + " left");
        }
        if ((in[off] & 0xFF) != 0xFF || (in[off + 1] & 0xF0) != 0xF0) {
            throw MediaParseException.malformed("adts", off, "no syncword");
        }
        int aot = ((in[off + 2] & 0xFF) >>> 6) + 1;
        int idx = (in[off + 2] >>> 2) & 0xF;
        if (idx >= SwbTables.RATES.length) {
            throw MediaParseException.unsupported("adts", off + 2, "unsupported sampling_frequency_index " + idx);
        }
        int ch = ((in[off + 2] & 1) << 2) | ((in[off + 3] & 0xFF) >>> 6);
        int len = ((in[off + 3] & 3) << 11) | ((in[off + 4] & 0xFF) << 3) | ((in[off + 5] & 0xFF) >>> 5);
        if (len < ADTS_HEADER_SIZE) {
            throw MediaParseException.malformed("adts", off + 3, "frame_length " + len + " shorter than the header");
        }
        return new int[] {aot, SwbTables.RATES[idx], ch, len};
    }

    private static int requireIndex(int sampleRate) {
        int idx = SwbTables.rateIndex(sampleRate);
        if (idx < 0) {
            throw new IllegalArgumentException("no AAC sampling frequency index for " + sampleRate + " Hz");
        }
        return idx;
    }
}
