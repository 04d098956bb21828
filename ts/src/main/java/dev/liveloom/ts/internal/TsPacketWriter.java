package dev.liveloom.ts.internal;

import dev.liveloom.ts.packet.AdaptationField;
import dev.liveloom.ts.packet.TsPacketHeader;
import java.util.Arrays;

/**
 * Cuts payload units (a PES, a PSI section with its pointer field) into 188-byte TS packets with
 * continuity counters per PID; the first packet may carry a PCR and the random access indicator,
 * and the last one is filled up with adaptation field stuffing. Appends to a growable buffer.
 */
public final class TsPacketWriter {
    private static final int P = TsPacketHeader.PACKET_SIZE;
    private static final int MAX_PAYLOAD = P - TsPacketHeader.HEADER_SIZE;

    private final int[] cc = new int[TsPacketHeader.MAX_PID + 1];
    private byte[] out = new byte[64 << 10];
    private int len;

    /** Drops what was written (the buffer is reused). */
    public void reset() {
        len = 0;
    }

    /** What was written since the last {@link #reset}. */
    public byte[] toByteArray() {
        return Arrays.copyOf(out, len);
    }

    public int length() {
        return len;
    }

    public byte[] buffer() {
        return out;
    }

    /**
     * Writes {@code n} bytes of {@code unit} as one payload unit on {@code pid}.
     *
     * @param pcr the PCR (27 MHz) for the first packet, or -1
     * @param randomAccess the first packet's random_access_indicator
     */
    public void write(int pid, byte[] unit, int n, long pcr, boolean randomAccess) {
        int packets = 1 + Math.max(0, (n - firstCapacity(pcr, randomAccess) + MAX_PAYLOAD - 1) / MAX_PAYLOAD);
        ensure(packets * P);
        int p = 0;
        boolean first = true;
        while (first || p < n) {
            long pcrHere = first ? pcr : -1;
            boolean raiHere = first && randomAccess;
            int afNeeded = pcrHere >= 0 ? 1 + 1 + AdaptationField.PCR_BYTES : raiHere ? 2 : 0;
            int room = MAX_PAYLOAD - afNeeded;
            int take = Math.min(room, n - p);
            int afSize = MAX_PAYLOAD - take; // what the payload leaves: adaptation field with stuffing
            int at = len;
            TsPacketHeader.of(pid, first, afSize > 0, true, cc[pid]).write(out, at);
            cc[pid] = (cc[pid] + 1) & 0x0f;
            if (afSize > 0) {
                new AdaptationField(afSize - 1, false, raiHere, pcrHere).write(out, at + 4);
            }
            System.arraycopy(unit, p, out, at + 4 + afSize, take);
            p += take;
            len += P;
            first = false;
        }
    }

    private static int firstCapacity(long pcr, boolean rai) {
        return MAX_PAYLOAD - (pcr >= 0 ? 2 + AdaptationField.PCR_BYTES : rai ? 2 : 0);
    }

    private void ensure(int more) {
        if (len + more > out.length) {
            out = Arrays.copyOf(out, Math.max(len + more, out.length * 2));
        }
    }
}
