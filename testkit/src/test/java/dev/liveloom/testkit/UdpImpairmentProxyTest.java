package dev.liveloom.testkit;

import static dev.liveloom.testkit.UdpPeer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.testing.NettyLeaks;
import dev.liveloom.testkit.UdpPeer.Arrival;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Measures the UDP proxy over loopback: loss, seeds, delay, reorder, duplicates, rate, stalls. */
class UdpImpairmentProxyTest {

    @org.junit.jupiter.api.BeforeAll
    static void watchLeaks() {
        NettyLeaks.install();
    }

    @org.junit.jupiter.api.AfterAll
    static void noLeaks() throws InterruptedException {
        NettyLeaks.assertNone();
    }

    /** Sends {@code n} datagrams through the proxy, {@code batch} at a time, each batch once the proxy has it. */
    private static void sendAll(UdpPeer client, UdpImpairmentProxy proxy, int n, int size, int batch) throws Exception {
        for (int i = 0; i < n; i++) {
            client.send(proxy.address(), i, size);
            if ((i + 1) % batch == 0) {
                int sent = i + 1;
                assertThat(await(() -> proxy.stats(Direction.CLIENT_TO_SERVER).received() >= sent, 5000))
                        .as("proxy received %d", sent)
                        .isTrue();
            }
        }
    }

