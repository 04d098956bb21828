package dev.liveloom.ts;

import dev.liveloom.core.codec.Adts;
import dev.liveloom.core.codec.AudioSpecificConfig;
import dev.liveloom.core.codec.AvcDecoderConfigurationRecord;
import dev.liveloom.core.codec.HevcDecoderConfigurationRecord;
import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.ts.internal.TsPacketWriter;
import dev.liveloom.ts.pes.PesHeader;
import dev.liveloom.ts.pes.TimestampUnwrapper;
import dev.liveloom.ts.psi.Pat;
import dev.liveloom.ts.psi.Pmt;
import dev.liveloom.ts.psi.StreamType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes MediaPackets as an MPEG-TS: one program (number 1, PMT on PID 0x1000), track i on PID
 * 0x100 + i. Pure: each {@link #write} returns the TS packets for one MediaPacket.
 *
 * <ul>
 *   <li>PAT and PMT come first, then again whenever {@code psiIntervalMs} of media time passed and
 *       before each video key frame (so that a receiver joining late starts at a key frame).
 *   <li>Video (length-prefixed in) is written as Annex B with 4-byte start codes: an access unit
 *       delimiter first, the parameter sets of the packet's format before each key frame (unless
 *       the packet has its own), one unbounded PES (length 0) per access unit, PTS and DTS.
 *   <li>AAC: each raw frame gets an ADTS header made from the format's AudioSpecificConfig and its
 *       own bounded PES with a PTS.
 *   <li>PCR on the first track's PID (the first video track if there is one), at each of its PES,
 *       equal to the DTS; the random access indicator marks key frames.
 *   <li>Times: microseconds to 90 kHz, rounded to nearest, modulo 2^33 (negative times wrap).
 * </ul>
 */
public final class TsMuxer {
    public static final int PROGRAM_NUMBER = 1;
    public static final int PMT_PID = 0x1000;
    public static final int FIRST_ES_PID = 0x100;
    public static final int DEFAULT_PSI_INTERVAL_MS = 100;

    private static final byte[] AUD_H264 = {0, 0, 0, 1, 0x09, (byte) 0xf0};
    private static final byte[] AUD_HEVC = {0, 0, 0, 1, 0x46, 0x01, 0x50};

    private final List<TrackFormat> tracks;
    private final long psiIntervalUs;
    private final int pcrTrack;
    private final TsPacketWriter writer = new TsPacketWriter();
    private final byte[] pat;
    private final byte[] pmt;
    private final TrackFormat[] paramFormat;
    private final byte[][] paramSets;
    private TrackFormat ascFormat;
    private AudioSpecificConfig asc;
    private byte[] pes = new byte[64 << 10];
    private long lastPsiUs = Long.MIN_VALUE;

    public TsMuxer(List<TrackFormat> tracks) {
        this(tracks, DEFAULT_PSI_INTERVAL_MS);
    }

