package dev.liveloom.mpu;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.runtime.Scheduler;
import dev.liveloom.mpu.MpuEvent.StopReason;
import dev.liveloom.mpu.MpuEvent.Type;
import dev.liveloom.mpu.MpuException.Code;
import dev.liveloom.mpu.MpuParams.StartRequest;
import dev.liveloom.mpu.MpuParams.StopRequest;
import dev.liveloom.mpu.MpuParams.UpdateRequest;
import dev.liveloom.mpu.internal.MpuValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StartLiveMPUTask, UpdateLiveMPUTask and StopLiveMPUTask with the seed's rules: validation with its
 * error codes, "channel does not exist", "Task already exists" until a task is cleared, one StreamURL
 * per running task and no reuse within 10 s of a stop, quotas per AppId (200 single-stream, 40
 * mixing), 500 calls/s per caller, and the lifecycle: a task stops MaxIdleTime seconds after it goes
 * idle, at once when its channel closes if MaxIdleTime is unset, and 2 minutes after all its users
 * left. Every answer carries a RequestId. Thread-safe.
 */
public final class MpuService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MpuService.class);

    public static final int DEFAULT_SINGLE_QUOTA = 200;
    public static final int DEFAULT_MIXING_QUOTA = 40;
    public static final int DEFAULT_CALLS_PER_SECOND = 500;
    public static final Duration URL_REUSE_DELAY = Duration.ofSeconds(10);
    public static final Duration USERS_LEFT_STOP = Duration.ofMinutes(2);

    /** The answer to a successful call. */
    public record Response(String requestId) {}

    private final Scheduler scheduler;
    private final ChannelRegistry channels;
    private final MpuEngine engine;
    private final int singleQuota;
    private final int mixingQuota;
    private final int callsPerSecond;
    private final List<MpuEvent.Listener> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, Task> urlsInUse = new HashMap<>();
    private final Map<String, Long> urlFreeAtNanos = new HashMap<>();
    private final Map<String, long[]> callWindows = new HashMap<>();
    private final ChannelRegistry.Listener channelListener = new ChannelEvents();
    private boolean closed;

    private MpuService(Builder b) {
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.channels = Objects.requireNonNull(b.channels, "channels");
        this.engine = Objects.requireNonNull(b.engine, "engine");
        this.singleQuota = b.singleQuota;
        this.mixingQuota = b.mixingQuota;
        this.callsPerSecond = b.callsPerSecond;
        channels.addListener(channelListener);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void addListener(MpuEvent.Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    /** StartLiveMPUTask. @throws MpuException with the seed's code, status and the request ID */
    public synchronized Response startLiveMpuTask(StartRequest r) {
        String requestId = newRequestId();
        try {
            throttle(r.appId());
            MpuTaskPlan plan = MpuValidator.start(
                    r.appId(),
                    r.channelId(),
                    r.taskId(),
                    r.mixMode(),
                    r.streamUrl(),
                    r.multiStreamUrl(),
                    r.region(),
                    r.maxIdleTime(),
                    r.singleSubParams(),
                    r.transcodeParams(),
                    r.seiParams());
            String key = key(plan.appId(), plan.taskId());
            if (tasks.containsKey(key)) {
                throw MpuValidator.invalid("TaskId", "Task already exists: " + plan.taskId() + " has not been cleared");
            }
            if (!channels.channelExists(plan.appId(), plan.channelId())) {
                throw MpuValidator.invalid("ChannelId", "channel does not exist: " + plan.channelId() + " has no user");
            }
            checkUrls(plan, null);
            checkQuota(plan);
            Task t = new Task(key, plan);
            t.run = engine.start(plan, new RunEvents(t));
            tasks.put(key, t);
            plan.outputs().forEach(u -> urlsInUse.put(u, t));
            emit(t, Type.TASK_STARTED, null, null);
            log.info(
                    "MPU task {} started ({}), outputs {}",
                    plan.taskId(),
                    plan.mixing() ? "mixing" : "bypass",
                    plan.outputs().stream().map(Redaction::url).toList());
            evaluateIdle(t);
            return new Response(requestId);
        } catch (MpuException e) {
            throw e.withRequestId(requestId);
        } catch (RuntimeException e) {
            log.warn("StartLiveMPUTask failed", e);
            throw new MpuException(Code.INTERNAL_ERROR, null, "InternalError", requestId);
        }
    }

    /** UpdateLiveMPUTask: new outputs, subscribed user or SEI settings, without restarting the output. */
    public synchronized Response updateLiveMpuTask(UpdateRequest r) {
        String requestId = newRequestId();
        try {
            throttle(r.appId());
            MpuValidator.appId(r.appId());
            MpuValidator.id("ChannelId", r.channelId(), 64);
            MpuValidator.id("TaskId", r.taskId(), 55);
            Task t = tasks.get(key(r.appId(), r.taskId()));
            if (t == null) {
                throw MpuValidator.invalid("TaskId", "Task does not exist: " + r.taskId());
            }
            MpuTaskPlan old = t.plan;
            boolean keepOutputs = r.streamUrl() == null
                    && (r.multiStreamUrl() == null || r.multiStreamUrl().isEmpty());
            String mixMode = r.mixMode() != null ? r.mixMode() : (old.mixing() ? "1" : "0");
            MpuTaskPlan plan = MpuValidator.start(
                    r.appId(),
                    r.channelId(),
                    r.taskId(),
                    mixMode,
                    keepOutputs ? (old.outputs().size() == 1 ? old.outputs().get(0) : null) : r.streamUrl(),
                    keepOutputs && old.outputs().size() > 1
                            ? old.outputs().stream()
                                    .map(u -> new MpuParams.StreamTarget(u, null))
                                    .toList()
                            : r.multiStreamUrl(),
                    old.region(),
                    old.maxIdleSeconds() < 0 ? null : Integer.toString(old.maxIdleSeconds()),
                    r.singleSubParams() != null || mixMode.equals("1") ? r.singleSubParams() : singleOf(old),
                    r.transcodeParams(),
                    r.seiParams());
            if (!plan.channelId().equals(old.channelId())) {
                throw MpuValidator.invalid("ChannelId", "a task cannot move to another channel");
            }
            checkUrls(plan, t);
            if (plan.mixing() != old.mixing()) {
                checkQuota(plan);
            }
            t.run.update(plan);
            old.outputs().forEach(u -> {
                if (!plan.outputs().contains(u)) {
                    urlsInUse.remove(u);
                    urlFreeAtNanos.put(u, now() + URL_REUSE_DELAY.toNanos());
                }
            });
            plan.outputs().forEach(u -> urlsInUse.put(u, t));
            t.plan = plan;
            evaluateIdle(t);
            return new Response(requestId);
        } catch (MpuException e) {
            throw e.withRequestId(requestId);
        } catch (RuntimeException e) {
            log.warn("UpdateLiveMPUTask failed", e);
            throw new MpuException(Code.INTERNAL_ERROR, null, "InternalError", requestId);
        }
    }

    /** StopLiveMPUTask: stops and clears the task. */
    public synchronized Response stopLiveMpuTask(StopRequest r) {
        String requestId = newRequestId();
        try {
            throttle(r.appId());
            MpuValidator.appId(r.appId());
            MpuValidator.id("TaskId", r.taskId(), 55);
            Task t = tasks.get(key(r.appId(), r.taskId()));
            if (t == null) {
                throw MpuValidator.invalid("TaskId", "Task does not exist: " + r.taskId());
            }
            stopTask(t, StopReason.USER);
            return new Response(requestId);
        } catch (MpuException e) {
            throw e.withRequestId(requestId);
        }
    }

    /** Running tasks of an application. */
    public synchronized List<MpuTaskPlan> tasks(String appId) {
        return tasks.values().stream()
                .filter(t -> t.plan.appId().equals(appId))
                .map(t -> t.plan)
                .toList();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        channels.removeListener(channelListener);
        for (Task t : List.copyOf(tasks.values())) {
            stopTask(t, StopReason.SHUTDOWN);
        }
    }

    // --- rules ---

    private void throttle(String caller) {
        String c = caller == null ? "" : caller;
        long second = now() / 1_000_000_000L;
        long[] w = callWindows.computeIfAbsent(c, k -> new long[] {second, 0});
        if (w[0] != second) {
            w[0] = second;
            w[1] = 0;
        }
        if (++w[1] > callsPerSecond) {
            throw new MpuException(
                    Code.THROTTLING,
                    null,
                    "Request was denied due to user flow control: more than " + callsPerSecond + " calls per second",
                    null);
        }
    }

    private void checkUrls(MpuTaskPlan plan, Task self) {
        long now = now();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < plan.outputs().size(); i++) {
            String u = plan.outputs().get(i);
            String param =
                    plan.outputs().size() == 1 && seen.isEmpty() ? "StreamURL" : "MultiStreamURL." + (i + 1) + ".URL";
            seen.add(u);
            Task owner = urlsInUse.get(u);
            if (owner != null && owner != self) {
                throw MpuValidator.invalid(param, "already used by running task " + owner.plan.taskId());
            }
            Long freeAt = urlFreeAtNanos.get(u);
            if (owner == null && freeAt != null && now < freeAt) {
                throw MpuValidator.invalid(
                        param,
                        "used by a task that stopped less than 10 s ago; wait "
                                + (freeAt - now + 999_999_999L) / 1_000_000_000L + " s");
            }
        }
    }

    private void checkQuota(MpuTaskPlan plan) {
        int running = 0;
        for (Task t : tasks.values()) {
            if (t.plan.appId().equals(plan.appId()) && t.plan.mixing() == plan.mixing()) {
                running++;
            }
        }
        int quota = plan.mixing() ? mixingQuota : singleQuota;
        if (running >= quota) {
            throw new MpuException(
                    Code.FORBIDDEN,
                    "AppId",
                    "quota exceeded: AppId " + plan.appId() + " already runs " + running + " "
                            + (plan.mixing() ? "mixing" : "single-stream")
                            + " tasks (the limit), please check and try again later",
                    null);
        }
    }

    // --- lifecycle ---

    private void stopTask(Task t, StopReason reason) {
        if (tasks.remove(t.key) != t) {
            return;
        }
        t.cancelTimers();
        t.run.stop();
        long freeAt = now() + URL_REUSE_DELAY.toNanos();
        for (String u : t.plan.outputs()) {
            urlsInUse.remove(u);
            urlFreeAtNanos.put(u, freeAt);
        }
        emit(t, Type.TASK_STOPPED, null, reason);
        log.info("MPU task {} stopped: {}", t.plan.taskId(), reason);
    }

    /** The users whose ingest keeps the task busy. */
    private Set<String> taskUsers(MpuTaskPlan p) {
        if (!p.mixing()) {
            return Set.of(p.single().userId());
        }
        if (!p.subscribed().isEmpty()) {
            return Set.copyOf(p.subscribed());
        }
        Set<String> all = new HashSet<>();
        channels.users(p.appId(), p.channelId()).forEach(u -> all.add(u.userId()));
        return all;
    }

    /** Re-arms or cancels the idle and users-left timers after any change. */
    private void evaluateIdle(Task t) {
        MpuTaskPlan p = t.plan;
        Set<String> users = taskUsers(p);
        boolean anyPresent = false;
        boolean anyIngesting = false;
        for (ChannelRegistry.User u : channels.users(p.appId(), p.channelId())) {
            if (users.contains(u.userId())) {
                anyPresent = true;
                anyIngesting |= u.ingestingAny();
            }
        }
        if (anyIngesting || p.maxIdleSeconds() < 0) {
            t.cancelIdle();
        } else if (t.idleTimer == null) {
            t.idleTimer =
                    scheduler.schedule(() -> timerFired(t, StopReason.IDLE), p.maxIdleSeconds(), TimeUnit.SECONDS);
        }
        if (anyPresent) {
            t.cancelUsersLeft();
        } else if (t.usersLeftTimer == null) {
            t.usersLeftTimer = scheduler.schedule(
                    () -> timerFired(t, StopReason.USERS_LEFT), USERS_LEFT_STOP.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void timerFired(Task t, StopReason reason) {
        if (tasks.get(t.key) == t) {
            stopTask(t, reason);
        }
    }

    private void emit(Task t, Type type, String userId, StopReason reason) {
        MpuEvent ev = new MpuEvent(
                type,
                t.plan.appId(),
                t.plan.taskId(),
                userId,
                reason,
                scheduler.clock().currentTimeMillis());
        scheduler.execute(() -> {
            for (MpuEvent.Listener l : listeners) {
                try {
                    l.onEvent(ev);
                } catch (RuntimeException e) {
                    log.warn("MPU listener failed on {}: {}", ev.type(), e.toString());
                }
            }
        });
    }

    private long now() {
        return scheduler.clock().nanoTime();
    }

    private static MpuParams.SingleSubParams singleOf(MpuTaskPlan p) {
        if (p.single() == null) {
            return null;
        }
        return new MpuParams.SingleSubParams(
                p.single().source().id(),
                Integer.toString(p.single().kind().ordinal()),
                p.single().userId());
    }

    private static String key(String appId, String taskId) {
        return appId + '\u0000' + taskId;
    }

    /** A request ID in the seed's format: 0F72851F-5DC1-1979-9B2C-450040316C3E. */
    static String newRequestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    private final class ChannelEvents implements ChannelRegistry.Listener {
        @Override
        public void userJoined(ChannelRegistry.User user) {
            changed(user, false);
        }

        @Override
        public void userLeft(ChannelRegistry.User user, boolean channelClosed) {
            changed(user, channelClosed);
        }

        @Override
        public void ingestChanged(ChannelRegistry.User user, MpuTaskPlan.Source source, boolean ingesting) {
            changed(user, false);
        }

        private void changed(ChannelRegistry.User user, boolean channelClosed) {
            synchronized (MpuService.this) {
                for (Task t : List.copyOf(tasks.values())) {
                    MpuTaskPlan p = t.plan;
                    if (!p.appId().equals(user.appId()) || !p.channelId().equals(user.channelId())) {
                        continue;
                    }
                    if (channelClosed && p.maxIdleSeconds() < 0) {
                        stopTask(t, StopReason.CHANNEL_CLOSED);
                    } else {
                        evaluateIdle(t);
                    }
                }
            }
        }
    }

    private final class RunEvents implements MpuEngine.RunListener {
        private final Task t;

        RunEvents(Task t) {
            this.t = t;
        }

        @Override
        public void outputStarted() {
            synchronized (MpuService.this) {
                if (tasks.get(t.key) == t) {
                    emit(t, Type.OUTPUT_STARTED, null, null);
                }
            }
        }

        @Override
        public void userJoinedOutput(String userId) {
            synchronized (MpuService.this) {
                if (tasks.get(t.key) == t) {
                    emit(t, Type.USER_JOINED, userId, null);
                }
            }
        }

        @Override
        public void userLeftOutput(String userId) {
            synchronized (MpuService.this) {
                if (tasks.get(t.key) == t) {
                    emit(t, Type.USER_LEFT, userId, null);
                }
            }
        }

        @Override
        public void failed(String reason) {
            synchronized (MpuService.this) {
                log.warn("MPU task {} failed: {}", t.plan.taskId(), Redaction.text(reason));
                stopTask(t, StopReason.ERROR);
            }
        }
    }

    private static final class Task {
        final String key;
        MpuTaskPlan plan;
        MpuEngine.Run run;
        Scheduler.Cancellable idleTimer;
        Scheduler.Cancellable usersLeftTimer;

        Task(String key, MpuTaskPlan plan) {
            this.key = key;
            this.plan = plan;
        }

        void cancelIdle() {
            if (idleTimer != null) {
                idleTimer.cancel();
                idleTimer = null;
            }
        }

        void cancelUsersLeft() {
            if (usersLeftTimer != null) {
                usersLeftTimer.cancel();
                usersLeftTimer = null;
            }
        }

        void cancelTimers() {
            cancelIdle();
            cancelUsersLeft();
        }
    }

    /** Builds an {@link MpuService}. */
    public static final class Builder {
        private Scheduler scheduler;
        private ChannelRegistry channels;
        private MpuEngine engine;
        private int singleQuota = DEFAULT_SINGLE_QUOTA;
        private int mixingQuota = DEFAULT_MIXING_QUOTA;
        private int callsPerSecond = DEFAULT_CALLS_PER_SECOND;

        private Builder() {}

        public Builder scheduler(Scheduler s) {
            this.scheduler = s;
            return this;
        }

        public Builder channels(ChannelRegistry c) {
            this.channels = c;
            return this;
        }

        public Builder engine(MpuEngine e) {
            this.engine = e;
            return this;
        }

        public Builder quotas(int single, int mixing) {
            this.singleQuota = single;
            this.mixingQuota = mixing;
            return this;
        }

        public Builder callsPerSecond(int n) {
            this.callsPerSecond = n;
            return this;
        }

        public MpuService build() {
            return new MpuService(this);
        }
    }
}
