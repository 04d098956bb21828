package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.core.media.MediaParseException;
import io.netty.handler.codec.DecoderException;

/**
 * The peer sent bytes the RTMP handshake or chunk layer refuses (malformed, or beyond a configured
 * limit). The handler that throws it has closed the channel; the cause says where and why.
 */
public final class RtmpDecoderException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public RtmpDecoderException(MediaParseException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized MediaParseException getCause() {
        return (MediaParseException) super.getCause();
    }
}
