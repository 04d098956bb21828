package dev.liveloom.core.codec;

import dev.liveloom.core.media.MediaParseException;

/**
 * An ADTS frame header (ISO/IEC 13818-7 6.2, 14496-3 1.A.2): 7 bytes, or 9 with the CRC when
 * protection_absent is 0. Converts to and from {@link AudioSpecificConfig}.
 *
 * @param mpeg2 the ID bit: true for MPEG-2 AAC, false for MPEG-4
 * @param protectionAbsent true when no CRC follows the fixed header
 * @param objectType audio object type (profile + 1): 1 Main, 2 LC, 3 SSR, 4 LTP
 * @param frequencyIndex sampling_frequency_index (0 to 12)
 * @param privateBit private_bit
 * @param channelConfiguration channel_configuration (0: a PCE in the raw data says)
 * @param originalCopy original_copy
 * @param home home
 * @param copyrightIdBit copyright_identification_bit
 * @param copyrightIdStart copyright_identification_start
 * @param frameLength aac_frame_length: header plus payload, in bytes
 * @param bufferFullness adts_buffer_fullness (0x7FF: variable rate)
 * @param rawDataBlocks number_of_raw_data_blocks_in_frame + 1
 * @param crc the CRC word, 0 when absent
 */
public record Adts(
        boolean mpeg2,
        boolean protectionAbsent,
        int objectType,
        int frequencyIndex,
        int privateBit,
        int channelConfiguration,
        int originalCopy,
        int home,
        int copyrightIdBit,
        int copyrightIdStart,
        int frameLength,
        int bufferFullness,
        int rawDataBlocks,
        int crc) {

    static final String LAYER = "adts";

    public static final int HEADER_BYTES = 7;
    public static final int HEADER_BYTES_WITH_CRC = 9;

    /** aac_frame_length is a 13-bit field. */
    public static final int MAX_FRAME_LENGTH = 8191;

    /** adts_buffer_fullness meaning "variable bit rate". */
    public static final int VBR_FULLNESS = 0x7ff;

    /** True when {@code b[off]}, {@code b[off+1]} start with the 12-bit sync word 0xFFF and layer 0. */
    public static boolean isSync(byte[] b, int off) {
        return (b[off] & 0xff) == 0xff && (b[off + 1] & 0xf6) == 0xf0;
    }

    /**
     * Parses the header at {@code off}; {@code len} bytes are available there. The payload need not be
     * present: {@link #requireWhole} checks that.
     */
    public static Adts parse(byte[] b, int off, int len) throws MediaParseException {
        if (len < HEADER_BYTES) {
            throw MediaParseException.truncated(LAYER, 0, "header needs 7 bytes, " + len + " present");
        }
        BitReader r = new BitReader(b, off, Math.min(len, HEADER_BYTES_WITH_CRC), LAYER);
        if (r.readBits(12) != 0xfff) {
            throw MediaParseException.malformed(LAYER, 0, "no sync word 0xFFF");
        }
        boolean mpeg2 = r.readFlag();
        int layer = r.readBits(2);
        if (layer != 0) {
            throw MediaParseException.malformed(LAYER, 1, "layer " + layer + " (must be 0)");
        }
        boolean protectionAbsent = r.readFlag();
        int objectType = r.readBits(2) + 1;
        int freq = r.readBits(4);
        if (freq >= AudioSpecificConfig.RATES.length) {
            throw MediaParseException.malformed(LAYER, 2, "sampling frequency index " + freq);
        }
        int privateBit = r.readBit();
        int channels = r.readBits(3);
        int original = r.readBit();
        int home = r.readBit();
        int idBit = r.readBit();
        int idStart = r.readBit();
        int frameLength = r.readBits(13);
        int fullness = r.readBits(11);
        int blocks = r.readBits(2) + 1;
        int headerSize = protectionAbsent ? HEADER_BYTES : HEADER_BYTES_WITH_CRC;
        int crc = 0;
        if (!protectionAbsent) {
            if (len < HEADER_BYTES_WITH_CRC) {
                throw MediaParseException.truncated(LAYER, 7, "CRC needs 2 bytes, " + (len - 7) + " present");
            }
            crc = r.readBits(16);
        }
        if (frameLength < headerSize) {
            throw MediaParseException.malformed(
                    LAYER, 3, "frame length " + frameLength + " shorter than the " + headerSize + "-byte header");
        }
        return new Adts(
                mpeg2,
                protectionAbsent,
                objectType,
                freq,
                privateBit,
                channels,
                original,
                home,
                idBit,
                idStart,
                frameLength,
                fullness,
                blocks,
                crc);
    }

    /** Writes the header ({@link #headerSize} bytes) at {@code off}. */
    public void write(byte[] dst, int off) {
        BitWriter w = new BitWriter(HEADER_BYTES_WITH_CRC);
        w.writeBits(0xfff, 12)
                .writeFlag(mpeg2)
                .writeBits(0, 2)
                .writeFlag(protectionAbsent)
                .writeBits(objectType - 1, 2)
                .writeBits(frequencyIndex, 4)
                .writeBit(privateBit)
                .writeBits(channelConfiguration, 3)
                .writeBit(originalCopy)
                .writeBit(home)
                .writeBit(copyrightIdBit)
                .writeBit(copyrightIdStart)
                .writeBits(frameLength, 13)
                .writeBits(bufferFullness, 11)
                .writeBits(rawDataBlocks - 1, 2);
        if (!protectionAbsent) {
            w.writeBits(crc, 16);
        }
        byte[] h = w.toByteArray();
        System.arraycopy(h, 0, dst, off, h.length);
    }

    /** The header bytes. */
    public byte[] toBytes() {
        byte[] h = new byte[headerSize()];
        write(h, 0);
        return h;
    }

    /** 7, or 9 with a CRC. */
    public int headerSize() {
        return protectionAbsent ? HEADER_BYTES : HEADER_BYTES_WITH_CRC;
    }

    /** Bytes after the header. */
    public int payloadLength() {
        return frameLength - headerSize();
    }

    public int sampleRate() {
        return AudioSpecificConfig.RATES[frequencyIndex];
    }

    /** Throws TRUNCATED unless the whole frame ({@link #frameLength} bytes) is among {@code available}. */
    public void requireWhole(int available) throws MediaParseException {
        if (available < frameLength) {
            throw MediaParseException.truncated(
                    LAYER, available, "frame of " + frameLength + " bytes, " + available + " present");
        }
    }

    /** The AudioSpecificConfig this header describes. */
    public AudioSpecificConfig toAudioSpecificConfig() throws MediaParseException {
        if (channelConfiguration == 0) {
            throw MediaParseException.unsupported(
                    LAYER, 3, "channel configuration 0 (channels in an in-band program config element)");
        }
        return AudioSpecificConfig.of(objectType, sampleRate(), channelConfiguration);
    }

    /**
     * A header for one raw frame of {@code payloadLength} bytes without CRC, for the core of
     * {@code asc} (HE-AAC is written as its AAC core; decoders find the SBR data implicitly).
     *
     * @throws IllegalArgumentException when ADTS cannot describe the config or the frame is too long
     */
    public static Adts of(AudioSpecificConfig asc, int payloadLength) {
        if (asc.objectType() < 1 || asc.objectType() > 4) {
            throw new IllegalArgumentException("ADTS cannot carry audio object type " + asc.objectType());
        }
        if (asc.frequencyIndex() >= AudioSpecificConfig.RATES.length) {
            throw new IllegalArgumentException("ADTS cannot carry an explicit sampling frequency " + asc.sampleRate());
        }
        if (asc.channelConfiguration() < 1 || asc.channelConfiguration() > 7) {
            throw new IllegalArgumentException("ADTS cannot carry channel configuration " + asc.channelConfiguration());
        }
        if (payloadLength < 0 || payloadLength > MAX_FRAME_LENGTH - HEADER_BYTES) {
            throw new IllegalArgumentException("AAC frame of " + payloadLength + " bytes does not fit ADTS");
        }
        return new Adts(
                false,
                true,
                asc.objectType(),
                asc.frequencyIndex(),
                0,
                asc.channelConfiguration(),
                0,
                0,
                0,
                0,
                HEADER_BYTES + payloadLength,
                VBR_FULLNESS,
                1,
                0);
    }
}
