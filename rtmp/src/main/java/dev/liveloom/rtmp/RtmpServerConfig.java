package dev.liveloom.rtmp;

import dev.liveloom.rtmp.chunk.ChunkDecoderConfig;
import java.time.Duration;

/**
 * Limits and hooks of an {@link RtmpServer}.
 *
 * @param bindHost the address to listen on ("127.0.0.1" by default: loopback only)
 * @param port the TCP port (0 picks a free one)
 * @param maxConnections connections accepted at once; more are closed at once
 * @param chunkLimits the largest chunk size, message length and chunk streams a peer may announce
 * @param handshakeTimeout time a new connection has to finish the handshake
 * @param idleTimeout a connection that sends nothing for this long is closed (players send acks)
 * @param maxPlayerQueueBytes bytes queued for one player before it is disconnected as too slow
 * @param maxGopCacheBytes the most a stream keeps of its last GOP for players that join
 * @param authorizer the host's allow/deny hook for publish and play
 * @param listener publish and play events
 */
public record RtmpServerConfig(
        String bindHost,
        int port,
        int maxConnections,
        ChunkDecoderConfig chunkLimits,
        Duration handshakeTimeout,
        Duration idleTimeout,
        long maxPlayerQueueBytes,
        long maxGopCacheBytes,
        RtmpAuthorizer authorizer,
        RtmpServerListener listener) {

    public static RtmpServerConfig defaults() {
        return new RtmpServerConfig(
                "127.0.0.1",
                1935,
                1000,
                ChunkDecoderConfig.DEFAULTS,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                8L << 20,
                16L << 20,
                RtmpAuthorizer.ALLOW_ALL,
                RtmpServerListener.NONE);
    }

    public RtmpServerConfig withPort(int p) {
        return new RtmpServerConfig(
                bindHost,
                p,
                maxConnections,
                chunkLimits,
                handshakeTimeout,
                idleTimeout,
                maxPlayerQueueBytes,
                maxGopCacheBytes,
                authorizer,
                listener);
    }

    public RtmpServerConfig withBindHost(String h) {
        return new RtmpServerConfig(
                h,
                port,
                maxConnections,
                chunkLimits,
                handshakeTimeout,
                idleTimeout,
                maxPlayerQueueBytes,
                maxGopCacheBytes,
                authorizer,
                listener);
    }

    public RtmpServerConfig withAuthorizer(RtmpAuthorizer a) {
        return new RtmpServerConfig(
                bindHost,
                port,
                maxConnections,
                chunkLimits,
                handshakeTimeout,
                idleTimeout,
                maxPlayerQueueBytes,
                maxGopCacheBytes,
                a,
                listener);
    }

    public RtmpServerConfig withListener(RtmpServerListener l) {
        return new RtmpServerConfig(
                bindHost,
                port,
                maxConnections,
                chunkLimits,
                handshakeTimeout,
                idleTimeout,
                maxPlayerQueueBytes,
                maxGopCacheBytes,
                authorizer,
                l);
    }

    public RtmpServerConfig withLimits(
            int maxConn, ChunkDecoderConfig limits, Duration handshake, Duration idle, long playerQueue) {
        return new RtmpServerConfig(
                bindHost, port, maxConn, limits, handshake, idle, playerQueue, maxGopCacheBytes, authorizer, listener);
    }
}
