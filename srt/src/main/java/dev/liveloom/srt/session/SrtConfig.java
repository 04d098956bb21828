package dev.liveloom.srt.session;

import dev.liveloom.srt.crypto.Passphrase;
import dev.liveloom.srt.handshake.StreamIdExtension;
import java.nio.charset.StandardCharsets;

/**
 * What one end of an SRT connection asks for: TSBPD latency, encryption, stream ID, flow window and
 * timeouts. Immutable; {@link #toString} hides the passphrase.
 *
 * @param latencyMs receive latency proposed (the connection uses the larger of both sides')
 * @param passphrase null for no encryption
 * @param keyLength 16, 24 or 32 (pbkeylen) for the key a caller generates
 * @param streamId sent by a caller (null for none); a listener ignores it
 * @param flowWindow receive window in packets, also the receive buffer bound
 * @param mss maximum segment size announced
 * @param idleTimeoutMs silence from the peer after which the connection fails
 * @param connectTimeoutMs time a caller waits for the handshake to complete
 */
public record SrtConfig(
        int latencyMs,
        Passphrase passphrase,
        int keyLength,
        String streamId,
        int flowWindow,
        int mss,
        long idleTimeoutMs,
        long connectTimeoutMs) {
    public static final int DEFAULT_LATENCY_MS = 120;
    public static final int DEFAULT_FLOW_WINDOW = 8192;
    public static final int DEFAULT_MSS = 1500;
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 5000;
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 3000;

    public static final SrtConfig DEFAULTS = new SrtConfig(
            DEFAULT_LATENCY_MS,
            null,
            16,
            null,
            DEFAULT_FLOW_WINDOW,
            DEFAULT_MSS,
            DEFAULT_IDLE_TIMEOUT_MS,
            DEFAULT_CONNECT_TIMEOUT_MS);

    public SrtConfig {
        if (latencyMs < 0 || latencyMs > 0xFFFF) {
            throw new IllegalArgumentException("latency " + latencyMs + " ms, allowed 0..65535");
        }
        if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new IllegalArgumentException("pbkeylen " + keyLength + ", allowed 16, 24, 32");
        }
        if (streamId != null && streamId.getBytes(StandardCharsets.UTF_8).length > StreamIdExtension.MAX_BYTES) {
            throw new IllegalArgumentException("streamid longer than " + StreamIdExtension.MAX_BYTES + " bytes");
        }
        if (flowWindow < 32 || flowWindow > dev.liveloom.srt.buffer.ReceiveBuffer.MAX_CAPACITY) {
            throw new IllegalArgumentException("flow window " + flowWindow + ", allowed 32..65536");
        }
        if (mss < 76 || mss > 1500) {
            throw new IllegalArgumentException("mss " + mss + ", allowed 76..1500");
        }
        if (idleTimeoutMs <= 0 || connectTimeoutMs <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public SrtConfig withLatencyMs(int v) {
        return new SrtConfig(v, passphrase, keyLength, streamId, flowWindow, mss, idleTimeoutMs, connectTimeoutMs);
    }

    public SrtConfig withPassphrase(Passphrase v, int newKeyLength) {
        return new SrtConfig(latencyMs, v, newKeyLength, streamId, flowWindow, mss, idleTimeoutMs, connectTimeoutMs);
    }

    public SrtConfig withStreamId(String v) {
        return new SrtConfig(latencyMs, passphrase, keyLength, v, flowWindow, mss, idleTimeoutMs, connectTimeoutMs);
    }

    public SrtConfig withTimeouts(long idleMs, long connectMs) {
        return new SrtConfig(latencyMs, passphrase, keyLength, streamId, flowWindow, mss, idleMs, connectMs);
    }

    public SrtConfig withFlowWindow(int v) {
        return new SrtConfig(latencyMs, passphrase, keyLength, streamId, v, mss, idleTimeoutMs, connectTimeoutMs);
    }
}
