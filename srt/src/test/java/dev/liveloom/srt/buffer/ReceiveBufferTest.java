package dev.liveloom.srt.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.srt.packet.Nak;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receive window, loss list, TSBPD release and too-late drop, with times passed in. */
class ReceiveBufferTest {
    private final List<String> out = new ArrayList<>();
    private final ReceiveBuffer.Sink sink = new ReceiveBuffer.Sink() {
        @Override
        public void deliver(int sequence, byte[] payload) {
            out.add(sequence + ":" + payload[0]);
        }

        @Override
        public void dropped(int firstSequence, int count) {
            out.add("drop " + firstSequence + "+" + count);
        }
    };

    private static byte[] p(int v) {
        return new byte[] {(byte) v};
    }

    @Test
    void inOrderPacketsLeaveAtTheirTime() {
        ReceiveBuffer b = new ReceiveBuffer(16, 100);
        assertThat(b.insert(100, 1000, p(0))).isEqualTo(ReceiveBuffer.Insert.ADDED);
        assertThat(b.insert(101, 2000, p(1))).isEqualTo(ReceiveBuffer.Insert.ADDED);
        assertThat(b.ackSequence()).isEqualTo(102);
        assertThat(b.available()).isEqualTo(14);
        assertThat(b.release(999, sink)).isZero();
        assertThat(b.nextDeliveryTime()).isEqualTo(1000);
        assertThat(b.release(1500, sink)).isEqualTo(1);
        assertThat(b.release(2000, sink)).isEqualTo(1);
        assertThat(out).containsExactly("100:0", "101:1");
        assertThat(b.headSequence()).isEqualTo(102);
        assertThat(b.nextDeliveryTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aHoleIsALossUntilFilled() {
        ReceiveBuffer b = new ReceiveBuffer(16, 0);
        b.insert(0, 10, p(0));
        b.insert(1, 20, p(1));
        b.insert(4, 50, p(4));
        b.insert(6, 70, p(6));
        assertThat(b.expectedSequence()).isEqualTo(7);
        assertThat(b.ackSequence()).isEqualTo(2);
        assertThat(b.losses(100)).containsExactly(new Nak.Range(2, 3), new Nak.Range(5, 5));
        assertThat(b.lossCount()).isEqualTo(3);
        assertThat(b.losses(2)).containsExactly(new Nak.Range(2, 3));
        b.release(25, sink);
        assertThat(out).containsExactly("0:0", "1:1");
        assertThat(b.insert(3, 40, p(3))).isEqualTo(ReceiveBuffer.Insert.FILLED);
        assertThat(b.insert(2, 30, p(2))).isEqualTo(ReceiveBuffer.Insert.FILLED);
        assertThat(b.insert(2, 30, p(2))).isEqualTo(ReceiveBuffer.Insert.DUPLICATE);
        assertThat(b.ackSequence()).isEqualTo(5);
        b.release(1000, sink);
        assertThat(out).containsExactly("0:0", "1:1", "2:2", "3:3", "4:4", "drop 5+1", "6:6");
        assertThat(b.insert(5, 60, p(5))).isEqualTo(ReceiveBuffer.Insert.BELATED);
    }

    @Test
    void tooLateDropWaitsForTheNextPacketsTime() {
        ReceiveBuffer b = new ReceiveBuffer(16, 0);
        b.insert(0, 100, p(0));
        b.insert(3, 400, p(3));
        b.release(100, sink);
        assertThat(out).containsExactly("0:0");
        // 1 and 2 missing: kept while 3 is not due
        b.release(399, sink);
        assertThat(out).containsExactly("0:0");
        assertThat(b.nextDeliveryTime()).isEqualTo(400);
        b.release(400, sink);
        assertThat(out).containsExactly("0:0", "drop 1+2", "3:3");
        assertThat(b.ackSequence()).isEqualTo(4);
    }

    @Test
    void windowBoundsWhatAPeerCanClaim() {
        ReceiveBuffer b = new ReceiveBuffer(8, 0);
        assertThat(b.insert(8, 0, p(8))).isEqualTo(ReceiveBuffer.Insert.OUT_OF_WINDOW);
        assertThat(b.insert(0x7FFFFFF0, 0, p(1))).isEqualTo(ReceiveBuffer.Insert.BELATED);
        assertThat(b.insert(7, 0, p(7))).isEqualTo(ReceiveBuffer.Insert.ADDED);
        assertThat(b.available()).isZero();
        assertThatThrownBy(() -> new ReceiveBuffer(1 << 17, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity 131072, allowed 2..65536");
    }

    @Test
    void sequenceNumbersWrap() {
        int start = SeqNumbers.MAX - 1;
        ReceiveBuffer b = new ReceiveBuffer(8, start);
        b.insert(start, 1, p(1));
        b.insert(1, 4, p(4)); // MAX and 0 missing
        assertThat(b.losses(10)).containsExactly(new Nak.Range(SeqNumbers.MAX, 0));
        assertThat(b.expectedSequence()).isEqualTo(2);
        b.insert(SeqNumbers.MAX, 2, p(2));
        b.insert(0, 3, p(3));
        b.release(10, sink);
        assertThat(out).containsExactly(start + ":1", SeqNumbers.MAX + ":2", "0:3", "1:4");
        assertThat(SeqNumbers.offset(SeqNumbers.MAX, 0)).isEqualTo(1);
        assertThat(SeqNumbers.offset(0, SeqNumbers.MAX)).isEqualTo(-1);
        assertThat(SeqNumbers.add(SeqNumbers.MAX, 2)).isEqualTo(1);
    }

    @Test
    void abandonedPacketsAreNotLossesAndAreSkipped() {
        ReceiveBuffer b = new ReceiveBuffer(16, 0);
        b.insert(0, 10, p(0));
        b.insert(5, 60, p(5));
        b.abandon(1, 3);
        assertThat(b.losses(10)).containsExactly(new Nak.Range(4, 4));
        assertThat(b.insert(2, 30, p(2))).isEqualTo(ReceiveBuffer.Insert.BELATED);
        b.abandon(6, 7);
        assertThat(b.expectedSequence()).isEqualTo(8);
        b.release(100, sink);
        assertThat(out).containsExactly("0:0", "drop 1+3", "drop 4+1", "5:5", "drop 6+2");
    }

    @Test
    void flushDeliversEverythingHeld() {
        ReceiveBuffer b = new ReceiveBuffer(16, 0);
        b.insert(0, 1000, p(0));
        b.insert(2, 3000, p(2));
        b.flush(sink);
        assertThat(out).containsExactly("0:0", "drop 1+1", "2:2");
        assertThat(b.expectedSequence()).isEqualTo(3);
    }

    @Test
    void tsbpdBaseLatencyAndWrap() {
        Tsbpd t = new Tsbpd(120_000);
        assertThat(t.deliveryTime(1_000, 50_000)).isEqualTo(50_000 + 120_000);
        assertThat(t.deliveryTime(21_000, 90_000)).isEqualTo(70_000 + 120_000);
        Tsbpd w = new Tsbpd(0);
        assertThat(w.unwrap(0xFFFF_FF00)).isEqualTo(0xFFFF_FF00L);
        assertThat(w.unwrap(0x0000_0100)).isEqualTo(0x1_0000_0100L);
        // a late packet from before the wrap
        assertThat(w.unwrap(0xFFFF_FF80)).isEqualTo(0xFFFF_FF80L);
        assertThat(w.unwrap(0x0000_0200)).isEqualTo(0x1_0000_0200L);
    }

    @Test
    void tsbpdFollowsAFastAndASlowSenderClock() {
        for (double ppm : new double[] {100, -100}) {
            Tsbpd t = new Tsbpd(120_000);
            long worst = 0;
            // 2 hours of 1000 packets/s; the sender's clock runs ppm off ours; transit 2 ms plus jitter
            java.util.Random jitter = new java.util.Random(1);
            for (long n = 0; n < 7_200_000; n++) {
                long sentUs = n * 1000;
                int ts = (int) (sentUs + (long) (sentUs * ppm / 1e6));
                long arrival = 5_000_000 + sentUs + 2000 + jitter.nextInt(3000);
                long due = t.deliveryTime(ts, arrival);
                if (n > 1000) {
                    worst = Math.max(worst, Math.abs(due - (5_000_000 + sentUs + 2000 + 120_000)));
                }
            }
            // uncorrected, 100 ppm over 2 hours is 720 ms
            assertThat(worst).as("%s ppm", ppm).isLessThan(10_000);
            assertThat(t.driftCorrections()).isGreaterThan(50);
        }
    }
}
