package dev.liveloom.ts.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsiTest {
    private static final HexFormat HEX = HexFormat.of();

    /** ffmpeg's PAT: TSID 1, program 1 on PMT PID 0x1000. */
    static final String PAT = "00b00d0001c100000001f0002ab104b2";

    /** ffmpeg's PMT of h264-aac.ts: PCR PID 0x100, H.264 on 0x100, AAC on 0x101. */
    static final String PMT = "02b0170001c10000e100f0001be100f0000fe101f0002f44b99b";

    @Test
    void crc32Mpeg() {
        assertThat(Crc32Mpeg.compute("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9))
                .isEqualTo(0x0376e6e7);
        byte[] pat = HEX.parseHex(PAT);
        assertThat(Crc32Mpeg.compute(pat, 0, pat.length)).isZero();
    }

    @Test
    void patReadWrite() throws MediaParseException {
        byte[] b = HEX.parseHex(PAT);
        Pat pat = Pat.read(b, 0, b.length);
        assertThat(pat).isEqualTo(new Pat(1, 0, List.of(new Pat.Program(1, 0x1000))));
        assertThat(HEX.formatHex(pat.write())).isEqualTo(PAT);
    }

    @Test
    void pmtReadWrite() throws MediaParseException {
        byte[] b = HEX.parseHex(PMT);
        Pmt pmt = Pmt.read(b, 0, b.length);
        assertThat(pmt.programNumber()).isEqualTo(1);
        assertThat(pmt.pcrPid()).isEqualTo(0x100);
        assertThat(pmt.streams())
                .containsExactly(
                        new Pmt.Stream(StreamType.H264, 0x100, new byte[0]),
                        new Pmt.Stream(StreamType.AAC_ADTS, 0x101, new byte[0]));
        assertThat(HEX.formatHex(pmt.write())).isEqualTo(PMT);
        Pmt withDescriptors = new Pmt(
                7,
                31,
                0x1ffe,
                HEX.parseHex("0504"),
                List.of(new Pmt.Stream(0x06, 0x200, HEX.parseHex("0a04656e6700"))));
        byte[] w = withDescriptors.write();
        assertThat(Pmt.read(w, 0, w.length)).isEqualTo(withDescriptors);
    }

    @Test
    void badCrcSaysWhere() {
        byte[] b = HEX.parseHex(PAT);
        b[b.length - 1] ^= 1;
        assertThatThrownBy(() -> Pat.read(b, 0, b.length))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("ts psi at byte 12: CRC 0x2ab104b3 does not match the section (expected 0x2ab104b2)");
    }

    @Test
    void malformedSections() {
        byte[] pmtAsPat = HEX.parseHex(PMT);
        assertThatThrownBy(() -> Pat.read(pmtAsPat, 0, pmtAsPat.length))
                .hasMessage("ts psi at byte 0: table id 2 on the PAT PID");
        byte[] shortOne = HEX.parseHex("00b0");
        assertThatThrownBy(() -> Pat.read(shortOne, 0, 2)).hasMessage("ts psi at byte 0: section of 2 bytes");
        // ES info length 0x0ff past the end (CRC fixed up so that only the loop is wrong)
        byte[] b = HEX.parseHex(PMT);
        b[b.length - 5] = (byte) 0xff;
        SectionHeader.writeCrc(b, 0, b.length);
        assertThatThrownBy(() -> Pmt.read(b, 0, b.length))
                .hasMessage("ts psi at byte 20: ES info of 255 bytes, 0 left");
    }

    @Test
    void assemblerAcrossPacketsAndSeveralPerPacket() {
        List<String> got = new ArrayList<>();
        SectionAssembler a = new SectionAssembler(new SectionAssembler.Sink() {
            @Override
            public void section(byte[] b, int off, int len) {
                got.add(HEX.formatHex(b, off, off + len));
            }

            @Override
            public void error(MediaParseException e) {
                got.add("error " + e.getMessage());
            }
        });
        byte[] pmt = HEX.parseHex(PMT);
        // pointer 0, the first 10 bytes of the PMT; then the rest in a packet without PUSI
        byte[] first = new byte[11];
        System.arraycopy(pmt, 0, first, 1, 10);
        a.payload(first, 0, first.length, true);
        assertThat(got).isEmpty();
        a.payload(pmt, 10, pmt.length - 10, false);
        assertThat(got).containsExactly(PMT);
        // two sections in one payload, then stuffing
        got.clear();
        byte[] two = HEX.parseHex("00" + PAT + PAT + "ffffff");
        a.payload(two, 0, two.length, true);
        assertThat(got).containsExactly(PAT, PAT);
        // the pointer field finishes the previous section, then a new one starts
        got.clear();
        byte[] head = HEX.parseHex("00" + PAT.substring(0, 8));
        a.payload(head, 0, head.length, true);
        byte[] tail = HEX.parseHex("0c" + PAT.substring(8) + PAT);
        a.payload(tail, 0, tail.length, true);
        assertThat(got).containsExactly(PAT, PAT);
        // cut short by the next start
        got.clear();
        a.payload(head, 0, head.length, true);
        a.payload(two, 0, two.length, true);
        assertThat(got)
                .containsExactly("error ts psi at byte 0 (truncated): section of 16 bytes cut short at 4", PAT, PAT);
        got.clear();
        byte[] tooLong = HEX.parseHex("0002b3fe00");
        a.payload(tooLong, 0, tooLong.length, true);
        assertThat(got).containsExactly("error ts psi at byte 1: section length 1022 exceeds 1021");
    }
}
