package dev.liveloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encode command's output and error contract, run in-process. */
class EncodeCommandTest {
    static final Pattern SUMMARY = Pattern.compile(
            "encode: codec=(h264|aac) frames=(\\d+) seconds=([0-9.]+) encode_seconds=([0-9.]+) fps=([0-9.]+)"
                    + " kbps=([0-9.]+)( kernels=(vector|portable))?\\n");

    @TempDir
    Path dir;

    /** A moving gradient, {@code frames} pictures of w x h yuv420p. */
    static byte[] yuv(int w, int h, int frames) {
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.write((x * 3 + y * 2 + f * 4) & 0xff);
                }
            }
            for (int p = 0; p < 2; p++) {
                for (int y = 0; y < ch; y++) {
                    for (int x = 0; x < cw; x++) {
                        out.write(128 + ((x + y + f + p * 7) & 15));
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** A WAV file of a 440 Hz tone. */
    static byte[] wav(int rate, int channels, int bits, int frames) {
        int bytesPerSample = bits / 8;
        int data = frames * channels * bytesPerSample;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels);
        b.putInt(rate).putInt(rate * channels * bytesPerSample).putShort((short) (channels * bytesPerSample));
        b.putShort((short) bits);
        b.put("data".getBytes()).putInt(data);
        for (int i = 0; i < frames; i++) {
            double v = 0.3 * Math.sin(2 * Math.PI * 440 * i / rate);
            for (int c = 0; c < channels; c++) {
                if (bits == 16) {
                    b.putShort((short) Math.round(v * 32767));
                } else {
                    b.put((byte) (128 + Math.round(v * 127)));
                }
            }
        }
        return b.array();
    }

    static Matcher summary(ProbeCommandTest.Run r) {
        Matcher m = SUMMARY.matcher(r.out());
        assertThat(m.matches()).as("summary line in %s", r.out()).isTrue();
        return m;
    }

    @Test
    void h264WritesAnnexBAndOneSummaryLine() throws Exception {
        Path in = dir.resolve("in.yuv");
        Files.write(in, yuv(66, 34, 12));
        Path out = dir.resolve("out.h264");
        ProbeCommandTest.Run r = ProbeCommandTest.run(
                "encode",
                "--codec",
                "h264",
                "--size",
                "66x34",
                "--fps",
                "25",
                "--bitrate",
                "300",
                "--gop",
                "5",
                "--preset",
                "veryfast",
                in.toString(),
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = summary(r);
        assertThat(m.group(1)).isEqualTo("h264");
        // the test JVM has the vector module (see the build's argLine)
        assertThat(m.group(8)).isEqualTo("vector");
        assertThat(m.group(2)).isEqualTo("12");
        assertThat(m.group(3)).isEqualTo("0.480");
        byte[] b = Files.readAllBytes(out);
        assertThat(b).startsWith(0, 0, 0, 1, 0x67);
        double kbps = Double.parseDouble(m.group(6));
        assertThat(kbps).isCloseTo(b.length * 8 / 0.48 / 1000, org.assertj.core.data.Offset.offset(0.1));
        // three IDR pictures (GOP 5): SPS, PPS and an IDR slice each
        int idr = 0;
        for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 1 && (b[i + 4] & 0x1f) == 5) {
                idr++;
            }
        }
        assertThat(idr).isEqualTo(3);
    }

    @Test
    void aacWritesAdtsFramesCoveringTheInput() throws Exception {
        Path in = dir.resolve("in.wav");
        Files.write(in, wav(44100, 2, 16, 44100));
        Path out = dir.resolve("out.aac");
        ProbeCommandTest.Run r =
                ProbeCommandTest.run("encode", "--codec", "aac", "--bitrate", "96", in.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = summary(r);
        assertThat(m.group(1)).isEqualTo("aac");
        // 44100 samples need 44 frames after the 1024-sample priming frame
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(45);
        assertThat(m.group(3)).isEqualTo("1.000");
        byte[] b = Files.readAllBytes(out);
        int frames = 0;
        for (int p = 0; p < b.length; frames++) {
            assertThat(b[p] & 0xff).isEqualTo(0xff);
            assertThat(b[p + 1] & 0xf6).isEqualTo(0xf0);
            assertThat((b[p + 2] >> 2) & 15).as("frequency index").isEqualTo(4);
            p += ((b[p + 3] & 3) << 11) | ((b[p + 4] & 0xff) << 3) | ((b[p + 5] & 0xff) >> 5);
        }
        assertThat(frames).isEqualTo(45);
    }

    @Test
    void aacResamplesToTheRequestedRate() throws Exception {
        Path in = dir.resolve("in.wav");
        Files.write(in, wav(44100, 1, 16, 22050));
        Path out = dir.resolve("out.aac");
        ProbeCommandTest.Run r = ProbeCommandTest.run(
                "encode", "--codec", "aac", "--bitrate", "64", "--sample-rate", "48000", in.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = summary(r);
        assertThat(Double.parseDouble(m.group(3))).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001));
        byte[] b = Files.readAllBytes(out);
        assertThat((b[2] >> 2) & 15).as("frequency index of 48 kHz").isEqualTo(3);
        assertThat(((b[2] & 1) << 2) | ((b[3] & 0xff) >> 6)).as("channels").isEqualTo(1);
    }

    private ProbeCommandTest.Run failing(String... args) {
        ProbeCommandTest.Run r = ProbeCommandTest.run(args);
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        return r;
    }

    @Test
    void inputThatIsNotWholeFramesIsRefused() throws Exception {
        Path in = dir.resolve("in.yuv");
        Files.write(in, new byte[1000]);
        ProbeCommandTest.Run r = failing(
                "encode",
                "--codec",
                "h264",
                "--size",
                "16x16",
                "--fps",
                "30",
                "--bitrate",
                "100",
                in.toString(),
                dir.resolve("o.h264").toString());
        assertThat(r.err())
                .isEqualTo("liveloom encode: " + in
                        + ": 1000 bytes is not a whole number of 16x16 yuv420p frames (384 bytes each)\n");
    }

    @Test
    void unknownPresetAndProfileAreRefused() throws Exception {
        Path in = dir.resolve("in.yuv");
        Files.write(in, yuv(16, 16, 1));
        ProbeCommandTest.Run r = failing(
                "encode",
                "--codec",
                "h264",
                "--size",
                "16x16",
                "--fps",
                "30",
                "--bitrate",
                "100",
                "--preset",
                "warp",
                in.toString(),
                dir.resolve("o.h264").toString());
        assertThat(r.err())
                .isEqualTo("liveloom encode: unknown preset 'warp': allowed ultrafast, superfast, veryfast, faster,"
                        + " fast, medium, slow, slower, veryslow, placebo\n");
        r = failing(
                "encode",
                "--codec",
                "h264",
                "--size",
                "16x16",
                "--fps",
                "30",
                "--bitrate",
                "100",
                "--profile",
                "extended",
                in.toString(),
                dir.resolve("o.h264").toString());
        assertThat(r.err()).contains("unknown profile 'extended': allowed baseline, main, high");
        r = failing(
                "encode",
                "--codec",
                "h264",
                "--size",
                "16by16",
                "--fps",
                "30",
                "--bitrate",
                "100",
                in.toString(),
                dir.resolve("o.h264").toString());
        assertThat(r.err()).contains("size '16by16' is not WxH");
        r = failing(
                "encode",
                "--codec",
                "vp9",
                "--bitrate",
                "100",
                in.toString(),
                dir.resolve("o").toString());
        assertThat(r.err()).contains("unknown codec 'vp9': allowed h264, aac");
    }

    @Test
    void badWavInputsAreRefused() throws Exception {
        Path notWav = dir.resolve("not.wav");
        Files.write(notWav, yuv(16, 16, 1));
        ProbeCommandTest.Run r = failing(
                "encode",
                "--codec",
                "aac",
                "--bitrate",
                "64",
                notWav.toString(),
                dir.resolve("o.aac").toString());
        assertThat(r.err()).isEqualTo("liveloom encode: " + notWav + ": not a WAV file (no RIFF/WAVE header)\n");

        Path eight = dir.resolve("eight.wav");
        Files.write(eight, wav(8000, 1, 8, 800));
        r = failing(
                "encode",
                "--codec",
                "aac",
                "--bitrate",
                "32",
                eight.toString(),
                dir.resolve("o.aac").toString());
        assertThat(r.err())
                .isEqualTo("liveloom encode: " + eight + ": 8-bit WAV not supported: only 16-bit integer PCM\n");

        r = failing(
                "encode",
                "--codec",
                "aac",
                "--bitrate",
                "32",
                dir.resolve("missing.wav").toString(),
                dir.resolve("o.aac").toString());
        assertThat(r.err()).contains("missing.wav: no such file");
    }

    @Test
    void verbosePrintsTheStackTrace() throws Exception {
        Path notWav = dir.resolve("not.wav");
        Files.write(notWav, new byte[100]);
        ProbeCommandTest.Run r = ProbeCommandTest.run(
                "encode",
                "--verbose",
                "--codec",
                "aac",
                "--bitrate",
                "64",
                notWav.toString(),
                dir.resolve("o.aac").toString());
        Failures.verbose = false;
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("not a WAV file").contains("\tat dev.liveloom.cli.WavReader");
    }
}
