package dev.liveloom.srt.handshake;

import dev.liveloom.core.media.MediaParseException;
import java.nio.charset.StandardCharsets;

/**
 * The stream ID extension (SID). libsrt copies the UTF-8 string into 32-bit words, pads the last one
 * with zeros and swaps every word to network order as if it were a number, so on the wire each group
 * of 4 characters appears reversed: "abcdef" is sent as {@code d c b a 0 0 f e}.
 */
public final class StreamIdExtension {
    /** The longest stream ID libsrt accepts (SRTO_STREAMID is at most 512 bytes). */
    public static final int MAX_BYTES = 512;

    private static final String LAYER = "srt stream id";

    private StreamIdExtension() {}

    public static String read(byte[] content) throws MediaParseException {
        if (content.length > MAX_BYTES) {
            throw MediaParseException.malformed(LAYER, 0, content.length + " bytes, limit " + MAX_BYTES);
        }
        byte[] b = swapWords(content);
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    public static byte[] write(String streamId) {
        byte[] s = streamId.getBytes(StandardCharsets.UTF_8);
        if (s.length > MAX_BYTES) {
            throw new IllegalArgumentException("stream ID of " + s.length + " bytes, limit " + MAX_BYTES);
        }
        byte[] padded = new byte[(s.length + 3) / 4 * 4];
        System.arraycopy(s, 0, padded, 0, s.length);
        return swapWords(padded);
    }

    private static byte[] swapWords(byte[] in) {
        byte[] out = new byte[in.length / 4 * 4];
        for (int i = 0; i < out.length; i += 4) {
            out[i] = in[i + 3];
            out[i + 1] = in[i + 2];
            out[i + 2] = in[i + 1];
            out[i + 3] = in[i];
        }
        return out;
    }
}
