package dev.liveloom.srt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Ffprobe;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Peers;
import dev.liveloom.ts.TsListener;
import dev.liveloom.ts.TsPushSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our receiver against srt-live-transmit (srt-tools 1.5) and ffmpeg 5.1 (libsrt) as senders, as
 * listener and as caller, in the clear and encrypted, run with -Pinterop; fails (never skips) when a
 * tool is missing. What arrives is demuxed by a TsPushSource and compared with ffprobe's view of the
 * sent file: per stream the packet count, DTS and PTS (relative to the first video DTS, within 1 ms)
 * and the key flags. srt-live-transmit relays bytes unchanged, so from it the bytes must also be
 * identical.
 *
 * <p>Two sender habits shape the setup: srt-live-transmit reads stdin in fixed chunks (the input is
 * padded with null TS packets to whole 1316-byte chunks), drops what it reads before it is connected
 * (the input starts after a second) and does not exit at the end of its input (it is stopped once
 * everything arrived, and sends SHUTDOWN then). libsrt in live mode discards unsent data at close
 * unless SRTO_LINGER is set, so ffmpeg is given {@code linger=2}.
 */
@Tag("interop")
class SrtInteropTest {
    private static final String FIXTURE = "h264-aac.ts";
    private static final String PASSPHRASE = "liveloom-interop-secret";
    private static LiveloomRuntime runtime;

    @TempDir
    Path dir;

    private Path log;

    @BeforeAll
    static void start() {
        runtime = LiveloomRuntime.builder().eventLoopThreads(1).workerThreads(1).build();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @ParameterizedTest(name = "pbkeylen {0}")
    @CsvSource({"0", "16", "32"})
    void listenerReceivesFromSrtLiveTransmitCaller(int keyLength) throws Exception {
        int port = Peers.freePort();
        String crypto = crypto(keyLength);
        Capture c = receive(
                "srt://:" + port + "?mode=listener" + crypto,
                () -> slt("srt://127.0.0.1:" + port + "?streamid=cam/1" + crypto));
        assertThat(c.streamId).isEqualTo("cam/1");
        assertSameBytes(c);
        assertMatchesInput(c.packets, c.toString());
    }

    @ParameterizedTest(name = "pbkeylen {0}")
    @CsvSource({"0", "16", "32"})
    void callerReceivesFromSrtLiveTransmitListener(int keyLength) throws Exception {
        int port = Peers.freePort();
        String crypto = crypto(keyLength);
        Capture c = receive(
                "srt://127.0.0.1:" + port + "?streamid=cam/2&conntimeo=10000" + crypto,
                () -> slt("srt://:" + port + "?mode=listener" + crypto));
        assertSameBytes(c);
        assertMatchesInput(c.packets, c.toString());
    }

    @ParameterizedTest(name = "pbkeylen {0}")
    @CsvSource({"0", "16", "32"})
    void listenerReceivesFromFfmpegCaller(int keyLength) throws Exception {
        int port = Peers.freePort();
        String crypto = crypto(keyLength);
        Capture c = receive(
                "srt://:" + port + "?mode=listener" + crypto,
                () -> ffmpeg("srt://127.0.0.1:" + port + "?pkt_size=1316&linger=2&streamid=#!::r=live/cam,m=publish"
                        + crypto));
        assertThat(c.streamId).isEqualTo("#!::r=live/cam,m=publish");
        assertMatchesInput(c.packets, c.toString());
    }

    @ParameterizedTest(name = "pbkeylen {0}")
    @CsvSource({"0", "16", "32"})
    void callerReceivesFromFfmpegListener(int keyLength) throws Exception {
        int port = Peers.freePort();
        String crypto = crypto(keyLength);
        Capture c = receive(
                "srt://127.0.0.1:" + port + "?conntimeo=10000" + crypto,
                () -> ffmpeg("srt://127.0.0.1:" + port + "?mode=listener&pkt_size=1316&linger=2" + crypto));
        assertMatchesInput(c.packets, c.toString());
    }

    /** Through MediaIo and the provider, as a relay opens it. */
    @Test
    void mediaIoSourceFromFfmpegCaller() throws Exception {
        int port = Peers.freePort();
        SrtSource source = (SrtSource) MediaIo.source("srt://:" + port + "?mode=listener", runtime, false);
        source.bound().get(5, TimeUnit.SECONDS);
        Process p = ffmpeg("srt://127.0.0.1:" + port + "?pkt_size=1316&linger=2");
        List<MediaPacket> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (!source.ended()) {
                MediaPacket m = source.read();
                if (m != null) {
                    got.add(m);
                    continue;
                }
                assertThat(System.nanoTime())
                        .as("ended in time: %s", source.stats())
                        .isLessThan(deadline);
                try {
                    source.ready().get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // poll again
                }
            }
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroy();
            source.close();
        }
        assertMatchesInput(got, source.stats().toString());
    }

