package dev.liveloom.ts.internal;

import dev.liveloom.core.codec.AvcDecoderConfigurationRecord;
import dev.liveloom.core.codec.CodecConfigs;
import dev.liveloom.core.codec.HevcDecoderConfigurationRecord;
import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.ts.pes.PesHeader;
import dev.liveloom.ts.pes.TimestampUnwrapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * H.264 or H.265 in PES, one access unit per PES (as every muxer we know writes it). Each access
 * unit becomes a packet of 4-byte length-prefixed NALs, like MP4 and FLV carry them:
 *
 * <ul>
 *   <li>access unit delimiters are removed;
 *   <li>parameter sets (VPS, SPS, PPS) are removed too and go into the track's decoder
 *       configuration record; when they differ from the current ones the track gets a new
 *       {@link TrackFormat} from the packet on;
 *   <li>key = the access unit holds an IDR (H.264) or IRAP (H.265) slice;
 *   <li>access units before the first complete set of parameter sets are dropped and reported:
 *       nothing can decode them.
 * </ul>
 */
public final class VideoStream extends EsStream {
    private int[] nalStart = new int[64];
    private int[] nalEnd = new int[64];
    private List<byte[]> vps = List.of();
    private List<byte[]> sps = List.of();
    private List<byte[]> pps = List.of();
    private boolean configured;
    private long lastDtsUs;

    public VideoStream(int pid, int track, int streamType, Codec codec, DemuxContext ctx) {
        super(pid, track, streamType, codec, ctx);
    }

    @Override
    protected void handle(PesHeader h, byte[] b, int from, int to, long offset) throws MediaParseException {
        long dtsUs;
        long ptsUs;
        if (h.pts() >= 0) {
            long pts = ctx.unwrapper.unwrap(h.pts());
            long dts = h.dts() >= 0 ? ctx.unwrapper.unwrap(h.dts()) : pts;
            ptsUs = TimestampUnwrapper.ticksToUs(pts);
            dtsUs = TimestampUnwrapper.ticksToUs(dts);
        } else {
            // no time stamp: the previous decode time is the best guess
            ptsUs = lastDtsUs;
            dtsUs = lastDtsUs;
        }
        lastDtsUs = dtsUs;
        ByteBuffer bb = ByteBuffer.wrap(b);
        int count = 0;
        int sc = NalUnits.findStartCode(bb, from, to);
        while (sc >= 0) {
            int start = sc + 3;
            int next = NalUnits.findStartCode(bb, start, to);
            int end = next < 0 ? to : next;
            while (end > start && b[end - 1] == 0) {
                end--;
            }
            if (end > start) {
                if (count == nalStart.length) {
                    nalStart = Arrays.copyOf(nalStart, count * 2);
                    nalEnd = Arrays.copyOf(nalEnd, count * 2);
                }
                nalStart[count] = start;
                nalEnd[count] = end;
                count++;
            }
            sc = next;
        }
        boolean key = false;
        int size = 0;
        List<byte[]> foundVps = null;
        List<byte[]> foundSps = null;
        List<byte[]> foundPps = null;
        for (int i = 0; i < count; i++) {
            int type = NalUnits.type(codec, b[nalStart[i]]);
            int n = nalEnd[i] - nalStart[i];
            switch (kind(type)) {
                case AUD -> nalEnd[i] = -1;
                case VPS -> foundVps = add(foundVps, b, nalStart[i], n, i);
                case SPS -> foundSps = add(foundSps, b, nalStart[i], n, i);
                case PPS -> foundPps = add(foundPps, b, nalStart[i], n, i);
                default -> {
                    key |= NalUnits.isRandomAccess(codec, type);
                    size += 4 + n;
                }
            }
        }
        if (foundVps != null || foundSps != null || foundPps != null) {
            updateConfig(foundVps, foundSps, foundPps, offset);
        }
        if (size == 0) {
            return;
        }
        if (!configured) {
            ctx.listener.pesDropped(pid, offset, "access unit before the first SPS and PPS");
            return;
        }
        byte[] data = new byte[size];
        int p = 0;
        for (int i = 0; i < count; i++) {
            if (nalEnd[i] < 0) {
                continue;
            }
            int n = nalEnd[i] - nalStart[i];
            data[p] = (byte) (n >>> 24);
            data[p + 1] = (byte) (n >>> 16);
            data[p + 2] = (byte) (n >>> 8);
            data[p + 3] = (byte) n;
            System.arraycopy(b, nalStart[i], data, p + 4, n);
            p += 4 + n;
        }
        ctx.out.add(new MediaPacket(track, format, dtsUs, ptsUs, 0, key, ByteBuffer.wrap(data)));
    }

    private enum Kind {
        AUD,
        VPS,
        SPS,
        PPS,
        OTHER
    }

    private Kind kind(int type) {
        if (codec == Codec.HEVC) {
            return switch (type) {
                case NalUnits.H265_AUD -> Kind.AUD;
                case NalUnits.H265_VPS -> Kind.VPS;
                case NalUnits.H265_SPS -> Kind.SPS;
                case NalUnits.H265_PPS -> Kind.PPS;
                default -> Kind.OTHER;
            };
        }
        return switch (type) {
            case NalUnits.H264_AUD -> Kind.AUD;
            case NalUnits.H264_SPS -> Kind.SPS;
            case NalUnits.H264_PPS -> Kind.PPS;
            default -> Kind.OTHER;
        };
    }

    /** Copies a parameter set out and marks the NAL as not part of the packet. */
    private List<byte[]> add(List<byte[]> list, byte[] b, int start, int n, int index) throws MediaParseException {
        if (n > NalUnits.MAX_PARAMETER_SET_BYTES) {
            throw MediaParseException.malformed(
                    "ts video", start, "parameter set of " + n + " bytes exceeds " + NalUnits.MAX_PARAMETER_SET_BYTES);
        }
        List<byte[]> l = list == null ? new ArrayList<>() : list;
        // the configuration record holds at most a few; more in one access unit is a broken stream
        if (l.size() < AvcDecoderConfigurationRecord.MAX_SPS) {
            l.add(Arrays.copyOfRange(b, start, start + n));
        }
        nalEnd[index] = -1;
        return l;
    }

    private void updateConfig(List<byte[]> v, List<byte[]> s, List<byte[]> p, long offset) {
        List<byte[]> newVps = v != null ? v : vps;
        List<byte[]> newSps = s != null ? s : sps;
        List<byte[]> newPps = p != null ? p : pps;
        if (configured && same(newVps, vps) && same(newSps, sps) && same(newPps, pps)) {
            return;
        }
        vps = newVps;
        sps = newSps;
        pps = newPps;
        if (sps.isEmpty() || pps.isEmpty() || (codec == Codec.HEVC && vps.isEmpty())) {
            return;
        }
        try {
            byte[] record = codec == Codec.HEVC
                    ? HevcDecoderConfigurationRecord.fromParameterSets(vps, sps, pps)
                            .write()
                    : AvcDecoderConfigurationRecord.fromParameterSets(sps, pps).write();
            TrackFormat f = CodecConfigs.toFormat(codec, record);
            if (!f.sameConfig(format)) {
                format = f;
            }
            configured = true;
        } catch (MediaParseException e) {
            ctx.listener.malformed(e.atOffset(offset));
        }
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
