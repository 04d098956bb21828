package dev.liveloom.rtmp;

import dev.liveloom.flv.tag.HevcLayout;
import java.time.Duration;
import javax.net.ssl.TrustManagerFactory;

/**
 * How an RTMP(S) publisher connects and sends.
 *
 * @param hevcLayout enhanced RTMP ('hvc1', the default) or the legacy codec id 12 for HEVC
 * @param connectTimeout TCP (and TLS) connect limit
 * @param publishTimeout from connecting to NetStream.Publish.Start
 * @param chunkSize outgoing chunk size announced after the handshake
 * @param maxQueuedBytes bytes accepted but not yet written before {@code offer} refuses
 * @param trustManager for rtmps:// with a private CA or self-signed certificate (tests); null for
 *     the JDK's trust store
 */
public record RtmpSinkOptions(
        HevcLayout hevcLayout,
        Duration connectTimeout,
        Duration publishTimeout,
        int chunkSize,
        int maxQueuedBytes,
        TrustManagerFactory trustManager) {

    public static final RtmpSinkOptions DEFAULTS = new RtmpSinkOptions(
            HevcLayout.ENHANCED, Duration.ofSeconds(10), Duration.ofSeconds(15), 4096, 2 << 20, null);

    public RtmpSinkOptions withHevcLayout(HevcLayout layout) {
        return new RtmpSinkOptions(layout, connectTimeout, publishTimeout, chunkSize, maxQueuedBytes, trustManager);
    }

    public RtmpSinkOptions withTrustManager(TrustManagerFactory tmf) {
        return new RtmpSinkOptions(hevcLayout, connectTimeout, publishTimeout, chunkSize, maxQueuedBytes, tmf);
    }

    public RtmpSinkOptions withMaxQueuedBytes(int bytes) {
        return new RtmpSinkOptions(hevcLayout, connectTimeout, publishTimeout, chunkSize, bytes, trustManager);
    }
}
