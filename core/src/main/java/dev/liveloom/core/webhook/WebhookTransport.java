package dev.liveloom.core.webhook;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one HTTP POST and reports the status code. Never follows redirects. Completes exceptionally
 * on connection errors and timeouts. The default is {@code NettyWebhookTransport}.
 */
public interface WebhookTransport {
    CompletableFuture<Integer> post(URI url, Map<String, String> headers, byte[] body);
}
