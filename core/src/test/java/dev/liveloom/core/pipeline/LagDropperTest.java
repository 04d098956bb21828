package dev.liveloom.core.pipeline;

import static dev.liveloom.core.pipeline.LagDropper.Decision.DROP;
import static dev.liveloom.core.pipeline.LagDropper.Decision.SEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.TrackFormat;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class LagDropperTest {
    static final TrackFormat AVC =
            TrackFormat.builder(Codec.H264).size(640, 360).nalLengthSize(4).build();
    static final TrackFormat HEVC =
            TrackFormat.builder(Codec.HEVC).size(640, 360).nalLengthSize(4).build();
    static final TrackFormat AAC =
            TrackFormat.builder(Codec.AAC).sampleRate(44100).channels(2).build();

    /** One access unit of a single NAL whose header starts with {@code header}. */
    static MediaPacket video(TrackFormat f, boolean key, int... header) {
        ByteBuffer b = ByteBuffer.allocate(4 + header.length + 8).putInt(header.length + 8);
        for (int h : header) {
            b.put((byte) h);
        }
        return new MediaPacket(0, f, 0, 0, 40_000, key, b.clear());
    }

    static final MediaPacket IDR = video(AVC, true, 0x65);
    static final MediaPacket REF = video(AVC, false, 0x41);
    static final MediaPacket NONREF = video(AVC, false, 0x01);
    static final MediaPacket AUDIO = new MediaPacket(1, AAC, 0, 0, 23_000, true, ByteBuffer.allocate(10));

    @Test
    void withinTheLimitEverythingPasses() {
        LagDropper d = new LagDropper(2_000_000);
        for (MediaPacket p : new MediaPacket[] {IDR, REF, NONREF, AUDIO}) {
            assertThat(d.admit(p, 1_999_999)).isEqualTo(SEND);
        }
        assertThat(d.lagging()).isFalse();
        assertThat(d.dropped()).isZero();
    }

    @Test
    void pastTheLimitOnlyNonReferenceFramesGo() {
        LagDropper d = new LagDropper(2_000_000);
        assertThat(d.admit(NONREF, 2_500_000)).isEqualTo(DROP);
        assertThat(d.admit(REF, 2_500_000)).isEqualTo(SEND);
        assertThat(d.admit(AUDIO, 2_500_000)).isEqualTo(SEND);
        assertThat(d.admit(IDR, 2_500_000)).isEqualTo(SEND);
        assertThat(d.lagging()).isTrue();
        assertThat(d.episodes()).isEqualTo(1);
        assertThat(d.dropped()).isEqualTo(1);
    }

    @Test
    void pastTwiceTheLimitVideoIsDroppedUntilTheNextKeyFrame() {
        LagDropper d = new LagDropper(2_000_000);
        assertThat(d.admit(REF, 4_500_000)).isEqualTo(DROP);
        assertThat(d.droppingUntilKey()).isTrue();
        // even once the lag is gone, the chain is broken until a key frame
        assertThat(d.admit(REF, 0)).isEqualTo(DROP);
        assertThat(d.admit(NONREF, 0)).isEqualTo(DROP);
        assertThat(d.admit(AUDIO, 0)).isEqualTo(SEND);
        assertThat(d.admit(IDR, 0)).isEqualTo(SEND);
        assertThat(d.admit(REF, 0)).isEqualTo(SEND);
        assertThat(d.dropped()).isEqualTo(3);
        assertThat(d.lagging()).isFalse();
    }

    @Test
    void laggingEndsBelowHalfTheLimit() {
        LagDropper d = new LagDropper(2_000_000);
        d.admit(NONREF, 2_100_000);
        assertThat(d.admit(NONREF, 1_500_000)).as("hysteresis").isEqualTo(DROP);
        assertThat(d.admit(NONREF, 999_999)).isEqualTo(SEND);
        assertThat(d.lagging()).isFalse();
        d.admit(NONREF, 2_100_000);
        assertThat(d.episodes()).isEqualTo(2);
    }

    @Test
    void hevcSubLayerNonReferencePicturesAreDisposable() {
        LagDropper d = new LagDropper(1_000_000);
        MediaPacket trailN = video(HEVC, false, 0 << 1, 1); // TRAIL_N
        MediaPacket trailR = video(HEVC, false, 1 << 1, 1); // TRAIL_R
        MediaPacket radlN = video(HEVC, false, 6 << 1, 1); // RADL_N
        assertThat(d.admit(trailN, 1_500_000)).isEqualTo(DROP);
        assertThat(d.admit(radlN, 1_500_000)).isEqualTo(DROP);
        assertThat(d.admit(trailR, 1_500_000)).isEqualTo(SEND);
    }

    @Test
    void malformedAccessUnitsAreNeverTakenForDisposable() {
        LagDropper d = new LagDropper(1_000_000);
        MediaPacket cut = new MediaPacket(0, AVC, 0, 0, 40_000, false, ByteBuffer.wrap(new byte[] {0, 0, 9, 0, 1}));
        assertThat(d.admit(cut, 1_500_000)).isEqualTo(SEND);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new LagDropper(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
