package dev.liveloom.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty POST transport against the JDK's own HTTP server as an independent peer. */
class NettyWebhookTransportTest {
    private NioEventLoopGroup group;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private NettyWebhookTransport transport;

    @BeforeEach
    void setUp() throws IOException {
        group = new NioEventLoopGroup(1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " "
                    + ex.getRequestHeaders().getFirst("webhook-id") + " " + new String(body, StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            requests.add("moved");
            ex.getResponseHeaders().add("Location", "/ok");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        transport = new NettyWebhookTransport(group, Duration.ofMillis(500));
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsTheBodyAndHeadersAndReportsTheStatus() throws Exception {
        int status = transport
                .post(url("/ok?x=1"), Map.of("webhook-id", "msg_1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                .get(5, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(204);
        assertThat(requests).containsExactly("POST /ok?x=1 msg_1 {\"a\":1}");
    }

    @Test
    void neverFollowsRedirects() throws Exception {
        int status = transport.post(url("/moved"), Map.of(), new byte[0]).get(5, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(302);
        assertThat(requests).containsExactly("moved");
    }

    @Test
    void timesOut() {
        assertThatThrownBy(() ->
                        transport.post(url("/slow"), Map.of(), new byte[0]).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("webhook timed out");
    }

    @Test
    void reportsARefusedConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + port + "/x");
        assertThatThrownBy(() -> transport.post(dead, Map.of(), new byte[0]).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("connect to 127.0.0.1:" + port + " failed");
    }
}
