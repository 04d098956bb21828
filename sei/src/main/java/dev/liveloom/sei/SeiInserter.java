package dev.liveloom.sei;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.runtime.Clock;
import dev.liveloom.sei.internal.SeiNalTemplate;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A pipeline stage that puts SEI NAL units into H.264/H.265 access units on the schedules of an
 * {@link SeiSettings}: {@link #apply} returns the packet itself, or a new packet whose payload has
 * the SEI NAL (one per due channel, LayoutVolume first) inserted before the first VCL NAL, that is
 * after any AUD, parameter sets and other SEI. Audio packets pass through.
 *
 * <p>Schedules run on presentation time: an interval channel goes out on the first access unit after
 * its settings arrive and then whenever {@code |ptsUs - ptsUs of its last insertion|} reaches the
 * interval (a backward jump of that size restarts it); a followIdr channel goes out on every packet
 * marked {@link MediaPacket#key()}; a channel with neither goes out once. Any insertion of a channel
 * restarts its interval. The JSON's {@code ts} is the injected clock's wall time at insertion.
 *
 * <p>An access unit without a VCL NAL (a parameter-set-only packet) is passed through and the SEI
 * stays due; so is one whose length prefix size (1 or 2 bytes) cannot hold the SEI NAL, counted in
 * {@link #oversizeSkips()}. A modified access unit costs one new heap buffer; untouched packets are
 * returned as they are.
 *
 * <p>Threads: {@link #apply} is called by one thread at a time (the stream's); {@link #update} may be
 * called from any thread and takes effect at the next {@code apply}.
 */
public final class SeiInserter {
    private final Clock clock;
    private volatile SeiSettings settings;

    // Touched only by the apply thread.
    private SeiSettings applied;
    private ChannelState layoutVolume;
    private ChannelState passThrough;
    private volatile long oversizeSkips;
    private final VclFinder finder = new VclFinder();

    public SeiInserter(SeiSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Replaces the settings (UpdateLiveMPUTask): applied from the next access unit on. */
    public void update(SeiSettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
    }

    public SeiSettings settings() {
        return settings;
    }

    /** Access units left without a due SEI because their NAL length size could not hold it. */
    public long oversizeSkips() {
        return oversizeSkips;
    }

    /**
     * The packet with due SEI inserted, or {@code packet} itself.
     *
     * @throws MediaParseException when a due access unit's length prefixes run past its end
     */
    public MediaPacket apply(MediaPacket packet) throws MediaParseException {
        Codec codec = packet.format().codec();
        if (codec != Codec.H264 && codec != Codec.HEVC) {
            return packet;
        }
        sync();
        long ptsUs = packet.ptsUs();
        boolean key = packet.key();
        boolean lv = layoutVolume != null && layoutVolume.due(ptsUs, key);
        boolean pt = passThrough != null && passThrough.due(ptsUs, key);
        if (!lv && !pt) {
            return packet;
        }
        int lengthSize = packet.format().nalLengthSize();
        ByteBuffer data = packet.data();
        int base = data.position();
        int size = data.remaining();
        int insertAt = finder.find(codec, data, base, size, lengthSize);
        if (insertAt < 0) {
            return packet;
        }
        long tsMs = clock.currentTimeMillis();
        SeiNalTemplate lvT = lv ? layoutVolume.template(codec) : null;
        SeiNalTemplate ptT = pt ? passThrough.template(codec) : null;
        int lvSize = lv ? lvT.nalSize(tsMs) : 0;
        int ptSize = pt ? ptT.nalSize(tsMs) : 0;
        long maxNal = lengthSize == 4 ? Integer.MAX_VALUE : (1L << (8 * lengthSize)) - 1;
        if (lvSize > maxNal || ptSize > maxNal) {
            oversizeSkips = oversizeSkips + 1; // single writer: the apply thread
            return packet;
        }
        int extra = (lv ? lengthSize + lvSize : 0) + (pt ? lengthSize + ptSize : 0);
        byte[] out = new byte[size + extra];
        int head = insertAt - base;
        data.get(base, out, 0, head);
        int p = head;
        if (lv) {
            p = writeLength(lvSize, lengthSize, out, p);
            p = lvT.write(tsMs, out, p);
            layoutVolume.inserted(ptsUs);
        }
        if (pt) {
            p = writeLength(ptSize, lengthSize, out, p);
            p = ptT.write(tsMs, out, p);
            passThrough.inserted(ptsUs);
        }
        data.get(insertAt, out, p, size - head);
        return new MediaPacket(
                packet.track(), packet.format(), packet.dtsUs(), ptsUs, packet.durationUs(), key, ByteBuffer.wrap(out));
    }

    private static int writeLength(int len, int lengthSize, byte[] dst, int off) {
        for (int i = lengthSize - 1; i >= 0; i--) {
            dst[off++] = (byte) (len >>> (8 * i));
        }
        return off;
    }

    /** Picks up new settings: a channel that is the same object keeps its state, others start afresh. */
    private void sync() {
        SeiSettings s = settings;
        if (s == applied) {
            return;
        }
        layoutVolume = ChannelState.next(layoutVolume, s.layoutVolume());
        passThrough = ChannelState.next(passThrough, s.passThrough());
        applied = s;
    }

    private static final class ChannelState {
        final SeiSettings.Channel channel;
        final long intervalUs;
        boolean sent;
        long lastPtsUs;
        SeiNalTemplate h264;
        SeiNalTemplate h265;

        ChannelState(SeiSettings.Channel channel) {
            this.channel = channel;
            this.intervalUs = channel.schedule().intervalMs() * 1000L;
        }

        static ChannelState next(ChannelState old, SeiSettings.Channel c) {
            if (c == null) {
                return null;
            }
            return old != null && old.channel == c ? old : new ChannelState(c);
        }

        boolean due(long ptsUs, boolean key) {
            SeiSchedule s = channel.schedule();
            if (!sent) {
                return s.once() || intervalUs > 0 || key;
            }
            if (s.followIdr() && key) {
                return true;
            }
            return intervalUs > 0 && Math.abs(ptsUs - lastPtsUs) >= intervalUs;
        }

        void inserted(long ptsUs) {
            sent = true;
            lastPtsUs = ptsUs;
        }

        SeiNalTemplate template(Codec codec) {
            if (codec == Codec.HEVC) {
                if (h265 == null) {
                    h265 = new SeiNalTemplate(codec, channel.payloadType(), channel.uuid(), channel.content());
                }
                return h265;
            }
            if (h264 == null) {
                h264 = new SeiNalTemplate(codec, channel.payloadType(), channel.uuid(), channel.content());
            }
            return h264;
        }
    }

    /** Finds the length prefix of the first VCL NAL of a length-prefixed access unit. */
    private static final class VclFinder implements NalUnits.Visitor {
        private Codec codec;
        private int lengthSize;
        private int found;

        int find(Codec c, ByteBuffer data, int off, int len, int ls) throws MediaParseException {
            this.codec = c;
            this.lengthSize = ls;
            this.found = -1;
            NalUnits.forEachLengthPrefixed(data, off, len, ls, this);
            return found;
        }

        @Override
        public void nal(ByteBuffer buf, int offset, int length) {
            if (found < 0 && isVcl(codec, NalUnits.type(codec, buf.get(offset)))) {
                found = offset - lengthSize;
            }
        }

        private static boolean isVcl(Codec codec, int type) {
            return codec == Codec.HEVC ? type < 32 : type >= 1 && type <= 5;
        }
    }
}
