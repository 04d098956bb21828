package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixture's video access units as stored in the MP4 (length-prefixed, 4-byte lengths), read with
 * {@code ffprobe -show_packets -show_data} because the mp4 demuxer is not on this branch; and its
 * parameter sets from {@code ffmpeg -bsf:v *_mp4toannexb}. Needs ffprobe/ffmpeg (interop tests only).
 */
final class FixtureAus {
    private static final Pattern HEX_LINE = Pattern.compile("^[0-9a-f]{8}: ((?:[0-9a-f]{2,4} ?)+)");

    private FixtureAus() {}

    record Result(ProcessOutput out, int code) {}

    record ProcessOutput(byte[] stdout, String stderr) {}

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        t.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        t.join();
        return new Result(new ProcessOutput(out, err.toString(StandardCharsets.UTF_8)), p.exitValue());
    }

    /** The video packets of {@code name}, in decode order. */
    static List<MediaPacket> packets(String name, Codec codec) throws Exception {
        Path f = Fixtures.media(name);
        Result r = run(
                List.of("ffprobe", "-v", "error", "-select_streams", "v", "-show_packets", "-show_data", f.toString()));
        assertThat(r.code()).as(r.out().stderr()).isZero();
        TrackFormat format = TrackFormat.builder(codec).nalLengthSize(4).build();
        List<MediaPacket> out = new ArrayList<>();
        long pts = 0;
        long dts = 0;
        boolean key = false;
        ByteArrayOutputStream data = null;
        for (String line : new String(r.out().stdout(), StandardCharsets.UTF_8).split("\n")) {
            if (line.equals("[PACKET]")) {
                data = new ByteArrayOutputStream();
            } else if (line.startsWith("pts_time=")) {
                pts = us(line.substring(9));
            } else if (line.startsWith("dts_time=")) {
                dts = us(line.substring(9));
            } else if (line.startsWith("flags=")) {
                key = line.charAt(6) == 'K';
            } else if (line.equals("[/PACKET]")) {
                out.add(new MediaPacket(0, format, dts, pts, 0, key, ByteBuffer.wrap(data.toByteArray())));
            } else {
                Matcher m = HEX_LINE.matcher(line);
                if (m.find()) {
                    String hex = m.group(1);
                    hex = hex.substring(0, Math.min(hex.length(), 40)).replace(" ", "");
                    data.writeBytes(Hex.bytes(hex));
                }
            }
        }
        return out;
    }

    private static long us(String seconds) {
        return new BigDecimal(seconds).movePointRight(6).longValueExact();
    }

    /** VPS/SPS/PPS of the fixture, as NALs. */
    static List<byte[]> parameterSets(String name, Codec codec) throws Exception {
        Path f = Fixtures.media(name);
        String bsf = codec == Codec.HEVC ? "hevc_mp4toannexb" : "h264_mp4toannexb";
        Result r = run(List.of(
                "ffmpeg",
                "-v",
                "error",
                "-i",
                f.toString(),
                "-c:v",
                "copy",
                "-bsf:v",
                bsf,
                "-frames:v",
                "1",
                "-an",
                "-f",
                codec.id(),
                "-"));
        assertThat(r.code()).as(r.out().stderr()).isZero();
        NalUnits.ParameterSets ps =
                NalUnits.extractParameterSets(codec, ByteBuffer.wrap(r.out().stdout()), 0);
        List<byte[]> all = new ArrayList<>(ps.vps());
        all.addAll(ps.sps());
        all.addAll(ps.pps());
        assertThat(ps.sps()).isNotEmpty();
        return all;
    }
}
