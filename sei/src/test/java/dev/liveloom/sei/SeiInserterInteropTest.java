package dev.liveloom.sei;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaPacket;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inserter over the real fixtures' access units (played twice, the second time 2 s or 1 s later):
 * SEI at the configured interval and on every key frame, every other byte kept; then the stream as
 * Annex B through ffmpeg, which must decode it without error and show our SEI payloads in
 * {@code trace_headers}.
 */
@Tag("interop")
class SeiInserterInteropTest {
    private static final Pattern TRACE =
            Pattern.compile("\\]\\s+\\d+\\s+(\\S+?)(?:\\[\\d+\\])?\\s+[01]+ = (\\d+)\\s*$");

    @TempDir
    Path tmp;

    @Test
    void h264() throws Exception {
        check("h264-high-bframes.mp4", Codec.H264, 2_000_000);
    }

    @Test
    void hevc() throws Exception {
        check("hevc-hvc1.mp4", Codec.HEVC, 1_000_000);
    }

    private void check(String name, Codec codec, long loopUs) throws Exception {
        List<MediaPacket> once = FixtureAus.packets(name, codec);
        List<MediaPacket> in = new ArrayList<>(once);
        for (MediaPacket p : once) {
            in.add(p.withTimes(p.dtsUs() + loopUs, p.ptsUs() + loopUs));
        }
        LayoutSei layout = LayoutSei.singleStreamer("streamer111", 320, 180);
        LayoutSei pass = layout.toBuilder().passThrough("hello world").build();
        SeiSettings settings = SeiSettings.builder()
                .layoutVolume(SeiSettings.Channel.layoutVolume(SeiSchedule.every(1000), layout))
                .passThrough(SeiSettings.Channel.passThrough(SeiSchedule.onKeyFrames(), 100, pass))
                .build();
        Aus.TestClock clock = new Aus.TestClock(1697696105170L);
        SeiInserter ins = new SeiInserter(settings, clock);

        // what the schedules say, worked out independently
        List<Long> wantLayout = new ArrayList<>();
        List<Long> wantPass = new ArrayList<>();
        Long last = null;
        for (MediaPacket p : in) {
            if (last == null || Math.abs(p.ptsUs() - last) >= 1_000_000) {
                wantLayout.add(p.ptsUs());
                last = p.ptsUs();
            }
            if (p.key()) {
                wantPass.add(p.ptsUs());
            }
        }
        assertThat(wantLayout).hasSizeGreaterThanOrEqualTo(2);
        assertThat(wantPass).hasSizeGreaterThanOrEqualTo(2);

        List<Long> gotLayout = new ArrayList<>();
        List<Long> gotPass = new ArrayList<>();
        List<SeiMessage> inserted = new ArrayList<>();
        List<MediaPacket> out = new ArrayList<>();
        for (MediaPacket p : in) {
            clock.ms += 40;
            MediaPacket o = ins.apply(p);
            out.add(o);
            List<byte[]> before = Aus.nals(p);
            List<byte[]> after = Aus.nals(o);
            List<byte[]> kept = new ArrayList<>();
            for (byte[] n : after) {
                if (before.stream().noneMatch(b -> Arrays.equals(b, n))) {
                    List<SeiMessage> m = SeiReader.read(codec, n);
                    assertThat(m).hasSize(1);
                    inserted.add(m.get(0));
                    if (m.get(0).payloadType() == 5) {
                        assertThat(m.get(0).uuid()).isEqualTo(SeiSettings.LAYOUT_VOLUME_UUID);
                        assertThat(m.get(0).data())
                                .isEqualTo(layout.withTs(clock.ms).toJsonBytes());
                        gotLayout.add(p.ptsUs());
                    } else {
                        assertThat(m.get(0).payloadType()).isEqualTo(100);
                        assertThat(m.get(0).data())
                                .isEqualTo(pass.withTs(clock.ms).toJsonBytes());
                        gotPass.add(p.ptsUs());
                    }
                } else {
                    kept.add(n);
                }
            }
            // everything else byte-identical and in order
            assertThat(kept).containsExactlyElementsOf(before);
            if (o == p) {
                assertThat(after).hasSameSizeAs(before);
            }
        }
        assertThat(gotLayout).isEqualTo(wantLayout);
        assertThat(gotPass).isEqualTo(wantPass);

        // Annex B with the parameter sets before every key frame
        List<byte[]> params = FixtureAus.parameterSets(name, codec);
        ByteArrayOutputStream annexB = new ByteArrayOutputStream();
        for (MediaPacket o : out) {
            if (o.key()) {
                for (byte[] ps : params) {
                    annexB.writeBytes(new byte[] {0, 0, 0, 1});
                    annexB.writeBytes(ps);
                }
            }
            annexB.writeBytes(NalUnits.lengthPrefixedToAnnexB(o.data(), 4));
        }
        Path f = tmp.resolve("out." + codec.id());
        Files.write(f, annexB.toByteArray());

        FixtureAus.Result decode = FixtureAus.run(
                List.of("ffmpeg", "-v", "error", "-xerror", "-f", codec.id(), "-i", f.toString(), "-f", "null", "-"));
        assertThat(decode.out().stderr()).isEmpty();
        assertThat(decode.code()).isZero();

        FixtureAus.Result trace = FixtureAus.run(List.of(
                "ffmpeg",
                "-hide_banner",
                "-f",
                codec.id(),
                "-i",
                f.toString(),
                "-c",
                "copy",
                "-bsf:v",
                "trace_headers",
                "-f",
                "null",
                "-"));
        assertThat(trace.code()).as(trace.out().stderr()).isZero();
        List<SeiMessage> seen = traceSei(trace.out().stderr());
        List<SeiMessage> ours = seen.stream()
                .filter(m -> m.payloadType() == 100
                        || (m.payloadType() == 5 && SeiSettings.LAYOUT_VOLUME_UUID.equals(m.uuid())))
                .toList();
        assertThat(ours).containsExactlyElementsOf(inserted);
        assertThat(ours).hasSize(wantLayout.size() + wantPass.size());
    }

