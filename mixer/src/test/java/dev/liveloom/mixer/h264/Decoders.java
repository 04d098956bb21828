package dev.liveloom.mixer.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.liveloom.mixer.EncodedFrame;
import dev.liveloom.mixer.YuvFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.common.model.Picture;

/** Reference decoders for the conformance tests: jcodec in process, ffmpeg as a process. */
final class Decoders {
    private Decoders() {}

    /** Encodes {@code frames}, returns the encoder's reconstructions and the stream. */
    record Run(List<YuvFrame> recon, List<EncodedFrame> units) {
        byte[] annexB() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (EncodedFrame u : units) {
                out.writeBytes(u.toAnnexB());
            }
            return out.toByteArray();
        }

        long bits() {
            long n = 0;
            for (EncodedFrame u : units) {
                n += u.data().length * 8L;
            }
            return n;
        }
    }

    static Run encode(H264Encoder enc, List<YuvFrame> frames) {
        List<YuvFrame> recon = new ArrayList<>();
        List<EncodedFrame> units = new ArrayList<>();
        for (YuvFrame f : frames) {
            units.add(enc.encode(f));
            recon.add(enc.reconstruction());
        }
        return new Run(recon, units);
    }

    /** Decodes every access unit with jcodec and asserts each picture equals the reconstruction. */
    static void assertJcodecMatches(Run run) {
        H264Decoder dec = new H264Decoder();
        for (int i = 0; i < run.units().size(); i++) {
            YuvFrame want = run.recon().get(i);
            int mbW = (want.width() + 15) & ~15;
            int mbH = (want.height() + 15) & ~15;
            byte[][] buf = new byte[3][mbW * mbH];
            Picture pic = dec.decodeFrame(ByteBuffer.wrap(run.units().get(i).toAnnexB()), buf);
            if (pic == null) {
                fail("jcodec returned no picture for frame " + i);
            }
            comparePlane(
                    "jcodec frame " + i + " Y",
                    want.y(),
                    want.width(),
                    want.height(),
                    pic.getPlaneData(0),
                    pic.getPlaneWidth(0),
                    128);
            comparePlane(
                    "jcodec frame " + i + " U",
                    want.u(),
                    want.width() / 2,
                    want.height() / 2,
                    pic.getPlaneData(1),
                    pic.getPlaneWidth(1),
                    128);
            comparePlane(
                    "jcodec frame " + i + " V",
                    want.v(),
                    want.width() / 2,
                    want.height() / 2,
                    pic.getPlaneData(2),
                    pic.getPlaneWidth(2),
                    128);
        }
    }

    /** Decodes the stream with ffmpeg -xerror and asserts each picture equals the reconstruction. */
    static void assertFfmpegMatches(Run run, Path dir) throws IOException, InterruptedException {
        Path in = dir.resolve("out.h264");
        Path out = dir.resolve("out.yuv");
        Files.write(in, run.annexB());
        Process p = new ProcessBuilder(
                        "ffmpeg",
                        "-v",
                        "error",
                        "-xerror",
                        "-y",
                        "-i",
                        in.toString(),
                        "-f",
                        "rawvideo",
                        "-pix_fmt",
                        "yuv420p",
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "ffmpeg failed: " + log);
        byte[] yuv = Files.readAllBytes(out);
        YuvFrame first = run.recon().get(0);
        int w = first.width();
        int h = first.height();
        int frameSize = w * h + 2 * (w / 2) * (h / 2);
        assertEquals((long) frameSize * run.recon().size(), yuv.length, "decoded size; ffmpeg said: " + log);
        for (int i = 0; i < run.recon().size(); i++) {
            YuvFrame want = run.recon().get(i);
            int o = i * frameSize;
            comparePlane("ffmpeg frame " + i + " Y", want.y(), w, h, slice(yuv, o, w * h), w, 0);
            comparePlane(
                    "ffmpeg frame " + i + " U", want.u(), w / 2, h / 2, slice(yuv, o + w * h, w * h / 4), w / 2, 0);
            comparePlane(
                    "ffmpeg frame " + i + " V",
                    want.v(),
                    w / 2,
                    h / 2,
                    slice(yuv, o + w * h + w * h / 4, w * h / 4),
                    w / 2,
                    0);
        }
    }

    private static byte[] slice(byte[] a, int off, int len) {
        byte[] r = new byte[len];
        System.arraycopy(a, off, r, 0, len);
        return r;
    }

    private static void comparePlane(String what, byte[] want, int w, int h, byte[] got, int gotStride, int bias) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = want[y * w + x] & 0xff;
                int b = (got[y * gotStride + x] + bias) & 0xff;
                if (a != b) {
                    fail(what + " differs at (" + x + "," + y + "): encoder " + a + ", decoder " + b);
                }
            }
        }
    }

    static double psnr(YuvFrame a, YuvFrame b) {
        long se = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                int d = (a.y()[y * a.yStride() + x] & 0xff) - (b.y()[y * b.yStride() + x] & 0xff);
                se += (long) d * d;
            }
        }
        double mse = (double) se / (a.width() * a.height());
        return mse == 0 ? 99 : 10 * Math.log10(255 * 255 / mse);
    }
}
