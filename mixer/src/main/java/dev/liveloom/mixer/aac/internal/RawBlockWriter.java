package dev.liveloom.mixer.aac.internal;

/**
 * Writes the syntax of an AAC-LC raw_data_block (ISO/IEC 14496-3 4.4.2): SCE, CPE, FIL and END
 * elements, ics_info, section_data, scale_factor_data and spectral_data. Also counts the bits of
 * those parts for the rate loop, with the same rules as the writer.
 */
public final class RawBlockWriter {
    public static final int ID_SCE = 0;
    public static final int ID_CPE = 1;
    public static final int ID_FIL = 6;
    public static final int ID_END = 7;

    /** A FIL element carries at most 15 + 255 - 1 = 269 payload bytes. */
    public static final int MAX_FIL_PAYLOAD = 269;

    /** Bits of a scalefactor difference; differences are limited to -60..60 by the codebook. */
    static final int SF_DIFF_LIMIT = 60;

    private RawBlockWriter() {}

    public static void writeSce(BitWriter w, int tag, IcsData ics) {
        w.write(ID_SCE, 3);
        w.write(tag, 4);
        writeIcs(w, ics, false);
    }

    /**
     * Writes a channel pair; with {@code commonWindow} both streams share the left one's ics_info and
     * {@code msUsed} (per group * MAX_BANDS + band, or null for none) says which bands are M/S coded.
     */
    public static void writeCpe(
            BitWriter w, int tag, IcsData left, IcsData right, boolean commonWindow, boolean[] msUsed) {
        w.write(ID_CPE, 3);
        w.write(tag, 4);
        w.write(commonWindow ? 1 : 0, 1);
        if (commonWindow) {
            writeIcsInfo(w, left);
            writeMsMask(w, left, msUsed);
        }
        writeIcs(w, left, commonWindow);
        writeIcs(w, right, commonWindow);
    }

