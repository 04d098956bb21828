package dev.liveloom.core.codec;

import dev.liveloom.core.media.MediaParseException;
import java.util.Arrays;

/**
 * AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) for the General Audio object types (AAC Main, LC,
 * SSR, LTP, Scalable, TwinVQ) with explicit SBR/PS signalling: hierarchical (object type 5 or 29
 * first) and backward compatible (sync extension 0x2b7 after the GASpecificConfig), so HE-AAC reports
 * its output sample rate. A channel configuration of 0 is resolved by reading the program config
 * element's channel elements.
 *
 * @param objectType the core audio object type (2 for AAC LC, also under HE-AAC)
 * @param sampleRate the core sampling frequency in Hz
 * @param frequencyIndex samplingFrequencyIndex, 15 when the rate is written out as 24 bits
 * @param channelConfiguration channelConfiguration (0: a program config element says)
 * @param signalling how SBR/PS is signalled
 * @param sbr sbrPresentFlag
 * @param ps psPresentFlag
 * @param extensionSampleRate the SBR output rate (0 without SBR)
 * @param extensionFrequencyIndex its index, 15 when explicit
 * @param frameLengthFlag 1 for 960-sample frames
 * @param coreCoderDelay dependsOnCoreCoder's delay, -1 when not present
 * @param pce the program config element (channel configuration 0), else null
 */