    /** A muxer for these tracks (H.264, H.265, AAC), repeating PAT and PMT every {@code psiIntervalMs}. */
    public TsMuxer(List<TrackFormat> tracks, int psiIntervalMs) {
        if (tracks.isEmpty() || tracks.size() > 16) {
            throw new IllegalArgumentException(tracks.size() + " tracks (allowed 1 to 16)");
        }
        if (psiIntervalMs <= 0) {
            throw new IllegalArgumentException("PSI interval " + psiIntervalMs + " ms");
        }
        this.tracks = List.copyOf(tracks);
        this.psiIntervalUs = psiIntervalMs * 1000L;
        int pcr = 0;
        for (int i = tracks.size() - 1; i >= 0; i--) {
            if (tracks.get(i).codec() != Codec.AAC) {
                pcr = i;
            }
        }
        this.pcrTrack = pcr;
        this.paramFormat = new TrackFormat[tracks.size()];
        this.paramSets = new byte[tracks.size()][];
        List<Pmt.Stream> streams = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            streams.add(new Pmt.Stream(StreamType.of(tracks.get(i).codec()), FIRST_ES_PID + i, new byte[0]));
        }
        this.pat = new Pat(1, 0, List.of(new Pat.Program(PROGRAM_NUMBER, PMT_PID))).write();
        this.pmt = new Pmt(PROGRAM_NUMBER, 0, FIRST_ES_PID + pcrTrack, new byte[0], streams).write();
    }

    /** The PAT and the PMT as TS packets (they are also written by {@link #write} when due). */
    public byte[] psi() {
        writer.reset();
        writePsi();
        return writer.toByteArray();
    }

    /**
     * The TS packets for one packet (PAT/PMT first when due).
     *
     * @throws MediaParseException when a video packet's NAL lengths run past its end
     * @throws IllegalArgumentException for a track this muxer was not made for, or another codec
     */
    public byte[] write(MediaPacket p) throws MediaParseException {
        writer.reset();
        int t = p.track();
        if (t < 0 || t >= tracks.size()) {
            throw new IllegalArgumentException("track " + t + " (this muxer has " + tracks.size() + ")");
        }
        Codec codec = tracks.get(t).codec();
        if (p.format().codec() != codec) {
            throw new IllegalArgumentException("track " + t + " is " + codec.id() + ", the packet is "
                    + p.format().codec().id());
        }
        boolean video = codec != Codec.AAC;
        if (lastPsiUs == Long.MIN_VALUE || p.dtsUs() - lastPsiUs >= psiIntervalUs || (video && p.key())) {
            writePsi();
            lastPsiUs = p.dtsUs();
        }
        long pts = TimestampUnwrapper.usToTicks(p.ptsUs()) & PesHeader.TIMESTAMP_MASK;
        long dts = TimestampUnwrapper.usToTicks(p.dtsUs()) & PesHeader.TIMESTAMP_MASK;
        long pcr = t == pcrTrack ? dts * 300 : -1;
        int n = video ? videoPes(p, codec, pts, dts) : audioPes(p, pts);
        writer.write(FIRST_ES_PID + t, pes, n, pcr, p.key());
        return writer.toByteArray();
    }

    /** {@link #write} into {@code sink}. */
    public void write(MediaPacket p, ByteBuffer sink) throws MediaParseException {
        sink.put(write(p));
    }

    private void writePsi() {
        writePsiSection(0, pat);
        writePsiSection(PMT_PID, pmt);
    }

    private void writePsiSection(int pid, byte[] section) {
        byte[] unit = new byte[184];
        java.util.Arrays.fill(unit, (byte) 0xff);
        unit[0] = 0; // pointer_field
        System.arraycopy(section, 0, unit, 1, section.length);
        writer.write(pid, unit, unit.length, -1, false);
    }

    private int videoPes(MediaPacket p, Codec codec, long pts, long dts) throws MediaParseException {
        TrackFormat f = p.format();
        int lengthSize = f.nalLengthSize() == 0 ? 4 : f.nalLengthSize();
        ByteBuffer data = p.data();
        byte[] aud = codec == Codec.HEVC ? AUD_HEVC : AUD_H264;
        boolean[] hasSps = {false};
        int[] size = {0};
        NalUnits.forEachLengthPrefixed(data, lengthSize, (buf, off, len) -> {
            int type = NalUnits.type(codec, buf.get(off));
            if (type == (codec == Codec.HEVC ? NalUnits.H265_AUD : NalUnits.H264_AUD)) {
                return;
            }
            hasSps[0] |= type == (codec == Codec.HEVC ? NalUnits.H265_SPS : NalUnits.H264_SPS);
            size[0] += 4 + len;
        });
        byte[] params = p.key() && !hasSps[0] ? parameterSets(p.track(), f) : new byte[0];
        PesHeader h = PesHeader.of(PesHeader.STREAM_ID_VIDEO, 0, pts, dts);
        int total = h.headerSize() + aud.length + params.length + size[0];
        ensurePes(total);
        h.write(pes, 0);
        int[] at = {h.headerSize()};
        System.arraycopy(aud, 0, pes, at[0], aud.length);
        at[0] += aud.length;
        System.arraycopy(params, 0, pes, at[0], params.length);
        at[0] += params.length;
        NalUnits.forEachLengthPrefixed(data, lengthSize, (buf, off, len) -> {
            if (NalUnits.type(codec, buf.get(off)) == (codec == Codec.HEVC ? NalUnits.H265_AUD : NalUnits.H264_AUD)) {
                return;
            }
            int q = at[0];
            pes[q] = 0;
            pes[q + 1] = 0;
            pes[q + 2] = 0;
            pes[q + 3] = 1;
            buf.get(off, pes, q + 4, len);
            at[0] = q + 4 + len;
        });
        return total;
    }

    /** The format's parameter sets in Annex B, cached per format. */
    private byte[] parameterSets(int track, TrackFormat f) throws MediaParseException {
        if (paramFormat[track] == f) {
            return paramSets[track];
        }
        List<byte[]> nals = new ArrayList<>();
        byte[] config = f.codecConfig();
        if (config.length > 0) {
            if (f.codec() == Codec.HEVC) {
                HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(config);
                nals.addAll(r.nals(NalUnits.H265_VPS));
                nals.addAll(r.nals(NalUnits.H265_SPS));
                nals.addAll(r.nals(NalUnits.H265_PPS));
            } else {
                AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(config);
                nals.addAll(r.sps());
                nals.addAll(r.pps());
            }
        }
        int size = 0;
        for (byte[] n : nals) {
            size += 4 + n.length;
        }
        byte[] out = new byte[size];
        int q = 0;
        for (byte[] n : nals) {
            out[q + 3] = 1;
            System.arraycopy(n, 0, out, q + 4, n.length);
            q += 4 + n.length;
        }
        paramFormat[track] = f;
        paramSets[track] = out;
        return out;
    }

    private int audioPes(MediaPacket p, long pts) throws MediaParseException {
        if (p.format() != ascFormat) {
            asc = AudioSpecificConfig.parse(p.format().codecConfig());
            ascFormat = p.format();
        }
        int frame = p.size();
        Adts adts;
        try {
            adts = Adts.of(asc, frame);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("track " + p.track() + ": " + e.getMessage(), e);
        }
        PesHeader h = PesHeader.of(PesHeader.STREAM_ID_AUDIO, 0, pts, -1);
        int total = h.headerSize() + adts.frameLength();
        h = new PesHeader(h.streamId(), total - PesHeader.PREFIX_SIZE, true, h.pts(), -1, h.headerSize());
        ensurePes(total);
        h.write(pes, 0);
        adts.write(pes, h.headerSize());
        p.data().get(pes, h.headerSize() + adts.headerSize(), frame);
        return total;
    }

    private void ensurePes(int n) {
        if (n > pes.length) {
            pes = new byte[Math.max(n, pes.length * 2)];
        }
    }
}
