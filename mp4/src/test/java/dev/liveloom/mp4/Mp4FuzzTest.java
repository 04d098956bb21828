package dev.liveloom.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.mp4.box.Box;
import dev.liveloom.mp4.box.BoxHeader;
import dev.liveloom.mp4.box.SampleEntry;
import java.nio.ByteBuffer;

/**
 * Jazzer fuzz tests, one per box family. In plain {@code mvn verify} they run the committed corpus in
 * {@code src/test/resources/dev/liveloom/mp4/Mp4FuzzTestInputs/<method>/}; with JAZZER_FUZZ=1 they
 * fuzz. The only exception allowed out of the parser is {@link MediaParseException}.
 */
class Mp4FuzzTest {

    /** A whole file: top-level walk, moov, sample tables, edit lists, samples. */
    @FuzzTest(maxDuration = "30s")
    void moovAndSampleTables(byte[] data) {
        Mp4Read r = Mp4Read.of(data);
        if (r.error != null) {
            assertThat(r.error).isInstanceOf(MediaParseException.class);
        }
    }

    /** An stsd payload: sample entries, avcC/hvcC, esds descriptors, AudioSpecificConfig. */
    @FuzzTest(maxDuration = "30s")
    void sampleEntries(byte[] data) {
        if (data.length == 0) {
            return;
        }
        boolean video = (data[0] & 1) == 0;
        Box stsd = new Box(
                BoxHeader.fourcc("stsd"),
                0,
                ByteBuffer.wrap(data, 1, data.length - 1).slice());
        try {
            TrackFormat f = SampleEntry.read(stsd, video);
            assertThat(f.codec().type().id()).isIn("video", "audio");
        } catch (MediaParseException expected) {
            // fine
        }
    }

    /** moof boxes after the moov of the fragmented fixture: tfhd, tfdt, trun fields and defaults. */
    @FuzzTest(maxDuration = "30s")
    void fragments(byte[] data) {
        byte[] head = fragmentedHead();
        byte[] all = ByteBuffer.allocate(head.length + data.length)
                .put(head)
                .put(data)
                .array();
        Mp4Read r = Mp4Read.of(all);
        if (r.error != null) {
            assertThat(r.error).isInstanceOf(MediaParseException.class);
        }
    }

    private static byte[] fragmentedHeadCache;

    /** ftyp and moov of h264-fragmented.mp4. */
    static synchronized byte[] fragmentedHead() {
        if (fragmentedHeadCache == null) {
            byte[] f = Fixtures.bytes("h264-fragmented.mp4");
            int[] moov = Mp4MutationTest.region(f, "moov", 0);
            fragmentedHeadCache = java.util.Arrays.copyOf(f, moov[1]);
        }
        return fragmentedHeadCache;
    }
}