public record AudioSpecificConfig(
        int objectType,
        int sampleRate,
        int frequencyIndex,
        int channelConfiguration,
        Signalling signalling,
        boolean sbr,
        boolean ps,
        int extensionSampleRate,
        int extensionFrequencyIndex,
        int frameLengthFlag,
        int coreCoderDelay,
        ProgramConfig pce) {

    static final String LAYER = "AudioSpecificConfig";

    /** Object type of SBR (HE-AAC) and of PS (HE-AAC v2). */
    public static final int AOT_SBR = 5;

    public static final int AOT_PS = 29;
    public static final int AOT_AAC_LC = 2;

    /** The sync extension type announcing backward-compatible SBR signalling. */
    static final int SYNC_EXTENSION_SBR = 0x2b7;

    static final int SYNC_EXTENSION_PS = 0x548;

    /** Sampling frequencies by samplingFrequencyIndex (0 to 12). */
    public static final int[] RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

    /**
     * Highest explicit (24-bit) sampling frequency accepted: 96 kHz is the highest in the table and the
     * highest any AAC profile level allows; larger values are broken configs.
     */
    public static final int MAX_EXPLICIT_RATE = 96000;

    /** How SBR/PS presence is signalled. */
    public enum Signalling {
        /** Not signalled (plain AAC, or implicit SBR found only by decoding). */
        NONE,
        /** Object type 5 or 29 first, then the core object type. */
        HIERARCHICAL,
        /** Core object type first, then sync extension 0x2b7 (and 0x548 for PS). */
        BACKWARD_COMPATIBLE
    }

    /** A config for plain AAC with the given object type, rate (from the table) and channels 1-7. */
    public static AudioSpecificConfig of(int objectType, int sampleRate, int channelConfiguration) {
        int index = rateIndex(sampleRate);
        return new AudioSpecificConfig(
                objectType,
                sampleRate,
                index < 0 ? 15 : index,
                channelConfiguration,
                Signalling.NONE,
                false,
                false,
                0,
                0,
                0,
                -1,
                null);
    }

    /** The index of {@code rate} in {@link #RATES}, or -1. */
    public static int rateIndex(int rate) {
        for (int i = 0; i < RATES.length; i++) {
            if (RATES[i] == rate) {
                return i;
            }
        }
        return -1;
    }

    /** The output sample rate: the SBR rate when SBR is present, else the core rate. */
    public int outputSampleRate() {
        return sbr && extensionSampleRate > 0 ? extensionSampleRate : sampleRate;
    }

    /** The output channel count (PS makes mono stereo), as ffprobe reports it. */
    public int channels() {
        int n = pce != null ? pce.channels() : channelsOf(channelConfiguration);
        return ps && n == 1 ? 2 : n;
    }

    /** Channels of a channelConfiguration 1 to 14 (ISO/IEC 14496-3 table 1.19, 23001-8). */
    static int channelsOf(int config) {
        return switch (config) {
            case 1, 2, 3, 4, 5, 6 -> config;
            case 7, 12, 14 -> 8;
            case 11 -> 7;
            case 13 -> 24;
            default -> 0;
        };
    }

    /** The profile name ffprobe prints ("LC", "HE-AAC", "HE-AACv2"). */
    public String profileName() {
        if (ps) {
            return CodecConfigs.aacProfileName(AOT_PS);
        }
        if (sbr) {
            return CodecConfigs.aacProfileName(AOT_SBR);
        }
        return CodecConfigs.aacProfileName(objectType);
    }

    /** Parses a config. */
    public static AudioSpecificConfig parse(byte[] b) throws MediaParseException {
        BitReader r = new BitReader(b, LAYER);
        int aot = readObjectType(r);
        int[] rate = readFrequency(r);
        int channelConfig = r.readBits(4);
        Signalling signalling = Signalling.NONE;
        boolean sbr = false;
        boolean ps = false;
        int[] extRate = {0, 0};
        if (aot == AOT_SBR || aot == AOT_PS) {
            signalling = Signalling.HIERARCHICAL;
            sbr = true;
            ps = aot == AOT_PS;
            extRate = readFrequency(r);
            aot = readObjectType(r);
        }
        if (!isGeneralAudio(aot)) {
            throw MediaParseException.unsupported(LAYER, 0, "audio object type " + aot);
        }
        if (channelConfig >= 8 && channelConfig <= 10 || channelConfig == 15) {
            throw MediaParseException.malformed(LAYER, 1, "reserved channel configuration " + channelConfig);
        }
        // GASpecificConfig
        int frameLengthFlag = r.readBit();
        int coreCoderDelay = r.readFlag() ? r.readBits(14) : -1;
        int extensionFlag = r.readBit();
        ProgramConfig pce = null;
        if (channelConfig == 0) {
            pce = ProgramConfig.read(r);
        }
        if (aot == 6 || aot == 20) {
            r.skipBits(3); // layerNr
        }
        if (extensionFlag != 0) {
            throw MediaParseException.unsupported(LAYER, r.bytePosition(), "GASpecificConfig extensionFlag 1");
        }
        if (signalling == Signalling.NONE && r.bitsLeft() >= 16) {
            int sync = r.readBits(11);
            if (sync == SYNC_EXTENSION_SBR) {
                int extAot = readObjectType(r);
                if (extAot == AOT_SBR) {
                    signalling = Signalling.BACKWARD_COMPATIBLE;
                    sbr = r.readFlag();
                    if (sbr) {
                        extRate = readFrequency(r);
                        if (r.bitsLeft() >= 12 && r.readBits(11) == SYNC_EXTENSION_PS) {
                            ps = r.readFlag();
                        }
                    }
                }
            }
            // other sync extensions (ER BSAC, unknown) carry nothing reported here and are dropped
        }
        if (rate[0] == 0) {
            throw MediaParseException.malformed(LAYER, 0, "sampling frequency 0");
        }
        return new AudioSpecificConfig(
                aot,
                rate[0],
                rate[1],
                channelConfig,
                signalling,
                sbr,
                ps,
                extRate[0],
                extRate[1],
                frameLengthFlag,
                coreCoderDelay,
                pce);
    }

    /** The config bytes. */
    public byte[] write() {
        BitWriter w = new BitWriter(8);
        if (signalling == Signalling.HIERARCHICAL) {
            writeObjectType(w, ps ? AOT_PS : AOT_SBR);
            writeFrequency(w, sampleRate, frequencyIndex);
            w.writeBits(channelConfiguration, 4);
            writeFrequency(w, extensionSampleRate, extensionFrequencyIndex);
            writeObjectType(w, objectType);
        } else {
            writeObjectType(w, objectType);
            writeFrequency(w, sampleRate, frequencyIndex);
            w.writeBits(channelConfiguration, 4);
        }
        w.writeBit(frameLengthFlag);
        w.writeFlag(coreCoderDelay >= 0);
        if (coreCoderDelay >= 0) {
            w.writeBits(coreCoderDelay, 14);
        }
        w.writeBit(0); // extensionFlag
        if (channelConfiguration == 0) {
            if (pce == null) {
                throw new IllegalStateException("channel configuration 0 needs a program config element");
            }
            pce.write(w);
        }
        if (objectType == 6 || objectType == 20) {
            w.writeBits(0, 3);
        }
        if (signalling == Signalling.BACKWARD_COMPATIBLE) {
            w.writeBits(SYNC_EXTENSION_SBR, 11);
            writeObjectType(w, AOT_SBR);
            w.writeFlag(sbr);
            if (sbr) {
                writeFrequency(w, extensionSampleRate, extensionFrequencyIndex);
                if (ps) {
                    w.writeBits(SYNC_EXTENSION_PS, 11);
                    w.writeBit(1);
                }
            }
        }
        return w.toByteArray();
    }

    static boolean isGeneralAudio(int aot) {
        return aot == 1 || aot == 2 || aot == 3 || aot == 4 || aot == 6 || aot == 7;
    }

    static int readObjectType(BitReader r) throws MediaParseException {
        int aot = r.readBits(5);
        return aot == 31 ? 32 + r.readBits(6) : aot;
    }

    static void writeObjectType(BitWriter w, int aot) {
        if (aot >= 31) {
            w.writeBits(31, 5);
            w.writeBits(aot - 32, 6);
        } else {
            w.writeBits(aot, 5);
        }
    }

    /** {rate, index}: index 15 is followed by the rate in 24 bits. */
    static int[] readFrequency(BitReader r) throws MediaParseException {
        int at = r.bytePosition();
        int index = r.readBits(4);
        if (index == 15) {
            int rate = r.readBits(24);
            if (rate > MAX_EXPLICIT_RATE) {
                throw MediaParseException.unsupported(LAYER, at, "sampling frequency " + rate + " Hz");
            }
            return new int[] {rate, 15};
        }
        if (index >= RATES.length) {
            throw MediaParseException.malformed(LAYER, at, "reserved sampling frequency index " + index);
        }
        return new int[] {RATES[index], index};
    }

    static void writeFrequency(BitWriter w, int rate, int index) {
        w.writeBits(index, 4);
        if (index == 15) {
            w.writeBits(rate, 24);
        }
    }

    /**
     * A program_config_element (ISO/IEC 14496-3 4.4.1.1): the channel elements and, for writing it
     * back unchanged, its bits as read.
     *
     * @param front front channel elements, each {@code isCpe << 4 | tag}
     * @param side side channel elements
     * @param back back channel elements
     * @param lfe LFE element count
     * @param bits the element's bits, most significant first
     * @param bitLength how many bits of {@code bits} belong to it
     * @param startBit where it started in the config (its byte alignment depends on it)
     */
    public record ProgramConfig(
            int[] front, int[] side, int[] back, int lfe, byte[] bits, int bitLength, int startBit) {
        /** Element counts are 4-bit (front, side, back, valid cc) or 2/3-bit (lfe, assoc data): at most 15. */
        public static final int MAX_ELEMENTS = 15;

        /** Channels: 2 per channel pair element, 1 per single channel element, 1 per LFE. */
        public int channels() {
            return count(front) + count(side) + count(back) + lfe;
        }

        private static int count(int[] elements) {
            int n = 0;
            for (int e : elements) {
                n += (e & 0x10) != 0 ? 2 : 1;
            }
            return n;
        }

        static ProgramConfig read(BitReader r) throws MediaParseException {
            int start = r.bitPosition();
            r.skipBits(4 + 2 + 4); // element_instance_tag, object_type, sampling_frequency_index
            int numFront = r.readBits(4);
            int numSide = r.readBits(4);
            int numBack = r.readBits(4);
            int numLfe = r.readBits(2);
            int numAssoc = r.readBits(3);
            int numCc = r.readBits(4);
            if (r.readFlag()) {
                r.skipBits(4); // mono_mixdown_element_number
            }
            if (r.readFlag()) {
                r.skipBits(4); // stereo_mixdown_element_number
            }
            if (r.readFlag()) {
                r.skipBits(3); // matrix_mixdown_idx, pseudo_surround_enable
            }
            int[] front = readElements(r, numFront);
            int[] side = readElements(r, numSide);
            int[] back = readElements(r, numBack);
            r.skipBits(4L * numLfe + 4L * numAssoc + 5L * numCc);
            r.alignToByte(); // byte_alignment() relative to the start of the config
            int comment = r.readBits(8);
            r.skipBits(8L * comment);
            int end = r.bitPosition();
            byte[] bits = r.copyBits(start, end - start);
            return new ProgramConfig(front, side, back, numLfe, bits, end - start, start);
        }

        private static int[] readElements(BitReader r, int n) throws MediaParseException {
            int[] e = new int[n];
            for (int i = 0; i < n; i++) {
                e[i] = (r.readBit() << 4) | r.readBits(4);
            }
            return e;
        }

        void write(BitWriter w) {
            if (w.bitPosition() != startBit) {
                throw new IllegalStateException("program config element read at bit " + startBit
                        + " cannot be written at bit " + w.bitPosition());
            }
            for (int i = 0; i < bitLength; i++) {
                w.writeBit((bits[i >> 3] >> (7 - (i & 7))) & 1);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ProgramConfig p
                    && bitLength == p.bitLength
                    && startBit == p.startBit
                    && Arrays.equals(bits, p.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits) * 31 + bitLength;
        }

        @Override
        public String toString() {
            return "PCE " + channels() + " channels";
        }
    }
}
