package dev.liveloom.srt;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.srt.session.SrtStats;
import dev.liveloom.ts.TsListener;
import dev.liveloom.ts.TsPushSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives an SRT stream for a while and discards it (with {@code --demux}, also demuxes the
 * MPEG-TS as a relay would), then prints the received rate and the connection's statistics. The
 * side-by-side script {@code benchmarks/scripts/srt-vs-slt.sh} measures its CPU from outside.
 *
 * <p>Usage: {@code SrtReceive URL SECONDS [--demux]}
 */
public final class SrtReceive {
    private SrtReceive() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = Integer.parseInt(args[1]);
        boolean demux = args.length > 2 && args[2].equals("--demux");
        AtomicLong bytes = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(1);
        TsPushSource ts = new TsPushSource("bench", TsListener.NONE, () -> {});
        try (LiveloomRuntime rt = LiveloomRuntime.builder()
                        .eventLoopThreads(1)
                        .workerThreads(1)
                        .build();
                SrtReceiver r = SrtReceiver.open(SrtUrl.parse(url), rt.eventLoopGroup(), new SrtReceiver.Listener() {
                    @Override
                    public void connected(String streamId) {
                        connected.countDown();
                    }

                    @Override
                    public void payload(byte[] payload) {
                        bytes.addAndGet(payload.length);
                        if (demux) {
                            ts.feed(ByteBuffer.wrap(payload));
                            try {
                                MediaPacket p;
                                while ((p = ts.read()) != null) {
                                    frames.incrementAndGet();
                                }
                            } catch (IOException e) {
                                System.err.println("demux: " + e.getMessage());
                            }
                        }
                    }

                    @Override
                    public void failed(IOException error) {
                        System.err.println("failed: " + error.getMessage());
                    }
                })) {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                System.err.println("no connection within 30 s");
                System.exit(1);
            }
            long b0 = bytes.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double secs = (System.nanoTime() - t0) / 1e9;
            double mbps = (bytes.get() - b0) * 8 / secs / 1e6;
            SrtStats s = r.stats();
            System.out.printf(
                    "liveloom: mbps=%.2f frames=%d received=%d lost=%d retransmitted=%d dropped=%d rttUs=%d%n",
                    mbps,
                    frames.get(),
                    s.packetsReceived(),
                    s.packetsLost(),
                    s.packetsRetransmitted(),
                    s.packetsDropped(),
                    s.rttUs());
        }
    }
}