    @Test
    void wrongPassphraseIsRefusedClearly() throws Exception {
        int port = Peers.freePort();
        Process p = slt("srt://:" + port + "?mode=listener&passphrase=" + PASSPHRASE);
        try {
            Capture c = new Capture();
            SrtReceiver r = SrtReceiver.open(
                    SrtUrl.parse("srt://127.0.0.1:" + port + "?conntimeo=10000&passphrase=not-the-right-one"),
                    runtime.eventLoopGroup(),
                    c);
            assertThat(c.done.await(15, TimeUnit.SECONDS)).isTrue();
            r.close();
            assertThat(c.failure).isNotNull();
            assertThat(c.failure.getMessage())
                    .contains("wrong password")
                    .doesNotContain("not-the-right-one")
                    .contains("passphrase=***");
            assertThat(c.bytes.size()).isZero();
        } finally {
            stop(p);
        }
    }

    @Test
    void listenerRefusesAWrongPassphraseAsLibsrtUnderstandsIt() throws Exception {
        int port = Peers.freePort();
        Capture c = new Capture();
        try (SrtReceiver r = SrtReceiver.open(
                SrtUrl.parse("srt://:" + port + "?mode=listener&passphrase=" + PASSPHRASE),
                runtime.eventLoopGroup(),
                c)) {
            r.bound().get(5, TimeUnit.SECONDS);
            Process p = slt("srt://127.0.0.1:" + port + "?passphrase=some-other-secret");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Peers.read(log).contains("Incorrect passphrase") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(Peers.read(log)).contains("Incorrect passphrase");
                assertThat(c.streamId).isNull();
                assertThat(c.size()).isZero();
            } finally {
                stop(p);
            }
        }
    }

    // ---- helpers

    private static String crypto(int keyLength) {
        return keyLength == 0 ? "" : "&passphrase=" + PASSPHRASE + "&pbkeylen=" + keyLength;
    }

    interface PeerStart {
        Process start() throws Exception;
    }

    /** Collects the payloads and demuxes them. */
    static final class Capture implements SrtReceiver.Listener {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final TsPushSource ts = new TsPushSource("capture", TsListener.NONE, () -> {});
        final List<MediaPacket> packets = new ArrayList<>();
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        volatile String streamId;
        volatile IOException failure;
        volatile boolean ended;
        SrtReceiver receiver;

        @Override
        public synchronized void connected(String id) {
            streamId = id;
        }

        @Override
        public synchronized void payload(byte[] payload) {
            bytes.write(payload, 0, payload.length);
            ts.feed(ByteBuffer.wrap(payload));
            drain();
        }

        @Override
        public synchronized void ended() {
            ts.end();
            drain();
            ended = true;
            done.countDown();
        }

        @Override
        public void failed(IOException error) {
            failure = error;
            done.countDown();
        }

        private void drain() {
            try {
                MediaPacket m;
                while ((m = ts.read()) != null) {
                    packets.add(m);
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        synchronized int size() {
            return bytes.size();
        }

        @Override
        public String toString() {
            return "received " + size() + " bytes, " + packets.size() + " packets, ended " + ended + ", failure "
                    + failure + ", stats " + (receiver == null ? "-" : receiver.stats());
        }
    }

    private Capture receive(String url, PeerStart peer) throws Exception {
        Capture c = new Capture();
        SrtReceiver r = SrtReceiver.open(SrtUrl.parse(url), runtime.eventLoopGroup(), c);
        c.receiver = r;
        r.bound().get(5, TimeUnit.SECONDS);
        Process p = peer.start();
        int expected = padded().length;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (!c.done.await(50, TimeUnit.MILLISECONDS)) {
                assertThat(System.nanoTime())
                        .as("stream ended in 30 s: %s; peer log %s", c, Peers.read(log))
                        .isLessThan(deadline);
                if (c.size() >= expected && isSlt(p)) {
                    // srt-live-transmit does not exit at the end of its input: stop it, it sends SHUTDOWN
                    stop(p);
                }
            }
        } finally {
            stop(p);
            r.close();
        }
        assertThat(c.failure).as("failure; peer log %s", Peers.read(log)).isNull();
        assertThat(c.ended).isTrue();
        assertThat(r.stats().packetsDropped()).isZero();
        return c;
    }

    private boolean isSlt(Process p) {
        return log != null && log.getFileName().toString().startsWith("slt");
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** The fixture with null TS packets appended to whole 1316-byte chunks. */
    private static byte[] padded() {
        byte[] ts = Fixtures.bytes(FIXTURE);
        int n = (ts.length + 1315) / 1316 * 1316;
        byte[] out = Arrays.copyOf(ts, n);
        for (int at = ts.length; at < n; at += 188) {
            out[at] = 0x47;
            out[at + 1] = 0x1F;
            out[at + 2] = (byte) 0xFF;
            out[at + 3] = 0x10;
            Arrays.fill(out, at + 4, at + 188, (byte) 0xFF);
        }
        return out;
    }

    private Process slt(String url) throws IOException {
        Path input = dir.resolve("padded.ts");
        Files.write(input, padded());
        log = dir.resolve("slt-" + System.nanoTime() + ".log");
        String from = "file://con";
        String cmd = "(sleep 1; cat '" + input + "') | " + Peers.tool("srt-live-transmit") + " -chunk 1316 '"
                + (url.contains("mode=listener") ? from + "' '" + url : from + "' '" + url) + "'";
        return new ProcessBuilder("bash", "-c", cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private Process ffmpeg(String to) throws IOException {
        log = dir.resolve("ffmpeg-" + System.nanoTime() + ".log");
        return new ProcessBuilder(
                        Peers.tool("ffmpeg"),
                        "-v",
                        "error",
                        "-re",
                        "-i",
                        Fixtures.media(FIXTURE).toString(),
                        "-c",
                        "copy",
                        "-f",
                        "mpegts",
                        to)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void assertSameBytes(Capture c) {
        assertThat(c.bytes.toByteArray()).as("bytes: %s", c).isEqualTo(padded());
    }

    private static void assertMatchesInput(List<MediaPacket> got, String context) throws Exception {
        List<Ffprobe.Packet> want = Ffprobe.packets(Fixtures.media(FIXTURE));
        assertThat(got).as("packets: %s", context).hasSize(want.size());
        double wantBase = want.stream()
                .filter(p -> p.type().equals("video"))
                .findFirst()
                .orElseThrow()
                .dtsMs();
        double gotBase = got.stream()
                        .filter(m -> m.track() == 0)
                        .findFirst()
                        .orElseThrow()
                        .dtsUs()
                / 1000.0;
        for (int stream = 0; stream < 2; stream++) {
            int s = stream;
            List<Ffprobe.Packet> w = want.stream().filter(p -> p.stream() == s).toList();
            List<MediaPacket> g = got.stream().filter(p -> p.track() == s).toList();
            assertThat(g).as("stream %d", s).hasSize(w.size());
            for (int i = 0; i < w.size(); i++) {
                assertThat(g.get(i).dtsUs() / 1000.0 - gotBase)
                        .as("stream %d packet %d dts", s, i)
                        .isCloseTo(w.get(i).dtsMs() - wantBase, Offset.offset(1.0));
                assertThat(g.get(i).ptsUs() / 1000.0 - gotBase)
                        .as("stream %d packet %d pts", s, i)
                        .isCloseTo(w.get(i).ptsMs() - wantBase, Offset.offset(1.0));
                assertThat(g.get(i).key())
                        .as("stream %d packet %d key", s, i)
                        .isEqualTo(w.get(i).key());
            }
        }
    }
}
