package dev.liveloom.mpu;

import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.runtime.EventLoopScheduler;
import dev.liveloom.core.runtime.LiveloomRuntime;
import dev.liveloom.mpu.MpuException.Code;
import dev.liveloom.mpu.internal.BypassRun;
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

    public BypassEngine(LiveloomRuntime runtime, ChannelRegistry channels) {
        this(runtime, channels, Duration.ofSeconds(1));
    }

    /** With the first reconnect delay of sources and outputs (doubling up to 30 s). */
    public BypassEngine(LiveloomRuntime runtime, ChannelRegistry channels, Duration retryBase) {
        this.runtime = runtime;
        this.channels = channels;
        this.retryBase = retryBase;
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
                url -> MediaIo.sink(url, runtime),
                retryBase);
        run.begin();
        return run;
    }
}
