package dev.liveloom.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TsPushSourceTest {

    @Test
    void datagramsInPacketsOut() throws IOException {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        AtomicInteger closed = new AtomicInteger();
        TsPushSource s = new TsPushSource("srt://host:9000", TsListener.NONE, closed::incrementAndGet);
        CompletableFuture<Void> waiting = s.ready();
        assertThat(waiting).isNotDone();
        assertThat(s.read()).isNull();
        List<MediaPacket> got = new ArrayList<>();
        for (int p = 0; p < ts.length; p += 1316) {
            s.feed(ByteBuffer.wrap(ts, p, Math.min(1316, ts.length - p)));
            MediaPacket m;
            while ((m = s.read()) != null) {
                got.add(m);
            }
        }
        assertThat(waiting).isDone();
        assertThat(s.ended()).isFalse();
        s.end();
        assertThat(s.ready()).isDone();
        MediaPacket m;
        while ((m = s.read()) != null) {
            got.add(m);
        }
        assertThat(s.ended()).isTrue();
        assertThat(TsDemuxerTest.lines(got)).isEqualTo(TsRun.of(ts).packetLines());
        assertThat(s.tracks()).hasSize(2);
        s.close();
        s.close();
        assertThat(closed).hasValue(1);
    }

    @Test
    void failureAfterThePacketsAlreadyDemuxed() throws IOException {
        byte[] ts = Fixtures.bytes("h264-aac.ts");
        TsPushSource s = new TsPushSource("srt://host:9000", TsListener.NONE, () -> {});
        s.feed(ByteBuffer.wrap(ts, 0, 188 * 60));
        CompletableFuture<Void> r = s.ready();
        s.fail(new IOException("connection reset"));
        assertThat(r).isDone();
        int n = 0;
        try {
            while (s.read() != null) {
                n++;
            }
        } catch (IOException e) {
            assertThat(e).hasMessage("connection reset");
        }
        assertThat(n).isGreaterThan(0);
        assertThatThrownBy(s::read).hasMessage("connection reset");
        assertThat(s.ended()).isFalse();
    }
}
