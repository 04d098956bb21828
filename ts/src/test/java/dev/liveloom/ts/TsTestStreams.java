package dev.liveloom.ts;

import dev.liveloom.ts.psi.Pmt;
import java.util.Arrays;

/** Edits of transport streams for tests. */
final class TsTestStreams {
    private TsTestStreams() {}

    /** A copy of {@code ts} whose PMT packets on {@code pmtPid} carry {@code pmt} instead. */
    static byte[] replacePmt(byte[] ts, int pmtPid, Pmt pmt) {
        byte[] out = ts.clone();
        byte[] section = pmt.write();
        for (int i = 0; i < out.length / 188; i++) {
            int p = i * 188;
            int pid = ((out[p + 1] & 0x1f) << 8) | (out[p + 2] & 0xff);
            if (pid == pmtPid && (out[p + 1] & 0x40) != 0) {
                int payload = p + 4;
                if ((out[p + 3] & 0x20) != 0) {
                    payload += 1 + (out[p + 4] & 0xff);
                }
                Arrays.fill(out, payload, p + 188, (byte) 0xff);
                out[payload] = 0;
                System.arraycopy(section, 0, out, payload + 1, section.length);
            }
        }
        return out;
    }

    /** One TS packet on {@code pid} carrying {@code section} after a zero pointer field. */
    static byte[] psiPacket(int pid, int cc, byte[] section) {
        byte[] p = new byte[188];
        Arrays.fill(p, (byte) 0xff);
        p[0] = 0x47;
        p[1] = (byte) (0x40 | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = (byte) (0x10 | cc);
        p[4] = 0;
        System.arraycopy(section, 0, p, 5, section.length);
        return p;
    }
}
