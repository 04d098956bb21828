package dev.liveloom.srt;

import dev.liveloom.srt.internal.netty.SrtEndpoint;
import dev.liveloom.srt.session.SrtSession;
import dev.liveloom.srt.session.SrtStats;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Receives one SRT live stream, as caller or listener per its {@link SrtUrl}, on a Netty event loop
 * of the given group; payloads reach the {@link Listener} in order at their delivery time.
 */
public final class SrtReceiver implements AutoCloseable {

    /** Called on the connection's event loop; must not block. */
    public interface Listener {
        /** The handshake completed; {@code streamId} is the one the caller sent (null when none). */
        default void connected(String streamId) {}

        /** One SRT payload (for MPEG-TS, up to 7 TS packets), in sequence order. */
        void payload(byte[] payload);

        /** The peer closed; everything it sent was delivered. */
        default void ended() {}

        /** The connection failed or could not be made; the message names the URL, passphrase redacted. */
        default void failed(IOException error) {}
    }

    private final SrtUrl url;
    private final SrtEndpoint endpoint;

    private SrtReceiver(SrtUrl url, SrtEndpoint endpoint) {
        this.url = url;
        this.endpoint = endpoint;
    }

    /**
     * Opens the socket (a listener binds {@code url}'s port, a caller starts its handshake). Resolves
     * the caller's host name on the calling thread.
     *
     * @throws IOException when the caller's host cannot be resolved
     */
    public static SrtReceiver open(SrtUrl url, EventLoopGroup group, Listener listener) throws IOException {
        SrtSession.Handler h = new SrtSession.Handler() {
            @Override
            public void connected(SrtSession session) {
                listener.connected(session.streamId());
            }

            @Override
            public void payload(byte[] payload) {
                listener.payload(payload);
            }

            @Override
            public void ended() {
                listener.ended();
            }

            @Override
            public void failed(IOException error) {
                listener.failed(error);
            }
        };
        SrtEndpoint e;
        if (url.listener()) {
            InetSocketAddress local = url.host().isEmpty()
                    ? new InetSocketAddress(url.port())
                    : new InetSocketAddress(url.host(), url.port());
            e = SrtEndpoint.listener(url.toString(), url.config(), local, group, h);
        } else {
            InetSocketAddress remote = new InetSocketAddress(url.host(), url.port());
            if (remote.isUnresolved()) {
                throw new IOException(url + ": cannot resolve host " + url.host());
            }
            e = SrtEndpoint.caller(url.toString(), url.config(), remote, group, h);
        }
        return new SrtReceiver(url, e);
    }

    /** The local socket address once bound (a listener opened on port 0 learns its port here). */
    public CompletableFuture<InetSocketAddress> bound() {
        return endpoint.bound();
    }

    public SrtStats stats() {
        return endpoint.stats();
    }

    public SrtUrl url() {
        return url;
    }

    /** Sends SHUTDOWN when connected and closes the socket. Safe to call twice. */
    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "SrtReceiver[" + url + "]";
    }
}
