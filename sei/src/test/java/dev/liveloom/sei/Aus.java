package dev.liveloom.sei;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.runtime.Clock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Access units for inserter tests: length-prefixed NALs, splitting them back, a settable clock. */
final class Aus {
    private Aus() {}

    static TrackFormat format(Codec codec, int lengthSize) {
        return TrackFormat.builder(codec)
                .size(320, 180)
                .nalLengthSize(lengthSize)
                .build();
    }

    static byte[] lengthPrefixed(int lengthSize, byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            for (int i = lengthSize - 1; i >= 0; i--) {
                out.write(n.length >>> (8 * i));
            }
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    static MediaPacket packet(TrackFormat f, long ptsUs, boolean key, byte[] data) {
        return new MediaPacket(0, f, ptsUs, ptsUs, 40_000, key, ByteBuffer.wrap(data));
    }

    static byte[] bytes(MediaPacket p) {
        ByteBuffer b = p.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The NALs of a length-prefixed packet, each as bytes. */
    static List<byte[]> nals(MediaPacket p) throws MediaParseException {
        List<byte[]> out = new ArrayList<>();
        NalUnits.forEachLengthPrefixed(p.data(), p.format().nalLengthSize(), (buf, off, len) -> {
            byte[] n = new byte[len];
            buf.get(off, n);
            out.add(n);
        });
        return out;
    }

    /** A clock the test sets. */
    static final class TestClock implements Clock {
        long ms;

        TestClock(long ms) {
            this.ms = ms;
        }

        @Override
        public long nanoTime() {
            return ms * 1_000_000;
        }

        @Override
        public long currentTimeMillis() {
            return ms;
        }
    }
}
