package dev.liveloom.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.io.ByteArrayInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.testing.Fixtures;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Mp4DemuxerProviderTest {
    final Mp4DemuxerProvider provider = new Mp4DemuxerProvider();

    boolean sniff(String hex) {
        return provider.sniff(ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
    }

    @Test
    void sniffsFirstBoxes() {
        assertThat(sniff("0000002066747970")).isTrue(); // ftyp
        assertThat(sniff("000000006d646174")).isTrue(); // mdat to the end
        assertThat(sniff("000000016d6f6f76")).isTrue(); // moov with largesize
        assertThat(sniff("0000001873747970")).isTrue(); // styp
        assertThat(sniff("464c560105000000")).isFalse(); // FLV
        assertThat(sniff("0000000466747970")).isFalse(); // size below a header
        assertThat(sniff("00000020")).isFalse();
    }

    @Test
    void foundByServiceLoader() throws Exception {
        byte[] bytes = Fixtures.bytes("aac-22050-1ch.m4a");
        try (Demuxer d = Demuxers.open(new ByteArrayInput("a.m4a", bytes), Duration.ofSeconds(1))) {
            assertThat(d.formatName()).isEqualTo("mp4");
            assertThat(d).isInstanceOf(Mp4Demuxer.class);
        }
    }
}
