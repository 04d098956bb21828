package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.Codec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against ffmpeg/ffprobe 5.1 (run with {@code -Pinterop}): an SPS written by us with scaling
 * matrices and POC type 1 must be read by ffmpeg as we read it, and ADTS framing of ffmpeg's output
 * must match ffprobe's packet count.
 */
@Tag("interop")
class CodecInteropTest {
    @TempDir
    Path dir;

    private static byte[] run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out");
        }
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    /** x264's SPS fields with every scaling list present, POC type 1 instead of 2, same picture. */
    private static byte[] rewriteSps(H264Sps s) {
        BitWriter w = new BitWriter();
        w.writeBits(s.profileIdc(), 8).writeBits(s.constraintFlags(), 8).writeBits(s.levelIdc(), 8);
        w.writeUe(s.spsId()).writeUe(s.chromaFormatIdc()).writeUe(0).writeUe(0).writeBit(0);
        w.writeBit(1); // seq_scaling_matrix_present_flag
        for (int i = 0; i < 8; i++) {
            w.writeBit(1);
            int size = i < 6 ? 16 : 64;
            int last = 8;
            for (int j = 0; j < size; j++) {
                int next = 8 + ((i + j) % 9); // 8..16: a mild, valid matrix
                int delta = next - last;
                w.writeSe(delta > 127 ? delta - 256 : delta);
                last = next;
            }
        }
        w.writeUe(s.log2MaxFrameNum() - 4);
        // POC type 1 with delta_pic_order_always_zero_flag: slice headers carry no POC fields, as with
        // type 2, so x264's slices stay valid
        w.writeUe(1).writeBit(1).writeSe(0).writeSe(0).writeUe(1).writeSe(2);
        w.writeUe(s.maxNumRefFrames()).writeBit(0);
        w.writeUe(s.codedWidth() / 16 - 1)
                .writeUe(s.codedHeight() / 16 - 1)
                .writeBit(1)
                .writeBit(1);
        int cropBottom = (s.codedHeight() - s.height()) / 2;
        w.writeBit(1).writeUe(0).writeUe(0).writeUe(0).writeUe(cropBottom);
        w.writeBit(1); // vui
        w.writeBits(0, 4); // no aspect ratio, overscan, signal type, chroma location
        w.writeBit(1).writeBits(1, 32).writeBits(50, 32).writeBit(1); // 25 fps
        w.writeBits(0, 3).writeBit(0); // no HRD, no pic_struct, no bitstream restriction
        w.writeTrailingBits();
        byte[] escaped = NalUnits.escape(w.toByteArray());
        byte[] nal = new byte[escaped.length + 1];
        nal[0] = 0x67;
        System.arraycopy(escaped, 0, nal, 1, escaped.length);
        return nal;
    }

    @Test
    void ffmpegReadsOurScalingListsAndPocTypeOne() throws Exception {
        byte[] es = run(
                "ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x180:rate=25:duration=0.4",
                "-pix_fmt",
                "yuv420p",
                "-c:v",
                "libx264",
                "-profile:v",
                "high",
                "-bf",
                "0",
                "-f",
                "h264",
                "-");
        NalUnits.ParameterSets ps = NalUnits.extractParameterSets(Codec.H264, ByteBuffer.wrap(es), 0);
        H264Sps original = H264Sps.parse(ps.sps().get(0));
        assertThat(original.picOrderCntType()).isEqualTo(2);
        byte[] sps = rewriteSps(original);
        H264Sps ours = H264Sps.parse(sps);
        assertThat(ours.picOrderCntType()).isEqualTo(1);
        assertThat(ours.numRefFramesInPicOrderCntCycle()).isEqualTo(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NalUnits.forEachAnnexB(ByteBuffer.wrap(es), (buf, off, len) -> {
            byte[] nal = new byte[len];
            buf.get(off, nal);
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.writeBytes((nal[0] & 0x1f) == NalUnits.H264_SPS ? sps : nal);
        });
        Path file = dir.resolve("scaling.h264");
        Files.write(file, out.toByteArray());
        String probe = new String(
                run(
                        "ffprobe",
                        "-v",
                        "error",
                        "-show_entries",
                        "stream=profile,width,height,level,r_frame_rate",
                        "-of",
                        "default=nw=1",
                        file.toString()),
                StandardCharsets.UTF_8);
        assertThat(probe.lines().toList())
                .containsExactlyInAnyOrder(
                        "profile=" + ours.profileName(),
                        "width=" + ours.width(),
                        "height=" + ours.height(),
                        "r_frame_rate=25/1",
                        "level=" + ours.levelIdc());
        assertThat(ours.width()).isEqualTo(320);
        assertThat(ours.height()).isEqualTo(180);
        // and it decodes: every frame, no error output (ffmpeg exits non-zero with -xerror on errors)
        run("ffmpeg", "-v", "error", "-xerror", "-i", file.toString(), "-f", "null", "-");
    }

    @Test
    void adtsFramingMatchesFfprobe() throws Exception {
        byte[] adts = run(
                "ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=48000:duration=1",
                "-ac",
                "2",
                "-c:a",
                "aac",
                "-f",
                "adts",
                "-");
        Path file = dir.resolve("sine.aac");
        Files.write(file, adts);
        List<Adts> frames = new ArrayList<>();
        int p = 0;
        while (p < adts.length) {
            Adts h = Adts.parse(adts, p, adts.length - p);
            h.requireWhole(adts.length - p);
            frames.add(h);
            p += h.frameLength();
        }
        assertThat(p).isEqualTo(adts.length);
        String count = new String(
                        run(
                                "ffprobe",
                                "-v",
                                "error",
                                "-count_packets",
                                "-show_entries",
                                "stream=nb_read_packets,sample_rate,channels,profile",
                                "-of",
                                "default=nw=1",
                                file.toString()),
                        StandardCharsets.UTF_8)
                .trim();
        AudioSpecificConfig asc = frames.get(0).toAudioSpecificConfig();
        assertThat(count.lines().toList())
                .containsExactlyInAnyOrder(
                        "profile=" + asc.profileName(),
                        "sample_rate=" + asc.outputSampleRate(),
                        "channels=" + asc.channels(),
                        "nb_read_packets=" + frames.size());
    }
}
