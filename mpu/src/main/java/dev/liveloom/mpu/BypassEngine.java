package dev.liveloom.mpu;

import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.mpu.MpuException.Code;
import dev.liveloom.mpu.internal.BypassRun;
import dev.liveloom.rtmp.RtmpPublisher;
import dev.liveloom.rtmp.RtmpSinkOptions;
import java.time.Duration;

/**
 * The single-stream (MixMode 0) engine: forwards one user's stream of a channel without transcoding
 * (original, audio only or video only) to every output URL, inserting the requested SEI. Each task
 * is one chain of callbacks on one event loop of the runtime. Mixing (MixMode 1) is refused with
 * {@code OperationDenied: mixing is not available in this build}.
 */
public final class BypassEngine implements MpuEngine {
    private final LiveloomRuntime runtime;
    private final ChannelRegistry channels;
    private final Duration retryBase;
    private final RtmpSinkOptions outputOptions;

    public BypassEngine(LiveloomRuntime runtime, ChannelRegistry channels) {
        this(runtime, channels, Duration.ofSeconds(1));
    }

    /** With the first reconnect delay of sources and outputs (doubling up to 30 s). */
    public BypassEngine(LiveloomRuntime runtime, ChannelRegistry channels, Duration retryBase) {
        this(runtime, channels, retryBase, RtmpSinkOptions.DEFAULTS);
    }

    /**
     * With how outputs publish: H.265 goes as enhanced RTMP ('hvc1') by default, which FFmpeg 6.1+,
     * OBS and YouTube read; ingests built on nginx-rtmp (and most Chinese CDNs) need {@link
     * dev.liveloom.flv.tag.HevcLayout#CODEC_ID_12}: nginx-rtmp reads the frame type from the first
     * byte's high nibble, which the enhanced header uses for its own flag, and so never sees a key
     * frame and drops the video.
     */
    public BypassEngine(
            LiveloomRuntime runtime, ChannelRegistry channels, Duration retryBase, RtmpSinkOptions outputOptions) {
        this.runtime = runtime;
        this.channels = channels;
        this.retryBase = retryBase;
        this.outputOptions = java.util.Objects.requireNonNull(outputOptions, "outputOptions");
    }

    @Override
    public Run start(MpuTaskPlan plan, RunListener listener) {
        if (plan.mixing()) {
            throw new MpuException(Code.OPERATION_DENIED, "MixMode", "mixing is not available in this build", null);
        }
        BypassRun run = new BypassRun(
                plan,
                listener,
                channels,
                new EventLoopScheduler(runtime.eventLoopGroup().next()),
                runtime.clock(),
                url -> MediaIo.source(url, runtime, false),
                url -> RtmpPublisher.create(url, outputOptions, runtime.eventLoopGroup()),
                retryBase);
        run.begin();
        return run;
    }
}
