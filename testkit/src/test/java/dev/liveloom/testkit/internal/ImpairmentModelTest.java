package dev.liveloom.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.testkit.GilbertElliott;
import dev.liveloom.testkit.Impairments;
import dev.liveloom.testkit.internal.ImpairmentModel.Fate;
import dev.liveloom.testkit.internal.ImpairmentModel.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model in virtual time: every packet's fate from a given arrival time, no sockets. */
class ImpairmentModelTest {
    private static final long MS = 1_000_000;

    @Test
    void burstLossMatchesTheChain() {
        GilbertElliott ge = GilbertElliott.gilbert(0.01, 0.25);
        ImpairmentModel m =
                new ImpairmentModel(Impairments.builder().burstLoss(ge).build(), new Random(2026), true);
        int n = 200_000;
        int lost = 0;
        int bursts = 0;
        boolean inBurst = false;
        for (int i = 0; i < n; i++) {
            boolean drop = m.decide(i * MS, 100).fate() == Fate.DROP;
            if (drop) {
                lost++;
                if (!inBurst) {
                    bursts++;
                }
            }
            inBurst = drop;
        }
        double loss = lost / (double) n;
        double meanBurst = lost / (double) bursts;
        System.out.printf(
                "Gilbert p=0.01 r=0.25: loss %.4f (expected %.4f), mean burst %.2f (expected %.2f)%n",
                loss, ge.meanLoss(), meanBurst, 1 / 0.25);
        assertThat(loss).isBetween(ge.meanLoss() * 0.9, ge.meanLoss() * 1.1);
        assertThat(meanBurst).isBetween(4 * 0.9, 4 * 1.1);
    }

    @Test
    void uniformLossHasShortBursts() {
        ImpairmentModel m = new ImpairmentModel(Impairments.builder().drop(0.04).build(), new Random(1), true);
        int lost = 0;
        int bursts = 0;
        boolean inBurst = false;
        for (int i = 0; i < 100_000; i++) {
            boolean drop = m.decide(i * MS, 100).fate() == Fate.DROP;
            lost += drop ? 1 : 0;
            bursts += drop && !inBurst ? 1 : 0;
            inBurst = drop;
        }
        assertThat(lost / 100_000.0).isBetween(0.036, 0.044);
        assertThat(lost / (double) bursts).isLessThan(1.1);
    }

    @Test
    void sameSeedSameVerdicts() {
        Impairments imp = Impairments.builder()
                .drop(0.1)
                .burstLoss(new GilbertElliott(0.05, 0.3, 0.01, 0.8))
                .delay(Duration.ofMillis(20), Duration.ofMillis(5))
                .reorder(0.05, Duration.ofMillis(10))
                .duplicate(0.05)
                .bandwidth(1_000_000)
                .build();
        assertThat(verdicts(imp, 99)).isEqualTo(verdicts(imp, 99)).isNotEqualTo(verdicts(imp, 100));
    }

    private static List<Verdict> verdicts(Impairments imp, long seed) {
        ImpairmentModel m = new ImpairmentModel(imp, new Random(seed), true);
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            out.add(m.decide(i * MS / 2, 1200));
        }
        return out;
    }

    @Test
    void bandwidthSpacesPacketsBySize() {
        ImpairmentModel m =
                new ImpairmentModel(Impairments.builder().bandwidth(100_000).build(), new Random(0), true);
        // 50 packets of 1000 bytes at once: 10 ms each on a 100 kB/s link
        for (int i = 0; i < 50; i++) {
            assertThat(m.decide(0, 1000).releaseNanos()).isEqualTo((i + 1) * 10 * MS);
        }
        assertThat(m.backlogBytes(0)).isEqualTo(50_000);
        assertThat(m.backlogBytes(250 * MS)).isEqualTo(25_000);
        // an idle link sends at once again
        assertThat(m.decide(2000 * MS, 500).releaseNanos()).isEqualTo(2005 * MS);
    }

    @Test
    void fullQueueOverflowsDatagramsButNotStreams() {
        Impairments imp =
                Impairments.builder().bandwidth(100_000).queueLimit(5000).build();
        ImpairmentModel udp = new ImpairmentModel(imp, new Random(0), true);
        ImpairmentModel tcp = new ImpairmentModel(imp, new Random(0), false);
        int overflowed = 0;
        for (int i = 0; i < 10; i++) {
            overflowed += udp.decide(0, 1000).fate() == Fate.OVERFLOW ? 1 : 0;
            assertThat(tcp.decide(0, 1000).fate()).isEqualTo(Fate.FORWARD);
        }
        assertThat(overflowed).isEqualTo(5);
        assertThat(tcp.backlogBytes(0)).isEqualTo(10_000);
    }

    @Test
    void jitterStaysInItsWindowAndKeepsOrder() {
        ImpairmentModel m = new ImpairmentModel(
                Impairments.builder()
                        .delay(Duration.ofMillis(40), Duration.ofMillis(10))
                        .build(),
                new Random(5),
                true);
        long last = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long now = i * 20 * MS;
            long d = m.decide(now, 100).releaseNanos() - now;
            min = Math.min(min, d);
            max = Math.max(max, d);
            assertThat(now + d).isGreaterThanOrEqualTo(last);
            last = now + d;
        }
        // packets 20 ms apart never meet the order floor, so the window shows whole
        assertThat(min).isBetween(30 * MS, 31 * MS);
        assertThat(max).isBetween(49 * MS, 50 * MS);
    }

    @Test
    void reorderedPacketsAreHeldPastTheirSuccessors() {
        ImpairmentModel m = new ImpairmentModel(
                Impairments.builder().reorder(0.2, Duration.ofMillis(5)).build(), new Random(8), true);
        int held = 0;
        for (int i = 0; i < 1000; i++) {
            Verdict v = m.decide(i * MS, 100);
            if (v.reordered()) {
                held++;
                assertThat(v.releaseNanos()).isEqualTo(i * MS + 5 * MS);
            } else {
                assertThat(v.releaseNanos()).isEqualTo(i * MS);
            }
        }
        assertThat(held).isBetween(170, 230);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> Impairments.builder().drop(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drop must be in [0, 1]: 1.5");
        assertThatThrownBy(() -> GilbertElliott.gilbert(0.1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BAD would never end");
        assertThatThrownBy(() -> Impairments.builder().delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
