package dev.liveloom.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.flv.tag.HevcLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlvMuxerTest {

    @ParameterizedTest
    @CsvSource({
        "h264-aac.flv, ENHANCED",
        "aac-only.flv, ENHANCED",
        "h264-only.flv, ENHANCED",
        "hevc-enhanced.flv, ENHANCED",
        "hevc-enhanced.flv, CODEC_ID_12",
        "hevc-id12.flv, ENHANCED"
    })
    void roundTripGivesTheSamePackets(String name, HevcLayout layout) throws IOException {
        DemuxRun original = DemuxRun.of(Fixtures.bytes(name));
        assertThat(original.failure).isNull();
        byte[] muxed = mux(original, layout);
        DemuxRun back = DemuxRun.of(muxed);
        assertThat(back.failure).isNull();
        assertThat(back.dump()).isEqualTo(original.dump());
        assertThat(back.demuxer.metadata().encoder()).isEqualTo("liveloom");
    }

    @ParameterizedTest
    @CsvSource({"-1000", "4294967296000"})
    void refusesTimestampsFlvCannotHold(long dtsUs) throws IOException {
        DemuxRun run = DemuxRun.of(Fixtures.bytes("aac-only.flv"));
        FlvMuxer m = new FlvMuxer(new ByteArrayOutputStream(), HevcLayout.ENHANCED);
        m.start(run.demuxer.tracks(), null);
        MediaPacket p = run.packets.get(0).withTimes(dtsUs, dtsUs);
        assertThatThrownBy(() -> m.write(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dts " + dtsUs + " us does not fit an FLV timestamp");
    }

    @org.junit.jupiter.api.Test
    void headerAndFirstTagsAreExact() throws IOException {
        DemuxRun run = DemuxRun.of(Fixtures.bytes("aac-only.flv"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlvMuxer m = new FlvMuxer(out, HevcLayout.ENHANCED);
        m.start(run.demuxer.tracks(), new dev.liveloom.flv.amf0.OnMetaData(java.util.Map.of()));
        m.write(run.packets.get(0).withTimes(1_499, 1_499));
        byte[] b = out.toByteArray();
        String hex = HexFormat.of().formatHex(b);
        // header (audio only), PreviousTagSize0, script tag "onMetaData" + empty ECMA array
        assertThat(hex)
                .startsWith("464c5601040000000900000000"
                        + "1200001500000000000000" + "02000a6f6e4d65746144617461" + "0800000000" + "000009" + "00000020"
                        // AAC sequence header: af 00 + the AudioSpecificConfig 138856e500
                        + "0800000700000000000000" + "af00138856e500" + "00000012"
                        // the first frame at 1 ms (1499 us rounds to 1 ms)
                        + "0800011900000100000000" + "af01");
        assertThat(b).hasSize(13 + 32 + 4 + 11 + 7 + 4 + 11 + 281 + 4);
    }

    static byte[] mux(DemuxRun run, HevcLayout layout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlvMuxer m = new FlvMuxer(out, layout);
        m.start(firstFormats(run), null);
        for (MediaPacket p : run.packets) {
            m.write(p);
        }
        m.finish();
        assertThat(m.written()).isEqualTo(out.size());
        return out.toByteArray();
    }

    /** The format each track had at its first packet. */
    private static java.util.List<dev.liveloom.core.media.TrackFormat> firstFormats(DemuxRun run) {
        var list = new java.util.ArrayList<>(run.demuxer.tracks());
        for (int i = run.packets.size() - 1; i >= 0; i--) {
            MediaPacket p = run.packets.get(i);
            list.set(p.track(), p.format());
        }
        return list;
    }
}