    private static TreeSet<Long> received(Impairments imp, long seed, int n) throws Exception {
        try (UdpPeer server = new UdpPeer(false);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .seed(seed)
                        .clientToServer(imp)
                        .build())) {
            sendAll(client, proxy, n, 64, 200);
            assertThat(await(
                            () -> server.count()
                                            >= proxy.stats(Direction.CLIENT_TO_SERVER)
                                                    .forwarded()
                                    && proxy.stats(Direction.CLIENT_TO_SERVER).received() == n,
                            5000))
                    .isTrue();
            LaneStats s = proxy.stats(Direction.CLIENT_TO_SERVER);
            assertThat(s.forwarded() + s.dropped()).isEqualTo(n);
            assertThat((long) server.count()).isEqualTo(s.forwarded());
            TreeSet<Long> seqs = new TreeSet<>();
            server.arrivals().forEach(a -> seqs.add(a.seq()));
            return seqs;
        }
    }

    @Test
    void tenPercentDropOfTenThousandDatagrams() throws Exception {
        TreeSet<Long> got = received(Impairments.builder().drop(0.10).build(), 42, 10_000);
        int dropped = 10_000 - got.size();
        System.out.printf("drop 10%% of 10000 with seed 42: %d dropped (%.2f %%)%n", dropped, dropped / 100.0);
        // binomial sd is 30 datagrams; 3.3 sd either way
        assertThat(dropped).isBetween(900, 1100);
    }

    @Test
    void sameSeedSamePatternOtherSeedOtherPattern() throws Exception {
        Impairments imp = Impairments.builder()
                .drop(0.05)
                .burstLoss(GilbertElliott.gilbert(0.02, 0.3))
                .build();
        TreeSet<Long> a = received(imp, 7, 2000);
        TreeSet<Long> b = received(imp, 7, 2000);
        TreeSet<Long> c = received(imp, 8, 2000);
        assertThat(a.size()).isLessThan(2000);
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void delayAndJitterAreApplied() throws Exception {
        try (UdpPeer server = new UdpPeer(false);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .seed(3)
                        .clientToServer(Impairments.builder()
                                .delay(Duration.ofMillis(50), Duration.ofMillis(10))
                                .build())
                        .build())) {
            int n = 200;
            for (int i = 0; i < n; i++) {
                client.send(proxy.address(), i, 100);
                Thread.sleep(2);
            }
            assertThat(await(() -> server.count() == n, 5000)).isTrue();
            List<Arrival> arrivals = server.arrivals();
            long min = Long.MAX_VALUE;
            long max = 0;
            double sum = 0;
            long[] delays = new long[arrivals.size()];
            int k = 0;
            for (Arrival a : arrivals) {
                long us = (a.arrivedNanos() - a.sentNanos()) / 1000;
                min = Math.min(min, us);
                max = Math.max(max, us);
                sum += us;
                delays[k++] = us;
            }
            java.util.Arrays.sort(delays);
            long p90 = delays[delays.length * 9 / 10];
            double mean = sum / n / 1000;
            System.out.printf(
                    "delay 50±10 ms: min %.1f ms, mean %.1f ms, p90 %.1f ms, max %.1f ms%n",
                    min / 1000.0, mean, p90 / 1000.0, max / 1000.0);
            assertThat(min).isGreaterThanOrEqualTo(40_000);
            // the 90th percentile: one datagram held up by a busy machine does not fail the test
            assertThat(p90).isLessThan(75_000);
            // a datagram never overtakes the one before it, which lifts the mean above 50 ms a little
            assertThat(mean).isBetween(48.0, 58.0);
            // jitter really spreads the delays
            assertThat(max - min).isGreaterThan(12_000);
            // jitter alone keeps the order
            for (int i = 0; i < n; i++) {
                assertThat(arrivals.get(i).seq()).isEqualTo(i);
            }
        }
    }

    @Test
    void reorderAndDuplicateHappenAndAreCounted() throws Exception {
        try (UdpPeer server = new UdpPeer(false);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .seed(11)
                        .clientToServer(Impairments.builder()
                                .reorder(0.05, Duration.ofMillis(15))
                                .duplicate(0.03)
                                .build())
                        .build())) {
            int n = 1000;
            for (int i = 0; i < n; i++) {
                client.send(proxy.address(), i, 100);
                if (i % 2 == 1) {
                    Thread.sleep(1);
                }
            }
            LaneStats s0 = proxy.stats(Direction.CLIENT_TO_SERVER);
            assertThat(await(
                            () -> server.count()
                                            == proxy.stats(Direction.CLIENT_TO_SERVER)
                                                    .forwarded()
                                    && proxy.stats(Direction.CLIENT_TO_SERVER).queued() == 0
                                    && proxy.stats(Direction.CLIENT_TO_SERVER).received() == n,
                            5000))
                    .as("everything arrived: %s", s0)
                    .isTrue();
            LaneStats s = proxy.stats(Direction.CLIENT_TO_SERVER);
            List<Arrival> arrivals = server.arrivals();
            Map<Long, Integer> copies = new HashMap<>();
            int inversions = 0;
            long highest = -1;
            for (Arrival a : arrivals) {
                if (copies.merge(a.seq(), 1, Integer::sum) == 1 && a.seq() < highest) {
                    inversions++;
                }
                highest = Math.max(highest, a.seq());
            }
            long dupes = copies.values().stream().filter(c -> c == 2).count();
            System.out.printf(
                    "reorder 5%% / duplicate 3%% of %d: %d held back, %d arrived late, %d duplicated%n",
                    n, s.reordered(), inversions, dupes);
            assertThat(copies).hasSize(n);
            assertThat(dupes).isEqualTo(s.duplicated()).isBetween(10L, 55L);
            assertThat(s.reordered()).isBetween(25L, 80L);
            // a held datagram arrives after later ones unless nothing came in its 15 ms hold
            assertThat(inversions).isGreaterThan((int) (s.reordered() / 2)).isLessThanOrEqualTo((int) s.reordered());
        }
    }

    @Test
    void bandwidthCapHoldsTheRate() throws Exception {
        long rate = 250_000;
        try (UdpPeer server = new UdpPeer(false);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .clientToServer(Impairments.builder().bandwidth(rate).build())
                        .build())) {
            int n = 500;
            // offered at about 1 MB/s, four times the cap
            for (int i = 0; i < n; i++) {
                client.send(proxy.address(), i, 1000);
                if (i % 2 == 1) {
                    Thread.sleep(1);
                }
            }
            assertThat(await(() -> server.count() == n, 10_000)).isTrue();
            List<Arrival> a = server.arrivals();
            a.sort(Comparator.comparingLong(Arrival::arrivedNanos));
            double seconds = (a.get(n - 1).arrivedNanos() - a.get(0).arrivedNanos()) / 1e9;
            double measured = (n - 1) * 1000 / seconds;
            System.out.printf(
                    "bandwidth cap %d B/s: measured %.0f B/s (%+.2f %%)%n",
                    rate, measured, (measured / rate - 1) * 100);
            assertThat(measured).isBetween(rate * 0.9, rate * 1.1);
            assertThat(proxy.stats(Direction.CLIENT_TO_SERVER).overflowed()).isZero();
        }
    }

    @Test
    void fullBandwidthQueueDropsTheExcess() throws Exception {
        try (UdpPeer server = new UdpPeer(false);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .clientToServer(Impairments.builder()
                                .bandwidth(100_000)
                                .queueLimit(20_000)
                                .build())
                        .build())) {
            sendAll(client, proxy, 200, 1000, 50);
            assertThat(await(() -> proxy.stats(Direction.CLIENT_TO_SERVER).queued() == 0, 5000))
                    .isTrue();
            LaneStats s = proxy.stats(Direction.CLIENT_TO_SERVER);
            assertThat(s.overflowed()).isPositive();
            assertThat(s.forwarded() + s.overflowed()).isEqualTo(200);
            assertThat(await(() -> server.count() == s.forwarded(), 2000)).isTrue();
        }
    }

    @Test
    void stallOnDemandHoldsTrafficThenReleasesIt() throws Exception {
        try (UdpPeer server = new UdpPeer(false);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(
                        ProxyConfig.builder(server.address()).build())) {
            long stallStart = 0;
            int n = 300;
            for (int i = 0; i < n; i++) {
                if (i == 100) {
                    stallStart = System.nanoTime();
                    proxy.stall(Direction.CLIENT_TO_SERVER, Duration.ofMillis(400));
                }
                client.send(proxy.address(), i, 200);
                Thread.sleep(2);
            }
            assertThat(await(() -> server.count() == n, 5000)).isTrue();
            checkStall(server.arrivals(), stallStart, 400, 100);
        }
    }

    @Test
    void scheduledStallHoldsTrafficThenReleasesIt() throws Exception {
        try (UdpPeer server = new UdpPeer(false);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .clientToServer(Impairments.builder()
                                .stall(Duration.ofMillis(300), Duration.ofMillis(300))
                                .build())
                        .build())) {
            long started = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - started < 900_000_000L) {
                client.send(proxy.address(), n++, 200);
                Thread.sleep(2);
            }
            int sent = n;
            assertThat(await(() -> server.count() == sent, 5000)).isTrue();
            List<Arrival> a = server.arrivals();
            // the largest gap between arrivals is the stall
            long gap = 0;
            int after = 0;
            for (int i = 1; i < a.size(); i++) {
                long g = a.get(i).arrivedNanos() - a.get(i - 1).arrivedNanos();
                if (g > gap) {
                    gap = g;
                    after = i;
                }
            }
            System.out.printf(
                    "scheduled stall of 300 ms: longest silence %.1f ms, then %d held datagrams%n",
                    gap / 1e6, countSentBefore(a, after, a.get(after).arrivedNanos() - 1_000_000));
            assertThat(gap / 1_000_000).isBetween(270L, 360L);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).seq()).isEqualTo(i);
            }
        }
    }

    private static int countSentBefore(List<Arrival> a, int from, long nanos) {
        int held = 0;
        for (int i = from; i < a.size() && a.get(i).sentNanos() < nanos; i++) {
            held++;
        }
        return held;
    }

    /** Nothing arrives during the stall; what was sent during it arrives right after, in order. */
    private static void checkStall(List<Arrival> arrivals, long stallStart, long millis, int firstHeld) {
        long end = stallStart + millis * 1_000_000;
        List<Long> during = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (a.arrivedNanos() > stallStart + 3_000_000 && a.arrivedNanos() < end - 3_000_000) {
                during.add(a.seq());
            }
        }
        assertThat(during).as("arrived while stalled").isEmpty();
        Arrival firstAfter = arrivals.get(firstHeld);
        assertThat(firstAfter.seq()).isEqualTo(firstHeld);
        long waited = (firstAfter.arrivedNanos() - firstAfter.sentNanos()) / 1_000_000;
        System.out.printf("stall of %d ms: first held datagram waited %d ms%n", millis, waited);
        assertThat(firstAfter.arrivedNanos()).isBetween(end - 3_000_000, end + 30_000_000);
        for (int i = 0; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i).seq()).isEqualTo(i);
        }
    }

    @Test
    void answersGoBackToTheClientImpairedByTheirOwnDirection() throws Exception {
        try (UdpPeer server = new UdpPeer(true);
                UdpPeer client = new UdpPeer(false);
                UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                        .seed(5)
                        .serverToClient(Impairments.builder().drop(0.5).build())
                        .build())) {
            sendAll(client, proxy, 400, 100, 100);
            assertThat(await(() -> proxy.stats(Direction.SERVER_TO_CLIENT).received() == 400, 5000))
                    .isTrue();
            LaneStats back = proxy.stats(Direction.SERVER_TO_CLIENT);
            assertThat(proxy.stats(Direction.CLIENT_TO_SERVER).dropped()).isZero();
            assertThat(server.count()).isEqualTo(400);
            assertThat(back.dropped()).isBetween(160L, 240L);
            assertThat(await(() -> client.count() == back.forwarded(), 2000)).isTrue();
            assertThat(proxy.client()).isEqualTo(client.address());
        }
    }

    @Test
    void closingTwiceIsFine() throws Exception {
        try (UdpPeer server = new UdpPeer(false)) {
            UdpImpairmentProxy proxy = UdpImpairmentProxy.start(ProxyConfig.builder(server.address())
                    .clientToServer(
                            Impairments.builder().delay(Duration.ofSeconds(5)).build())
                    .build());
            try (UdpPeer client = new UdpPeer(false)) {
                client.send(proxy.address(), 0, 100);
                assertThat(await(() -> proxy.stats(Direction.CLIENT_TO_SERVER).queued() == 1, 2000))
                        .isTrue();
            }
            proxy.close();
            proxy.close();
            assertThat(proxy.stats(Direction.CLIENT_TO_SERVER).queued()).isZero();
            assertThat(server.count()).isZero();
        }
    }
}
