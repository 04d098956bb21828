package dev.liveloom.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.testing.VirtualScheduler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Retry schedule, signatures per attempt and the pending bound, in virtual time. */
class WebhookSenderTest {
    private static final URI URL = URI.create("http://hooks.example/x");
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    record Attempt(long atMillis, Map<String, String> headers) {}

    /** Answers each attempt from a script of status codes (0 = connection error, -1 = never answers). */
    static final class ScriptedTransport implements WebhookTransport {
        final VirtualScheduler clock;
        final List<Integer> script;
        final List<Attempt> attempts = new ArrayList<>();

        ScriptedTransport(VirtualScheduler clock, Integer... script) {
            this.clock = clock;
            this.script = List.of(script);
        }

        @Override
        public CompletableFuture<Integer> post(URI url, Map<String, String> headers, byte[] body) {
            int i = attempts.size();
            attempts.add(new Attempt(clock.currentTimeMillis(), Map.copyOf(headers)));
            int status = script.get(Math.min(i, script.size() - 1));
            if (status == -1) {
                return new CompletableFuture<>();
            }
            return status == 0
                    ? CompletableFuture.failedFuture(new IOException("connection refused"))
                    : CompletableFuture.completedFuture(status);
        }
    }

    @Test
    void retriesOnTheScheduleWithTheSameIdAndFreshSignedTimestamps() {
        VirtualScheduler clock = new VirtualScheduler();
        ScriptedTransport t = new ScriptedTransport(clock, 500, 0, 302, 200);
        WebhookSender s = WebhookSender.builder()
                .transport(t)
                .scheduler(clock)
                .secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .build();
        long start = clock.currentTimeMillis();
        String id = s.send(URL, BODY);
        clock.advance(Duration.ofMinutes(1));
        assertThat(t.attempts).extracting(a -> a.atMillis() - start).containsExactly(0L, 1000L, 6000L, 36000L);
        assertThat(t.attempts).allMatch(a -> a.headers().get("webhook-id").equals(id));
        WebhookSigner verifier = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        for (Attempt a : t.attempts) {
            long ts = Long.parseLong(a.headers().get("webhook-timestamp"));
            assertThat(ts).isEqualTo(a.atMillis() / 1000);
            assertThat(verifier.verify(id, ts, BODY, a.headers().get("webhook-signature")))
                    .isTrue();
        }
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.pending()).isZero();
    }

    @Test
    void givesUpAfterTheLastRetry() {
        VirtualScheduler clock = new VirtualScheduler();
        ScriptedTransport t = new ScriptedTransport(clock, 503);
        WebhookSender s = WebhookSender.builder().transport(t).scheduler(clock).build();
        s.send(URL, BODY);
        clock.advance(Duration.ofHours(1));
        assertThat(t.attempts).hasSize(1 + WebhookSender.DEFAULT_RETRY_DELAYS.size());
        assertThat(t.attempts.get(0).headers()).doesNotContainKey("webhook-signature");
        assertThat(s.gaveUp()).isEqualTo(1);
        assertThat(s.pending()).isZero();
    }

    @Test
    void aDeadReceiverNeverGrowsTheQueuePastItsBound() {
        VirtualScheduler clock = new VirtualScheduler();
        ScriptedTransport t = new ScriptedTransport(clock, -1);
        WebhookSender s = WebhookSender.builder()
                .transport(t)
                .scheduler(clock)
                .maxPending(10)
                .build();
        for (int i = 0; i < 25; i++) {
            s.send(URL, BODY);
        }
        clock.runPending();
        assertThat(s.pending()).isEqualTo(10);
        assertThat(s.dropped()).isEqualTo(15);
        assertThat(t.attempts).hasSize(10);
    }
}
