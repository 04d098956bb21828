package dev.liveloom.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** ffprobe's view of a file, for comparing our output with an independent reader. */
public final class Ffprobe {
    private Ffprobe() {}

    /** One packet as ffprobe prints it. */
    public record Packet(String type, int stream, double dtsMs, double ptsMs, boolean key, int size) {}

    /** Every packet of {@code file} (or URL) in file order. */
    public static List<Packet> packets(String file) throws IOException, InterruptedException {
        List<Packet> out = new ArrayList<>();
        for (Map<String, String> m :
                run(file, "-show_entries", "packet=codec_type,stream_index,pts_time,dts_time,size,flags")) {
            out.add(new Packet(
                    m.get("codec_type"),
                    Integer.parseInt(m.get("stream_index")),
                    ms(m.get("dts_time")),
                    ms(m.get("pts_time")),
                    m.getOrDefault("flags", "").startsWith("K"),
                    Integer.parseInt(m.get("size"))));
        }
        return out;
    }

    public static List<Packet> packets(Path file) throws IOException, InterruptedException {
        return packets(file.toString());
    }

    /** The stream entries (codec_name, codec_type, width, height, sample_rate, ...). */
    public static List<Map<String, String>> streams(String file) throws IOException, InterruptedException {
        return run(
                file, "-show_entries", "stream=index,codec_name,codec_type,width,height,sample_rate,channels,profile");
    }

    private static double ms(String t) {
        return t == null || t.equals("N/A") ? Double.NaN : Double.parseDouble(t) * 1000;
    }

    private static List<Map<String, String>> run(String file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Peers.tool("ffprobe"), "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-of", "compact=p=0", file));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("ffprobe failed on " + file + ": " + err);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> m = new HashMap<>();
            for (String kv : line.split("\\|")) {
                int i = kv.indexOf('=');
                if (i > 0) {
                    m.put(kv.substring(0, i), kv.substring(i + 1));
                }
            }
            rows.add(m);
        }
        return rows;
    }
}
