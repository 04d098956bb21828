package dev.liveloom.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.webhook.NettyWebhookTransport;
import dev.liveloom.core.webhook.WebhookSender;
import dev.liveloom.core.webhook.WebhookSigner;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Relay events reach a real HTTP receiver as signed Standard Webhooks with the Alibaba fields. */
class RelayWebhooksTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    record Received(String id, long ts, String signature, String body) {}

    @Test
    void everyEventIsPostedSignedToTheCallbackUrl() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LinkedBlockingQueue<Received> got = new LinkedBlockingQueue<>();
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            got.add(new Received(
                    ex.getRequestHeaders().getFirst("webhook-id"),
                    Long.parseLong(ex.getRequestHeaders().getFirst("webhook-timestamp")),
                    ex.getRequestHeaders().getFirst("webhook-signature"),
                    body));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        EventLoopScheduler scheduler = new EventLoopScheduler(group.next());
        WebhookSender sender = WebhookSender.builder()
                .transport(new NettyWebhookTransport(group, Duration.ofSeconds(2)))
                .scheduler(scheduler)
                .secret(SECRET)
                .build();
        RelayServiceTest.FakeEngine engine = new RelayServiceTest.FakeEngine();
        try (RelayService service = RelayService.builder()
                .scheduler(scheduler)
                .engine(engine)
                .webhooks(sender)
                .build()) {
            String id = service.create(RelayTaskSpec.builder()
                    .name("hooked")
                    .callbackUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")
                    .sources(SourceType.VIDEO_URL, List.of("http://v.example/a.mp4?auth_key=s3cret"))
                    .destinationUrl("rtmp://i.example/live/s")
                    .build());
            engine.last().itemSkipped(0, "http://v.example/a.mp4?auth_key=s3cret", "HTTP 404 Not Found");
            service.stop(id);
            WebhookSigner verifier = new WebhookSigner(SECRET);
            java.util.Map<String, Received> byType = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++) {
                Received r = got.poll(5, TimeUnit.SECONDS);
                assertThat(r).as("webhook %d", i).isNotNull();
                byType.put(r.body().replaceAll(".*\"type\":\"relay\\.([a-z_]+)\".*", "$1"), r);
            }
            Received started = byType.get("task_started");
            Received skipped = byType.get("item_skipped");
            Received stopped = byType.get("task_stopped");
            assertThat(byType).containsOnlyKeys("task_started", "item_skipped", "task_stopped");
            for (Received r : List.of(started, skipped, stopped)) {
                assertThat(verifier.verify(r.id(), r.ts(), r.body().getBytes(StandardCharsets.UTF_8), r.signature()))
                        .as("signature of %s", r.body())
                        .isTrue();
                assertThat(r.body()).contains("\"TaskId\":\"" + id + "\"").contains("\"EventTime\":\"");
            }
            assertThat(started.body())
                    .contains("\"type\":\"relay.task_started\"")
                    .contains("\"TaskStatus\":\"Running\"");
            assertThat(skipped.body())
                    .contains("\"itemUrl\":\"http://v.example/a.mp4?auth_key=***\"")
                    .doesNotContain("s3cret");
            assertThat(stopped.body())
                    .contains("\"TaskStatus\":\"Stopped\"")
                    .contains("\"stopReason\":\"USER\"")
                    .contains("\"TaskInvalidReason\":\"\"");
        } finally {
            server.stop(0);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
