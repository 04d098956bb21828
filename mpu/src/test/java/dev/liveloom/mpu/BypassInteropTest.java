package dev.liveloom.mpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liveloom.core.codec.NalUnits;
import dev.liveloom.core.io.BlockingReads;
import dev.liveloom.core.io.FileByteInput;
import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.Demuxer;
import dev.liveloom.core.media.Demuxers;
import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaType;
import dev.liveloom.core.relay.PipelineEngine;
import dev.liveloom.core.relay.RelayService;
import dev.liveloom.core.relay.RelayTaskSpec;
import dev.liveloom.core.relay.RelayTaskState;
import dev.liveloom.core.relay.SourceType;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.core.testing.Ffprobe;
import dev.liveloom.core.testing.Fixtures;
import dev.liveloom.core.testing.Nginx;
import dev.liveloom.core.testing.Peers;
import dev.liveloom.flv.tag.HevcLayout;
import dev.liveloom.mpu.MpuParams.LayoutVolume;
import dev.liveloom.mpu.MpuParams.PassThrough;
import dev.liveloom.mpu.MpuParams.SeiParams;
import dev.liveloom.mpu.MpuParams.SingleSubParams;
import dev.liveloom.mpu.MpuParams.StartRequest;
import dev.liveloom.mpu.MpuParams.StopRequest;
import dev.liveloom.mpu.MpuTaskPlan.Source;
import dev.liveloom.rtmp.RtmpServer;
import dev.liveloom.rtmp.RtmpServerConfig;
import dev.liveloom.rtmp.RtmpSinkOptions;
import dev.liveloom.sei.SeiMessage;
import dev.liveloom.sei.SeiReader;
import dev.liveloom.sei.SeiSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bypass tasks of a channel user (an ffmpeg-published stream into the embedded server) to
 * nginx-rtmp: every frame arrives, SEI carries the expected JSON on every IDR and at the interval,
 * and audio-only and video-only outputs have one track.
 */
