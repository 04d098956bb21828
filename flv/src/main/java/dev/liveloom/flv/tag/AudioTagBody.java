package dev.liveloom.flv.tag;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;

/**
 * The body of an FLV audio tag (also the payload of an RTMP audio message) for AAC: SoundFormat 10,
 * SoundRate, SoundSize, SoundType, AACPacketType (0 AudioSpecificConfig, 1 raw frame), then {@link
 * #data()}. The rate/size/type bits are fixed for AAC by the spec (44 kHz, 16 bit, stereo) and
 * decoders ignore them; they are kept as read so a body round-trips.
 *
 * @param flags the first byte's low nibble: SoundRate (2 bits), SoundSize, SoundType
 * @param sequenceHeader AACPacketType 0: {@link #data()} is an AudioSpecificConfig
 * @param data the bytes after the two header bytes, a view of the parsed buffer
 */
public record AudioTagBody(int flags, boolean sequenceHeader, ByteBuffer data) {
    public static final int SOUND_FORMAT_AAC = 10;

    /** The low nibble FFmpeg and OBS write for AAC: 44 kHz, 16-bit, stereo. */
    public static final int AAC_FLAGS = 0x0f;

    /** Bytes before {@link #data()}. */
    public static final int HEADER_SIZE = 2;

    private static final String LAYER = "flv audio";

    public AudioTagBody {
        if (flags < 0 || flags > 0x0f) {
            throw new IllegalArgumentException("flags " + flags);
        }
        data = data.slice();
    }

    public static AudioTagBody aac(boolean sequenceHeader, ByteBuffer data) {
        return new AudioTagBody(AAC_FLAGS, sequenceHeader, data);
    }

    /** A view of the bytes after the header, positioned at their start. */
    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    /**
     * Parses the body from {@code body}'s position to its limit. Offsets in errors are from the
     * body's first byte.
     *
     * @throws MediaParseException UNSUPPORTED "unsupported audio codec mp3" (FFmpeg's codec names) for
     *     sound formats other than AAC; MALFORMED or TRUNCATED for a short body or an unknown
     *     AACPacketType
     */
    public static AudioTagBody parse(ByteBuffer body) throws MediaParseException {
        ByteBuffer b = body.slice();
        if (!b.hasRemaining()) {
            throw MediaParseException.truncated(LAYER, 0, "empty audio tag body");
        }
        int b0 = b.get() & 0xff;
        int format = b0 >> 4;
        if (format != SOUND_FORMAT_AAC) {
            throw MediaParseException.unsupported(
                    LAYER, 0, "unsupported audio codec " + FlvCodecNames.audio(format, (b0 & 0x02) != 0));
        }
        if (!b.hasRemaining()) {
            throw MediaParseException.truncated(LAYER, 1, "AACPacketType missing");
        }
        int packetType = b.get() & 0xff;
        if (packetType > 1) {
            throw MediaParseException.malformed(LAYER, 1, "AACPacketType " + packetType);
        }
        return new AudioTagBody(b0 & 0x0f, packetType == 0, b);
    }

    /** Header plus data size: the tag's data size. */
    public int size() {
        return HEADER_SIZE + data.remaining();
    }

    /** The two header bytes as a new array. */
    public byte[] headerBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE);
        writeHeader(out);
        return out.array();
    }

    /** Writes the two header bytes. */
    public void writeHeader(ByteBuffer out) {
        out.put((byte) ((SOUND_FORMAT_AAC << 4) | flags));
        out.put((byte) (sequenceHeader ? 0 : 1));
    }

    /** Header and data as one array. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(size());
        writeHeader(out);
        out.put(data.duplicate());
        return out.array();
    }
}
