package dev.liveloom.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.liveloom.core.io.BlockingReads;
import dev.liveloom.core.io.ByteInput;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.media.TrackFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liveloom probe [--json] SOURCE}: the tracks and every packet of a file or http(s) URL, in
 * decode order, times in milliseconds as ffprobe's {@code -show_packets} gives them.
 */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = "Print the tracks and packets of an FLV or MP4 file or http(s) URL.")
final class ProbeCommand implements Callable<Integer> {
    /** How long one read may wait for network bytes before the probe gives up. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--json", description = "Print one JSON object: format, tracks, packets.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces on failure.")
    void verbose(boolean v) {
        Failures.verbose = v;
    }

    @Parameters(paramLabel = "SOURCE", description = "A local path or an http(s) URL.")
    String source;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ProbeResult r = probe(source);
        if (json) {
            writeJson(r, out);
        } else {
            writeText(r, out);
        }
        out.flush();
        if (r.failure != null) {
            throw r.failure;
        }
        return 0;
    }

    /** Reads every packet; a failure after some packets is kept so the whole ones are still printed. */
    static ProbeResult probe(String source) throws IOException {
        ByteInput input = Sources.open(source);
        ProbeResult r = new ProbeResult(input.name());
        try (Demuxer demuxer = Demuxers.open(input, READ_TIMEOUT)) {
            r.format = demuxer.formatName();
            try {
                MediaPacket p;
                while ((p = BlockingReads.next(demuxer, input, READ_TIMEOUT)) != null) {
                    r.packets.add(p);
                }
            } catch (IOException e) {
                r.failure = new SourceException(input.name(), e);
            }
            r.tracks = demuxer.tracks();
        } catch (IOException e) {
            if (r.failure == null) {
                throw new SourceException(input.name(), e);
            }
        } finally {
            input.close();
        }
        return r;
    }

    static void writeText(ProbeResult r, PrintStream out) {
        out.println("source: " + r.source);
        out.println("format: " + r.format);
        for (int i = 0; i < r.tracks.size(); i++) {
            out.println("track " + i + ": " + r.tracks.get(i));
        }
        for (MediaPacket p : r.packets) {
            out.printf(
                    Locale.ROOT,
                    "packet track=%d dts=%.3f pts=%.3f %s size=%d%n",
                    p.track(),
                    p.dtsUs() / 1000.0,
                    p.ptsUs() / 1000.0,
                    p.key() ? "key" : "-",
                    p.size());
        }
    }

    static void writeJson(ProbeResult r, OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("format", r.format);
        g.writeArrayFieldStart("tracks");
        for (int i = 0; i < r.tracks.size(); i++) {
            TrackFormat t = r.tracks.get(i);
            g.writeStartObject();
            g.writeNumberField("index", i);
            g.writeStringField("type", t.type().id());
            g.writeStringField("codec", t.codec().id());
            if (t.profile() != null) {
                g.writeStringField("profile", t.profile());
            }
            if (t.type() == MediaType.VIDEO) {
                g.writeNumberField("width", t.width());
                g.writeNumberField("height", t.height());
            } else {
                g.writeNumberField("sampleRate", t.sampleRate());
                g.writeNumberField("channels", t.channels());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("packets");
        for (MediaPacket p : r.packets) {
            g.writeStartObject();
            g.writeNumberField("track", p.track());
            g.writeNumberField("dtsMs", p.dtsUs() / 1000.0);
            g.writeNumberField("ptsMs", p.ptsUs() / 1000.0);
            g.writeBooleanField("key", p.key());
            g.writeNumberField("size", p.size());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.failure != null) {
            g.writeStringField("error", r.failure.getMessage());
        }
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    /** What a probe found. */
    static final class ProbeResult {
        final String source;
        String format;
        List<TrackFormat> tracks = List.of();
        final List<MediaPacket> packets = new java.util.ArrayList<>();
        SourceException failure;

        ProbeResult(String source) {
            this.source = source;
        }
    }
}