@Tag("interop")
class BypassInteropTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static List<MediaPacket> read(Path file) throws Exception {
        List<MediaPacket> out = new ArrayList<>();
        FileByteInput in = FileByteInput.open(file);
        try (Demuxer d = Demuxers.open(in, Duration.ofSeconds(5))) {
            MediaPacket p;
            while ((p = BlockingReads.next(d, in, Duration.ofSeconds(5))) != null) {
                out.add(p);
            }
        }
        return out;
    }

    static List<SeiMessage> sei(MediaPacket p) throws Exception {
        List<SeiMessage> found = new ArrayList<>();
        ByteBuffer b = p.data();
        Codec codec = p.format().codec();
        NalUnits.forEachLengthPrefixed(b, p.format().nalLengthSize(), (buf, off, len) -> {
            int type = NalUnits.type(codec, buf.get(off));
            if (type == (codec == Codec.HEVC ? NalUnits.H265_PREFIX_SEI : NalUnits.H264_SEI)) {
                found.addAll(SeiReader.read(codec, buf, off, len));
            }
        });
        return found;
    }

    static StartRequest bypass(String task, String url, String streamType, SeiParams sei) {
        return new StartRequest(
                "app1",
                "ch1",
                task,
                "0",
                url,
                null,
                null,
                null,
                new SingleSubParams("camera", streamType, "u1"),
                null,
                sei);
    }

    @Test
    void bypassForwardsEveryFrameWithSeiAndSplitsAudioAndVideo(@TempDir Path dir) throws Exception {
        try (LiveloomRuntime rt = LiveloomRuntime.builder().eventLoopThreads(2).build();
                RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), rt.eventLoopGroup());
                Nginx nginx = Nginx.start(dir.resolve("nginx"), false)) {
            ChannelRegistry channels = new ChannelRegistry();
            String userUrl = server.url("app1", "ch1.u1");
            channels.join("app1", "ch1", "u1", Map.of(Source.CAMERA, userUrl));
            MpuService mpu = MpuService.builder()
                    .scheduler(new EventLoopScheduler(rt.eventLoopGroup().next()))
                    .channels(channels)
                    .engine(new BypassEngine(rt, channels, Duration.ofMillis(200)))
                    .build();
            SeiParams sei = new SeiParams(
                    new LayoutVolume("1", "1000"), new PassThrough("0", "2000", "hello world", null, "100"));
            mpu.startLiveMpuTask(bypass("full", nginx.rtmpUrl("full"), "0", sei));
            mpu.startLiveMpuTask(bypass("audio", nginx.rtmpUrl("audio"), "1", null));
            mpu.startLiveMpuTask(bypass("video", nginx.rtmpUrl("video"), "2", null));
            Thread.sleep(1000);
            Process ff = new ProcessBuilder(
                            Peers.tool("ffmpeg"),
                            "-v",
                            "error",
                            "-re",
                            "-i",
                            Fixtures.media("h264-aac.flv").toString(),
                            "-c",
                            "copy",
                            "-f",
                            "flv",
                            userUrl)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ffmpeg.log").toFile())
                    .start();
            assertThat(ff.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ff.exitValue()).as(Peers.read(dir.resolve("ffmpeg.log"))).isZero();
            Thread.sleep(1500);
            for (String t : List.of("full", "audio", "video")) {
                mpu.stopLiveMpuTask(new StopRequest("app1", "ch1", t));
            }
            Thread.sleep(1500);

            List<MediaPacket> src = read(Fixtures.media("h264-aac.flv"));
            long srcVideo = src.stream()
                    .filter(p -> p.format().type() == MediaType.VIDEO)
                    .count();
            long srcAudio = src.stream()
                    .filter(p -> p.format().type() == MediaType.AUDIO)
                    .count();
            Path full = nginx.awaitRecording("full");
            List<Ffprobe.Packet> ff1 = Ffprobe.packets(full);
            assertThat(ff1.stream().filter(p -> p.type().equals("video")).count())
                    .isEqualTo(srcVideo);
            assertThat(ff1.stream().filter(p -> p.type().equals("audio")).count())
                    .isEqualTo(srcAudio);

            List<MediaPacket> rec = read(full).stream()
                    .filter(p -> p.format().type() == MediaType.VIDEO)
                    .toList();
            long lastLayoutUs = Long.MIN_VALUE;
            int layouts = 0;
            int passThroughs = 0;
            for (MediaPacket p : rec) {
                List<SeiMessage> msgs = sei(p);
                boolean layout = false;
                for (SeiMessage m : msgs) {
                    if (m.payloadType() == 5 && SeiSettings.LAYOUT_VOLUME_UUID.equals(m.uuid())) {
                        layout = true;
                        JsonNode j = JSON.readTree(new String(m.data(), StandardCharsets.UTF_8));
                        assertThat(j.get("canvas").get("w").asInt()).isEqualTo(320);
                        assertThat(j.get("canvas").get("h").asInt()).isEqualTo(180);
                        assertThat(j.get("stream").get(0).get("uid").asText()).isEqualTo("u1");
                        assertThat(j.get("stream").get(0).get("paneid").asInt()).isEqualTo(-1);
                        assertThat(j.get("ver").asText()).isEqualTo("1.0.0.20220915");
                    } else if (m.payloadType() == 100) {
                        passThroughs++;
                        JsonNode j = JSON.readTree(new String(m.data(), StandardCharsets.UTF_8));
                        assertThat(j.get("udd").asText()).isEqualTo("hello world");
                    }
                }
                if (p.key()) {
                    assertThat(layout)
                            .as("layout SEI on the key frame at %d us", p.ptsUs())
                            .isTrue();
                }
                if (layout) {
                    if (lastLayoutUs != Long.MIN_VALUE) {
                        assertThat(p.ptsUs() - lastLayoutUs)
                                .as("SEI interval")
                                .isLessThanOrEqualTo(1_000_000 + 120_000);
                    }
                    lastLayoutUs = p.ptsUs();
                    layouts++;
                }
            }
            assertThat(layouts).isGreaterThanOrEqualTo(2);
            assertThat(passThroughs).isBetween(1, 2);

            List<Ffprobe.Packet> audioOnly = Ffprobe.packets(nginx.awaitRecording("audio"));
            assertThat(audioOnly).isNotEmpty().allMatch(p -> p.type().equals("audio"));
            assertThat(audioOnly).hasSize((int) srcAudio);
            List<Ffprobe.Packet> videoOnly = Ffprobe.packets(nginx.awaitRecording("video"));
            assertThat(videoOnly).isNotEmpty().allMatch(p -> p.type().equals("video"));
            assertThat(videoOnly).hasSize((int) srcVideo);
            mpu.close();
        }
    }

    /**
     * H.265: ffmpeg 5.1 cannot publish HEVC over RTMP, so the user's stream is our own relay of the
     * enhanced-FLV HEVC fixture (four loops, four IDRs) into the embedded server; the bypass output
     * goes to nginx-rtmp with the legacy codec id 12 (nginx-rtmp drops enhanced-RTMP video: it takes
     * the IsExHeader bit for the frame type and never sees a key frame), and its recording is read back
     * with our FLV demuxer (ffprobe 5.1 cannot read HEVC in FLV): every frame is there, still HEVC, and
     * every IRAP picture carries the layout SEI as an H.265 prefix SEI NAL.
     */
    @Test
    void hevcBypassCarriesEveryFrameAndPrefixSei(@TempDir Path dir) throws Exception {
        try (LiveloomRuntime rt = LiveloomRuntime.builder().eventLoopThreads(2).build();
                RtmpServer server = RtmpServer.start(RtmpServerConfig.defaults().withPort(0), rt.eventLoopGroup());
                Nginx nginx = Nginx.start(dir.resolve("nginx"), false)) {
            ChannelRegistry channels = new ChannelRegistry();
            String userUrl = server.url("app1", "ch1.u1");
            channels.join("app1", "ch1", "u1", Map.of(Source.CAMERA, userUrl));
            EventLoopScheduler scheduler =
                    new EventLoopScheduler(rt.eventLoopGroup().next());
            MpuService mpu = MpuService.builder()
                    .scheduler(scheduler)
                    .channels(channels)
                    .engine(new BypassEngine(
                            rt,
                            channels,
                            Duration.ofMillis(200),
                            RtmpSinkOptions.DEFAULTS.withHevcLayout(HevcLayout.CODEC_ID_12)))
                    .build();
            SeiParams sei = new SeiParams(
                    new LayoutVolume("1", "1000"), new PassThrough("0", "2000", "hevc pass", null, "100"));
            mpu.startLiveMpuTask(bypass("hevc", nginx.rtmpUrl("hevc"), "0", sei));
            Thread.sleep(500);
            int loops = 4;
            try (RelayService user = RelayService.builder()
                    .scheduler(scheduler)
                    .engine(PipelineEngine.onRuntime(rt, true))
                    .allowFileSources(true)
                    .callbackRequired(false)
                    .build()) {
                String id = user.create(RelayTaskSpec.builder()
                        .name("hevc-user")
                        .sources(
                                SourceType.VIDEO_URL,
                                List.of(Fixtures.media("hevc-enhanced.flv").toString()))
                        .playbackTimes(loops)
                        .destinationUrl(userUrl)
                        .build());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (user.get(id).state() != RelayTaskState.STOPPED && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(user.get(id).state()).isEqualTo(RelayTaskState.STOPPED);
            }
            Thread.sleep(1500);
            mpu.stopLiveMpuTask(new StopRequest("app1", "ch1", "hevc"));
            Thread.sleep(1500);

            long srcVideo = read(Fixtures.media("hevc-enhanced.flv")).stream()
                    .filter(p -> p.format().type() == MediaType.VIDEO)
                    .count();
            List<MediaPacket> rec = read(nginx.awaitRecording("hevc")).stream()
                    .filter(p -> p.format().type() == MediaType.VIDEO)
                    .toList();
            assertThat(rec).hasSize((int) (loops * srcVideo));
            assertThat(rec).allMatch(p -> p.format().codec() == Codec.HEVC);
            int keys = 0;
            int layouts = 0;
            int passThroughs = 0;
            for (MediaPacket p : rec) {
                boolean layout = false;
                for (SeiMessage m : sei(p)) {
                    if (m.payloadType() == 5 && SeiSettings.LAYOUT_VOLUME_UUID.equals(m.uuid())) {
                        layout = true;
                        JsonNode j = JSON.readTree(new String(m.data(), StandardCharsets.UTF_8));
                        assertThat(j.get("canvas").get("w").asInt()).isEqualTo(320);
                        assertThat(j.get("canvas").get("h").asInt()).isEqualTo(180);
                        assertThat(j.get("stream").get(0).get("uid").asText()).isEqualTo("u1");
                    } else if (m.payloadType() == 100) {
                        passThroughs++;
                        JsonNode j = JSON.readTree(new String(m.data(), StandardCharsets.UTF_8));
                        assertThat(j.get("udd").asText()).isEqualTo("hevc pass");
                    }
                }
                if (p.key()) {
                    keys++;
                    assertThat(layout)
                            .as("layout SEI on the IRAP picture at %d us", p.ptsUs())
                            .isTrue();
                }
                layouts += layout ? 1 : 0;
            }
            assertThat(keys).isGreaterThanOrEqualTo(loops);
            assertThat(layouts).isGreaterThanOrEqualTo(keys);
            assertThat(passThroughs).isPositive();
            mpu.close();
        }
    }
}
