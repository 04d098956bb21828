package dev.liveloom.flv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.flv.amf0.Amf0Reader;
import dev.liveloom.flv.amf0.Amf0Writer;
import dev.liveloom.flv.tag.AudioTagBody;
import dev.liveloom.flv.tag.VideoPacketType;
import dev.liveloom.flv.tag.VideoTagBody;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Jazzer targets. In plain {@code mvn verify} they run the committed inputs under
 * {@code src/test/resources/dev/liveloom/flv/FlvFuzzTestInputs/<method>/}; with JAZZER_FUZZ=1 they
 * fuzz. The only exception a parser may throw is {@link MediaParseException}; what parses must write
 * back to something that parses the same.
 */
class FlvFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void demux(byte[] input) {
        DemuxRun run = DemuxRun.of(input);
        if (run.failure != null) {
            assertThat(run.failure).isInstanceOf(MediaParseException.class);
        } else {
            assertThat(run.demuxer.ended()).isTrue();
        }
        run.packets.forEach(p -> assertThat(p.size()).isLessThanOrEqualTo(input.length));
    }

    @FuzzTest(maxDuration = "30s")
    void videoTagBody(byte[] input) throws MediaParseException {
        VideoTagBody b;
        try {
            b = VideoTagBody.parse(ByteBuffer.wrap(input));
        } catch (MediaParseException e) {
            return;
        }
        assertThat(b.data().remaining()).isLessThanOrEqualTo(input.length);
        if (b.packetType() != VideoPacketType.INFO) {
            VideoTagBody again = VideoTagBody.parse(ByteBuffer.wrap(b.toBytes()));
            assertThat(again).isEqualTo(b);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void audioTagBody(byte[] input) throws MediaParseException {
        AudioTagBody b;
        try {
            b = AudioTagBody.parse(ByteBuffer.wrap(input));
        } catch (MediaParseException e) {
            return;
        }
        assertThat(b.toBytes()).isEqualTo(input);
    }

    @FuzzTest(maxDuration = "30s")
    void amf0(byte[] input) throws MediaParseException {
        List<Object> values;
        try {
            values = Amf0Reader.readAll(ByteBuffer.wrap(input));
        } catch (MediaParseException e) {
            return;
        }
        byte[] written = Amf0Writer.encode(values.toArray());
        assertThat(Amf0Reader.readAll(ByteBuffer.wrap(written))).isEqualTo(values);
    }
}