    static void writeMsMask(BitWriter w, IcsData ics, boolean[] msUsed) {
        if (msUsed == null) {
            w.write(0, 2);
            return;
        }
        w.write(1, 2);
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                w.write(msUsed[g * IcsData.MAX_BANDS + b] ? 1 : 0, 1);
            }
        }
    }

    /** Bits of ms_mask_present and the mask. */
    public static int msMaskBits(IcsData ics, boolean[] msUsed) {
        return 2 + (msUsed == null ? 0 : ics.numGroups * ics.maxSfb);
    }

    public static void writeIcs(BitWriter w, IcsData ics, boolean commonWindow) {
        w.write(ics.globalGain(), 8);
        if (!commonWindow) {
            writeIcsInfo(w, ics);
        }
        writeSections(w, ics);
        writeScalefactors(w, ics);
        w.write(0, 1); // pulse_data_present
        w.write(ics.tnsOrder > 0 ? 1 : 0, 1);
        if (ics.tnsOrder > 0) {
            writeTns(w, ics);
        }
        w.write(0, 1); // gain_control_data_present
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int cb = ics.codebook[g * IcsData.MAX_BANDS + b];
                if (cb != 0) {
                    SpectralCoder.write(w, ics.quant, ics.bandStart(g, b), ics.bandWidth(g, b), cb);
                }
            }
        }
    }

    /** Bits of one individual_channel_stream apart from its spectral data. */
    public static int icsSideBits(IcsData ics, boolean commonWindow) {
        return 8 + (commonWindow ? 0 : icsInfoBits(ics)) + sectionBits(ics) + scalefactorBits(ics) + 3 + tnsBits(ics);
    }

    /** tns_data of a long window with one filter: n_filt, coef_res 1, length, order, direction 0, no compression. */
    static void writeTns(BitWriter w, IcsData ics) {
        w.write(1, 2); // n_filt
        w.write(1, 1); // coef_res: 4-bit coefficients
        w.write(ics.tnsLength, 6);
        w.write(ics.tnsOrder, 5);
        w.write(0, 1); // direction: upward
        w.write(0, 1); // coef_compress
        for (int i = 0; i < ics.tnsOrder; i++) {
            w.write(ics.tnsCoef[i] & 0xF, 4);
        }
    }

    static int tnsBits(IcsData ics) {
        return ics.tnsOrder > 0 ? 2 + 1 + 6 + 5 + 1 + 1 + 4 * ics.tnsOrder : 0;
    }

    public static void writeIcsInfo(BitWriter w, IcsData ics) {
        w.write(0, 1); // ics_reserved_bit
        w.write(ics.windowSequence, 2);
        w.write(ics.windowShape, 1);
        if (ics.isShort()) {
            w.write(ics.maxSfb, 4);
            w.write(ics.groupingBits(), 7);
        } else {
            w.write(ics.maxSfb, 6);
            w.write(0, 1); // predictor_data_present
        }
    }

    public static int icsInfoBits(IcsData ics) {
        return ics.isShort() ? 15 : 11;
    }

    static void writeSections(BitWriter w, IcsData ics) {
        int lenBits = ics.isShort() ? 3 : 5;
        int esc = (1 << lenBits) - 1;
        for (int g = 0; g < ics.numGroups; g++) {
            int b = 0;
            while (b < ics.maxSfb) {
                int cb = ics.codebook[g * IcsData.MAX_BANDS + b];
                int end = b + 1;
                while (end < ics.maxSfb && ics.codebook[g * IcsData.MAX_BANDS + end] == cb) {
                    end++;
                }
                w.write(cb, 4);
                int len = end - b;
                while (len >= esc) {
                    w.write(esc, lenBits);
                    len -= esc;
                }
                w.write(len, lenBits);
                b = end;
            }
        }
    }

    public static int sectionBits(IcsData ics) {
        int lenBits = ics.isShort() ? 3 : 5;
        int esc = (1 << lenBits) - 1;
        int bits = 0;
        for (int g = 0; g < ics.numGroups; g++) {
            int b = 0;
            while (b < ics.maxSfb) {
                int cb = ics.codebook[g * IcsData.MAX_BANDS + b];
                int end = b + 1;
                while (end < ics.maxSfb && ics.codebook[g * IcsData.MAX_BANDS + end] == cb) {
                    end++;
                }
                bits += 4 + lenBits * (1 + (end - b) / esc);
                b = end;
            }
        }
        return bits;
    }

    static void writeScalefactors(BitWriter w, IcsData ics) {
        int last = ics.globalGain();
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int i = g * IcsData.MAX_BANDS + b;
                if (ics.codebook[i] == 0) {
                    continue;
                }
                int diff = ics.scalefactor[i] - last;
                if (diff < -SF_DIFF_LIMIT || diff > SF_DIFF_LIMIT) {
                    throw new IllegalStateException("scalefactor difference " + diff + " out of range");
                }
                w.write(HuffmanTables.SF_CODES[diff + 60], HuffmanTables.SF_BITS[diff + 60]);
                last = ics.scalefactor[i];
            }
        }
    }

    public static int scalefactorBits(IcsData ics) {
        int last = ics.globalGain();
        int bits = 0;
        for (int g = 0; g < ics.numGroups; g++) {
            for (int b = 0; b < ics.maxSfb; b++) {
                int i = g * IcsData.MAX_BANDS + b;
                if (ics.codebook[i] != 0) {
                    bits += HuffmanTables.SF_BITS[ics.scalefactor[i] - last + 60];
                    last = ics.scalefactor[i];
                }
            }
        }
        return bits;
    }

    /** Writes FIL elements carrying {@code bytes} bytes in total (each element adds its own header). */
    public static void writeFill(BitWriter w, int bytes) {
        while (bytes > 0) {
            int count = Math.min(bytes, MAX_FIL_PAYLOAD);
            w.write(ID_FIL, 3);
            if (count < 15) {
                w.write(count, 4);
            } else {
                w.write(15, 4);
                w.write(count - 14, 8);
            }
            // extension_payload: extension_type EXT_FILL (0000), fill_nibble 0000, then fill_byte 10100101
            w.write(0, 8);
            for (int i = 1; i < count; i++) {
                w.write(0xA5, 8);
            }
            bytes -= count;
        }
    }

    /** Bits of the FIL elements {@link #writeFill} writes for {@code bytes} payload bytes. */
    public static int fillBits(int bytes) {
        int bits = 0;
        while (bytes > 0) {
            int count = Math.min(bytes, MAX_FIL_PAYLOAD);
            bits += 7 + (count < 15 ? 0 : 8) + 8 * count;
            bytes -= count;
        }
        return bits;
    }

    public static void writeEnd(BitWriter w) {
        w.write(ID_END, 3);
        w.byteAlign();
    }
}
