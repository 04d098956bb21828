package dev.liveloom.ts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.ts.pes.PesHeader;
import dev.liveloom.ts.psi.Pat;
import dev.liveloom.ts.psi.Pmt;
import java.io.IOException;

/**
 * Jazzer targets. In plain {@code mvn verify} they run the committed inputs under
 * {@code src/test/resources/dev/liveloom/ts/TsFuzzTestInputs/<method>/}; with JAZZER_FUZZ=1 they
 * fuzz. The push demuxer never throws for any bytes; the file demuxer throws only
 * MediaParseException; sections and PES headers that parse write back to the same values.
 */
class TsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void demux(byte[] input) throws IOException {
        // split at a point the input chooses, to exercise the carry between feeds
        int chunk = input.length == 0 ? 1 : 1 + (input[input.length - 1] & 0xff) * 3;
        TsRun run = TsRun.of(input, chunk);
        assertThat(TsRun.of(input).packetLines()).isEqualTo(run.packetLines());
        for (MediaPacket p : run.packets) {
            assertThat(p.size()).isLessThanOrEqualTo(input.length);
        }
        TsInputDemuxer d = new TsInputDemuxer(new ByteArrayInput("fuzz.ts", input));
        try {
            while (d.read() != null) {
                // drain
            }
            assertThat(d.ended()).isTrue();
        } catch (MediaParseException expected) {
            // the one failure allowed
        }
    }

    @FuzzTest(maxDuration = "30s")
    void psiSection(byte[] input) throws MediaParseException {
        Pat pat = null;
        try {
            pat = Pat.read(input, 0, input.length);
        } catch (MediaParseException e) {
            // not a PAT
        }
        if (pat != null) {
            byte[] written = pat.write();
            assertThat(Pat.read(written, 0, written.length)).isEqualTo(pat);
        }
        Pmt pmt;
        try {
            pmt = Pmt.read(input, 0, input.length);
        } catch (MediaParseException e) {
            return;
        }
        byte[] written = pmt.write();
        assertThat(Pmt.read(written, 0, written.length)).isEqualTo(pmt);
    }

    @FuzzTest(maxDuration = "30s")
    void pesHeader(byte[] input) throws MediaParseException {
        PesHeader h;
        try {
            h = PesHeader.read(input, 0, input.length);
        } catch (MediaParseException e) {
            return;
        }
        assertThat(h.headerSize()).isLessThanOrEqualTo(input.length);
        PesHeader minimal = PesHeader.hasOptionalHeader(h.streamId())
                ? PesHeader.of(h.streamId(), h.packetLength(), h.pts(), h.dts())
                : h;
        byte[] b = new byte[minimal.headerSize()];
        minimal.write(b, 0);
        PesHeader again = PesHeader.read(b, 0, b.length);
        assertThat(again.pts()).isEqualTo(h.pts());
        assertThat(again.decodeTime()).isEqualTo(h.decodeTime());
        assertThat(again.streamId()).isEqualTo(h.streamId());
    }
}
