package dev.liveloom.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    /** Sends 40 ms frames as soon as the pacer allows, in virtual time; returns send times. */
    private static long[] sendTimes(Pacer pacer, int frames, long stallAtFrame, long stallUs) {
        long now = 0;
        long[] sent = new long[frames];
        for (int i = 0; i < frames; i++) {
            long dts = i * 40_000L;
            if (i == stallAtFrame) {
                now += stallUs;
                pacer.inputStalled(stallUs, dts, now);
            }
            now += pacer.delayUs(dts, now);
            sent[i] = now;
        }
        return sent;
    }

    @Test
    void startBurstIsBoundedByTheLeadThenRealTime() {
        long[] sent = sendTimes(new Pacer(1_000_000, 1_000_000), 250, -1, 0);
        // the first second of media (26 frames: 0..1000 ms) leaves at once
        assertThat(sent[25]).isZero();
        assertThat(sent[26]).isEqualTo(40_000);
        // afterwards exactly real time, one second ahead
        assertThat(sent[249]).isEqualTo(249 * 40_000L - 1_000_000);
        for (int i = 1; i < 250; i++) {
            long media = i * 40_000L;
            assertThat(media - sent[i]).as("lead at %d", i).isBetween(0L, 1_000_000L);
        }
    }

    @Test
    void noLeadMeansStrictRealTime() {
        long[] sent = sendTimes(new Pacer(0, 1_000_000), 10, -1, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(sent[i]).isEqualTo(i * 40_000L);
        }
    }

    @Test
    void stalledInputReanchorsInsteadOfBursting() {
        Pacer pacer = new Pacer(1_000_000, 1_000_000);
        long[] sent = sendTimes(pacer, 200, 100, 5_000_000);
        assertThat(pacer.reanchors()).isEqualTo(1);
        // after the stall the lead refills once (at most one second ahead), then real time again
        assertThat(sent[199] - sent[100]).isEqualTo(99 * 40_000L - 1_000_000);
        for (int i = 101; i < 200; i++) {
            long mediaSinceStall = (i - 100) * 40_000L;
            assertThat(mediaSinceStall - (sent[i] - sent[100])).isBetween(0L, 1_000_000L);
        }
    }

    @Test
    void aShortStallIsAbsorbedByTheLead() {
        Pacer pacer = new Pacer(1_000_000, 1_000_000);
        long[] sent = sendTimes(pacer, 200, 100, 500_000);
        assertThat(pacer.reanchors()).isZero();
        assertThat(sent[199]).isEqualTo(199 * 40_000L - 1_000_000);
    }

    @Test
    void latenessNotReportedAsAStallIsKept() {
        Pacer pacer = new Pacer(1_000_000, 1_000_000);
        long[] sent = sendTimes(pacer, 100, -1, 0);
        long now = sent[99] + 5_000_000; // a slow ingest held frame 100 for five seconds
        assertThat(pacer.delayUs(100 * 40_000L, now)).isZero();
        assertThat(pacer.leadUs(100 * 40_000L, now)).isEqualTo(-(5_000_000 - 1_000_000 - 40_000));
        assertThat(pacer.reanchors()).isZero();
    }

    @Test
    void rejectsNegativeBounds() {
        assertThatThrownBy(() -> new Pacer(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