    /** The SEI messages trace_headers prints, rebuilt from its per-field lines. */
    static List<SeiMessage> traceSei(String log) {
        List<SeiMessage> out = new ArrayList<>();
        int acc = 0;
        int type = -1;
        ByteArrayOutputStream bytes = null;
        for (String line : log.split("\n")) {
            Matcher m = TRACE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String field = m.group(1);
            int v = Integer.parseInt(m.group(2));
            switch (field) {
                case "ff_byte" -> acc += v;
                case "last_payload_type_byte" -> {
                    flush(out, type, bytes);
                    type = acc + v;
                    acc = 0;
                    bytes = null;
                }
                case "last_payload_size_byte" -> {
                    acc = 0;
                    bytes = new ByteArrayOutputStream();
                }
                case "uuid_iso_iec_11578", "user_data_payload_byte", "payload_byte" -> {
                    if (bytes != null) {
                        bytes.write(v);
                    }
                }
                case "forbidden_zero_bit" -> {
                    flush(out, type, bytes);
                    type = -1;
                    bytes = null;
                }
                default -> {}
            }
        }
        flush(out, type, bytes);
        return out;
    }

    private static void flush(List<SeiMessage> out, int type, ByteArrayOutputStream bytes) {
        if (type < 0 || bytes == null) {
            return;
        }
        byte[] b = bytes.toByteArray();
        if (type == 5 && b.length >= 16) {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
            java.util.UUID u = new java.util.UUID(bb.getLong(), bb.getLong());
            out.add(SeiMessage.userData(u, Arrays.copyOfRange(b, 16, b.length)));
        } else if (type != 5) {
            out.add(SeiMessage.of(type, b));
        }
    }
}
