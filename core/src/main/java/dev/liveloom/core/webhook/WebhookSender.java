package dev.liveloom.core.webhook;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.runtime.Scheduler;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks the Standard Webhooks way: each message has a {@code webhook-id} kept across
 * retries, a fresh {@code webhook-timestamp} and {@code webhook-signature} per attempt, and is
 * retried on any non-2xx answer, connection error or timeout after each delay of the retry
 * schedule, then given up. At most {@code maxPending} messages wait at once; beyond that new ones
 * are dropped and counted, so a dead receiver never grows memory or blocks the caller. Redirects
 * are never followed (a 3xx is a failed attempt).
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** Delays before the 2nd, 3rd, ... attempt. */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10));

    /** Messages waiting or in flight at most: bounds memory when a receiver is down. */
    public static final int DEFAULT_MAX_PENDING = 1000;

    private final WebhookTransport transport;
    private final Scheduler scheduler;
    private final WebhookSigner signer;
    private final List<Duration> retryDelays;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private WebhookSender(Builder b) {
        this.transport = Objects.requireNonNull(b.transport, "transport");
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.signer = b.secret == null ? null : new WebhookSigner(b.secret);
        this.retryDelays = List.copyOf(b.retryDelays);
        this.maxPending = b.maxPending;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues one message for {@code url}. Returns at once.
     *
     * @return the message's webhook-id, or null when it was dropped (queue full or closed)
     */
    public String send(URI url, byte[] jsonBody) {
        if (closed || pending.incrementAndGet() > maxPending) {
            if (!closed) {
                pending.decrementAndGet();
            }
            dropped.incrementAndGet();
            log.warn(
                    "webhook to {} dropped: {}",
                    Redaction.url(url.toString()),
                    closed ? "sender closed" : maxPending + " messages already pending");
            return null;
        }
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        scheduler.execute(() -> attempt(url, id, jsonBody, 0));
        return id;
    }

    private void attempt(URI url, String id, byte[] body, int attempt) {
        if (closed) {
            pending.decrementAndGet();
            return;
        }
        long ts = scheduler.clock().currentTimeMillis() / 1000;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(ts));
        if (signer != null) {
            headers.put("webhook-signature", signer.sign(id, ts, body));
        }
        transport.post(url, headers, body).whenComplete((status, error) -> {
            if (error == null && status >= 200 && status < 300) {
                delivered.incrementAndGet();
                pending.decrementAndGet();
                return;
            }
            String why = error != null ? Redaction.text(String.valueOf(error.getMessage())) : "HTTP " + status;
            if (attempt >= retryDelays.size() || closed) {
                gaveUp.incrementAndGet();
                pending.decrementAndGet();
                log.warn(
                        "webhook {} to {} given up after {} attempts: {}",
                        id,
                        Redaction.url(url.toString()),
                        attempt + 1,
                        why);
                return;
            }
            Duration d = retryDelays.get(attempt);
            log.debug("webhook {} attempt {} failed ({}), retry in {}", id, attempt + 1, why, d);
            scheduler.schedule(() -> attempt(url, id, body, attempt + 1), d.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Messages answered with 2xx. */
    public long delivered() {
        return delivered.get();
    }

    /** Messages that failed every attempt. */
    public long gaveUp() {
        return gaveUp.get();
    }

    /** Messages refused because too many were pending or the sender was closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Messages waiting or in flight. */
    public int pending() {
        return pending.get();
    }

    /** Stops retrying; messages in flight finish, waiting ones are abandoned. Safe to call twice. */
    @Override
    public void close() {
        closed = true;
    }

    /** Builds a {@link WebhookSender}. */
    public static final class Builder {
        private WebhookTransport transport;
        private Scheduler scheduler;
        private String secret;
        private List<Duration> retryDelays = DEFAULT_RETRY_DELAYS;
        private int maxPending = DEFAULT_MAX_PENDING;

        private Builder() {}

        public Builder transport(WebhookTransport transport) {
            this.transport = transport;
            return this;
        }

        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The signing secret ({@code whsec_<base64>} or plain); without one, messages go unsigned. */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        public Builder retryDelays(List<Duration> delays) {
            this.retryDelays = delays;
            return this;
        }

        public Builder maxPending(int maxPending) {
            if (maxPending < 1) {
                throw new IllegalArgumentException("maxPending must be >= 1: " + maxPending);
            }
            this.maxPending = maxPending;
            return this;
        }

        public WebhookSender build() {
            return new WebhookSender(this);
        }
    }
}
