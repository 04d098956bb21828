package dev.liveloom.ts.internal;

import dev.liveloom.core.codec.Adts;
import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.ts.pes.PesHeader;
import dev.liveloom.ts.pes.TimestampUnwrapper;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * AAC in ADTS (stream_type 0x0F): a PES holds one or more ADTS frames; each raw frame becomes a
 * packet (without its ADTS header), the n-th of a PES at PTS + n * 1024 / rate. A PES without PTS
 * continues where the previous one ended. The format comes from the ADTS header and changes when the
 * header's object type, rate or channels do. Frames with several raw data blocks are skipped and
 * reported (no encoder we meet writes them).
 */
public final class AudioStream extends EsStream {
    /** Samples per AAC frame (960-sample frames cannot be signalled in ADTS). */
    static final int SAMPLES_PER_FRAME = 1024;

    private int headerKey = -1;
    private int rate;
    /** Where the next PES starts when it has no PTS, in 90 kHz ticks on the unwrapped timeline. */
    private long nextTicks = Long.MIN_VALUE;

    public AudioStream(int pid, int track, int streamType, DemuxContext ctx) {
        super(pid, track, streamType, Codec.AAC, ctx);
    }

    @Override
    protected void handle(PesHeader h, byte[] b, int from, int to, long offset) throws MediaParseException {
        long base;
        if (h.pts() >= 0) {
            base = ctx.unwrapper.unwrap(h.pts());
        } else if (nextTicks != Long.MIN_VALUE) {
            base = nextTicks;
        } else {
            throw MediaParseException.malformed("ts audio", 0, "first PES has no PTS");
        }
        byte[] data = Arrays.copyOfRange(b, from, to);
        int p = 0;
        long samples = 0;
        try {
            while (p < data.length) {
                Adts a = Adts.parse(data, p, data.length - p);
                a.requireWhole(data.length - p);
                updateFormat(a);
                // on the 90 kHz grid, as a PES of this one frame would say it
                long us = TimestampUnwrapper.ticksToUs(base + (samples * 90_000 + rate / 2) / rate);
                if (a.rawDataBlocks() == 1) {
                    int hs = a.headerSize();
                    ByteBuffer frame =
                            ByteBuffer.wrap(data, p + hs, a.frameLength() - hs).slice();
                    ctx.out.add(
                            new MediaPacket(track, format, us, us, SAMPLES_PER_FRAME * 1_000_000L / rate, true, frame));
                } else {
                    ctx.listener.malformed(MediaParseException.unsupported(
                            "adts", offset, "frame with " + a.rawDataBlocks() + " raw data blocks"));
                }
                samples += (long) SAMPLES_PER_FRAME * a.rawDataBlocks();
                p += a.frameLength();
            }
        } finally {
            if (rate > 0) {
                nextTicks = base + (samples * 90_000 + rate / 2) / rate;
            }
        }
    }

    private void updateFormat(Adts a) throws MediaParseException {
        int key = (a.objectType() << 16) | (a.frequencyIndex() << 8) | a.channelConfiguration();
        if (key == headerKey) {
            return;
        }
        format = CodecConfigs.toFormat(Codec.AAC, a.toAudioSpecificConfig().write());
        rate = a.sampleRate();
        headerKey = key;
    }
}
