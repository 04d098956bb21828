package dev.liveloom.core.relay;

import dev.liveloom.core.log.Redaction;
import dev.liveloom.core.relay.RelayEvent.Type;
import dev.liveloom.core.relay.RelayException.Code;
import dev.liveloom.core.relay.internal.EventJson;
import dev.liveloom.core.relay.internal.SpecRules;
import dev.liveloom.core.runtime.Scheduler;
import dev.liveloom.core.webhook.WebhookSender;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay tasks with the seed's lifecycle: create, query, update, delete, start (enable), restart and
 * stop, each allowed only in the states the seed allows; tasks start by themselves at their start
 * time and stop at their end time; at most {@code maxRunningTasks} run at once. Media work is done
 * by a {@link RelayEngine}. Thread-safe; events reach listeners on the scheduler's thread.
 */
public final class RelayService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayService.class);

    /** The seed's account limit on concurrent tasks. */
    public static final int DEFAULT_MAX_RUNNING_TASKS = 100;

    private final Scheduler scheduler;
    private final RelayEngine engine;
    private final int maxRunningTasks;
    private final boolean allowFileSources;
    private final boolean callbackRequired;
    private final MediaAssetResolver assetResolver;
    private final WebhookSender webhooks;
    private final List<RelayListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Entry> tasks = new LinkedHashMap<>();
    private boolean closed;

    private RelayService(Builder b) {
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.engine = Objects.requireNonNull(b.engine, "engine");
        this.maxRunningTasks = b.maxRunningTasks;
        this.allowFileSources = b.allowFileSources;
        this.callbackRequired = b.callbackRequired;
        this.assetResolver = b.assetResolver;
        this.webhooks = b.webhooks;
        if (b.listener != null) {
            listeners.add(b.listener);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public void addListener(RelayListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(RelayListener listener) {
        listeners.remove(listener);
    }

    /**
     * Creates a task and returns its ID. A task without a start time, or whose start time has come,
     * starts at once.
     *
     * @throws RelayException INVALID_PARAMETER naming the parameter; QUOTA_EXCEEDED when it would
     *     start at once and {@code maxRunningTasks} tasks already run
     */
    public synchronized String create(RelayTaskSpec spec) {
        ensureOpen();
        SpecRules.check(spec, now(), allowFileSources, assetResolver != null, callbackRequired);
        boolean startNow = spec.startTime() == null || !spec.startTime().isAfter(now());
        if (startNow) {
            checkQuota();
        }
        String id = "relay-" + UUID.randomUUID().toString().substring(0, 13);
        Entry e = new Entry(id, spec);
        tasks.put(id, e);
        schedule(e);
        log.info("relay task {} created: {} -> {}", id, spec.name(), Redaction.url(spec.destinationUrl()));
        return id;
    }

    /** The task with this ID. @throws RelayException NOT_FOUND */
    public synchronized RelayTask get(String taskId) {
        return entry(taskId).snapshot();
    }

    /** Every task, in creation order. */
    public synchronized List<RelayTask> list() {
        List<RelayTask> out = new ArrayList<>();
        tasks.values().forEach(e -> out.add(e.snapshot()));
        return out;
    }

    /** Term query: the tasks whose ID, name or destination ingest URL equals {@code term}. */
    public synchronized List<RelayTask> query(String term) {
        List<RelayTask> out = new ArrayList<>();
        for (Entry e : tasks.values()) {
            if (e.id.equals(term) || term.equals(e.spec.name()) || term.equals(e.spec.destinationUrl())) {
                out.add(e.snapshot());
            }
        }
        return out;
    }

    /**
     * Replaces a task's parameters. NOT_STARTED: task time, callback and source may change;
     * STOPPED: callback and source; any other state: nothing.
     *
     * @throws RelayException INVALID_STATE naming the state and what it allows, INVALID_PARAMETER
     */
    public synchronized void update(String taskId, RelayTaskSpec newSpec) {
        Entry e = entry(taskId);
        RelayTaskSpec old = e.spec;
        List<String> changed = changedParameters(old, newSpec);
        if (changed.isEmpty()) {
            return;
        }
        List<String> editable =
                switch (e.state) {
                    case NOT_STARTED -> List.of("TaskTime", "CallbackUrl", "Source");
                    case STOPPED -> List.of("CallbackUrl", "Source");
                    default -> List.of();
                };
        if (editable.isEmpty()) {
            throw new RelayException(
                    Code.INVALID_STATE,
                    null,
                    "cannot update task " + taskId + ": state " + e.state
                            + ", allowed NOT_STARTED (TaskTime, CallbackUrl, Source) or STOPPED (CallbackUrl, Source)");
        }
        for (String c : changed) {
            if (!editable.contains(c)) {
                throw new RelayException(
                        Code.INVALID_STATE,
                        c,
                        "cannot change " + c + " of task " + taskId + " in state " + e.state + "; editable: "
                                + String.join(", ", editable));
            }
        }
        SpecRules.check(newSpec, now(), allowFileSources, assetResolver != null, callbackRequired);
        e.spec = newSpec;
        if (e.state == RelayTaskState.NOT_STARTED && changed.contains("TaskTime")) {
            e.cancelTimers();
            if (newSpec.startTime() == null || !newSpec.startTime().isAfter(now())) {
                checkQuota();
            }
            schedule(e);
        }
    }

    /** Deletes a task for good, stopping it first if it runs. */
    public synchronized void delete(String taskId) {
        Entry e = entry(taskId);
        if (e.state == RelayTaskState.RUNNING) {
            stopRun(e, StopReason.DELETED, null);
        }
        e.cancelTimers();
        tasks.remove(taskId);
        emit(e, Type.TASK_DELETED, null, -1, null, null);
    }

    /** Enables a STOPPED task. @throws RelayException INVALID_STATE, QUOTA_EXCEEDED */
    public synchronized void start(String taskId) {
        Entry e = entry(taskId);
        requireState(e, "start", RelayTaskState.STOPPED);
        if (e.spec.endTime() != null && !e.spec.endTime().isAfter(now())) {
            throw new RelayException(
                    Code.INVALID_STATE,
                    null,
                    "cannot start task " + taskId + ": its end time " + e.spec.endTime() + " has passed");
        }
        checkQuota();
        startRun(e, Type.TASK_STARTED);
    }

    /** Restarts a RUNNING task: its ingest session and playlist begin again. */
    public synchronized void restart(String taskId) {
        Entry e = entry(taskId);
        requireState(e, "restart", RelayTaskState.RUNNING);
        e.endRun();
        startRun(e, Type.TASK_RESTARTED);
    }

    /** Stops a RUNNING task. */
    public synchronized void stop(String taskId) {
        Entry e = entry(taskId);
        requireState(e, "stop", RelayTaskState.RUNNING);
        stopRun(e, StopReason.USER, null);
    }

    /** How many tasks run now. */
    public synchronized int runningCount() {
        return runningCountInternal();
    }

    /** Stops every running task (reason SHUTDOWN) and cancels every schedule. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Entry e : tasks.values()) {
            e.cancelTimers();
            if (e.state == RelayTaskState.RUNNING) {
                stopRun(e, StopReason.SHUTDOWN, null);
            }
        }
    }

    // --- internals, all under the service lock ---

    private void schedule(Entry e) {
        Instant now = now();
        RelayTaskSpec s = e.spec;
        if (s.startTime() == null || !s.startTime().isAfter(now)) {
            startRun(e, Type.TASK_STARTED);
        } else {
            e.startTimer =
                    scheduler.schedule(() -> scheduledStart(e), millisUntil(s.startTime()), TimeUnit.MILLISECONDS);
        }
        if (s.endTime() != null) {
            e.endTimer = scheduler.schedule(() -> scheduledEnd(e), millisUntil(s.endTime()), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void scheduledStart(Entry e) {
        e.startTimer = null;
        if (closed || tasks.get(e.id) != e || e.state != RelayTaskState.NOT_STARTED) {
            return;
        }
        if (runningCountInternal() >= maxRunningTasks) {
            e.state = RelayTaskState.STOPPED;
            e.stopReason = StopReason.ERROR;
            e.invalidReason = quotaMessage();
            emit(e, Type.TASK_STOPPED, StopReason.ERROR, -1, null, e.invalidReason);
            return;
        }
        startRun(e, Type.TASK_STARTED);
    }

    private synchronized void scheduledEnd(Entry e) {
        e.endTimer = null;
        if (closed || tasks.get(e.id) != e) {
            return;
        }
        if (e.state == RelayTaskState.RUNNING) {
            stopRun(e, StopReason.END_TIME, null);
        } else if (e.state == RelayTaskState.NOT_STARTED) {
            e.cancelTimers();
            e.state = RelayTaskState.STOPPED;
            e.stopReason = StopReason.END_TIME;
            emit(e, Type.TASK_STOPPED, StopReason.END_TIME, -1, null, null);
        }
    }

    private void startRun(Entry e, Type eventType) {
        int generation = ++e.generation;
        e.state = RelayTaskState.RUNNING;
        e.stopReason = null;
        e.invalidReason = null;
        if (e.startTimer != null) {
            e.startTimer.cancel();
            e.startTimer = null;
        }
        emit(e, eventType, null, -1, null, null);
        try {
            e.run = engine.start(e.id, e.spec, new RunEvents(e, generation));
        } catch (RuntimeException ex) {
            log.warn("relay task {} failed to start: {}", e.id, Redaction.text(String.valueOf(ex.getMessage())));
            stopRun(e, StopReason.ERROR, Redaction.text(String.valueOf(ex.getMessage())));
        }
    }

    private void stopRun(Entry e, StopReason reason, String detail) {
        e.endRun();
        e.state = RelayTaskState.STOPPED;
        e.stopReason = reason;
        e.invalidReason = reason == StopReason.ERROR ? detail : null;
        emit(e, Type.TASK_STOPPED, reason, -1, null, detail);
        log.info("relay task {} stopped: {}{}", e.id, reason, detail == null ? "" : " (" + detail + ")");
    }

    private void emit(Entry e, Type type, StopReason reason, int item, String url, String detail) {
        RelayEvent ev = new RelayEvent(
                type,
                e.id,
                e.state,
                reason,
                item,
                url == null ? null : Redaction.url(url),
                detail == null ? null : Redaction.text(detail),
                scheduler.clock().currentTimeMillis());
        if (webhooks != null && e.spec.callbackUrl() != null) {
            webhooks.send(URI.create(e.spec.callbackUrl()), EventJson.body(ev));
        }
        scheduler.execute(() -> {
            for (RelayListener l : listeners) {
                try {
                    l.onEvent(ev);
                } catch (RuntimeException ex) {
                    log.warn("relay listener {} failed on {}: {}", l, ev.type(), ex.toString());
                }
            }
        });
    }

    private void requireState(Entry e, String action, RelayTaskState allowed) {
        if (e.state != allowed) {
            throw new RelayException(
                    Code.INVALID_STATE,
                    null,
                    "cannot " + action + " task " + e.id + ": state " + e.state + ", allowed " + allowed);
        }
    }

    private void checkQuota() {
        if (runningCountInternal() >= maxRunningTasks) {
            throw new RelayException(Code.QUOTA_EXCEEDED, null, quotaMessage());
        }
    }

    private String quotaMessage() {
        return "quota exceeded: " + maxRunningTasks + " relay tasks are already running (the limit)";
    }

    private int runningCountInternal() {
        int n = 0;
        for (Entry e : tasks.values()) {
            if (e.state == RelayTaskState.RUNNING) {
                n++;
            }
        }
        return n;
    }

    private Entry entry(String taskId) {
        Entry e = tasks.get(taskId);
        if (e == null) {
            throw new RelayException(Code.NOT_FOUND, "TaskId", "no relay task " + taskId);
        }
        return e;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("relay service is closed");
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(scheduler.clock().currentTimeMillis());
    }

    private long millisUntil(Instant t) {
        return Math.max(0, t.toEpochMilli() - scheduler.clock().currentTimeMillis());
    }

    private static List<String> changedParameters(RelayTaskSpec a, RelayTaskSpec b) {
        List<String> c = new ArrayList<>();
        if (!Objects.equals(a.name(), b.name())) {
            c.add("TaskName");
        }
        if (a.region() != b.region()) {
            c.add("Region");
        }
        if (!Objects.equals(a.startTime(), b.startTime()) || !Objects.equals(a.endTime(), b.endTime())) {
            c.add("TaskTime");
        }
        if (!Objects.equals(a.callbackUrl(), b.callbackUrl())) {
            c.add("CallbackUrl");
        }
        if (a.sourceType() != b.sourceType()
                || !a.sources().equals(b.sources())
                || a.playbackTimes() != b.playbackTimes()) {
            c.add("Source");
        }
        if (!Objects.equals(a.destinationUrl(), b.destinationUrl())) {
            c.add("DestinationUrl");
        }
        return c;
    }

    /** Engine reports for one run; stale once the task has moved on to another run. */
    private final class RunEvents implements RelayEngine.RunListener {
        private final Entry e;
        private final int generation;

        RunEvents(Entry e, int generation) {
            this.e = e;
            this.generation = generation;
        }

        private boolean current() {
            return e.generation == generation && e.state == RelayTaskState.RUNNING && tasks.get(e.id) == e;
        }

        @Override
        public void itemStarted(int index, String url) {
            synchronized (RelayService.this) {
                if (current()) {
                    emit(e, Type.ITEM_STARTED, null, index, url, null);
                }
            }
        }

        @Override
        public void itemFinished(int index, String url) {
            synchronized (RelayService.this) {
                if (current()) {
                    emit(e, Type.ITEM_FINISHED, null, index, url, null);
                }
            }
        }

        @Override
        public void itemSkipped(int index, String url, String reason) {
            synchronized (RelayService.this) {
                if (current()) {
                    emit(e, Type.ITEM_SKIPPED, null, index, url, reason);
                }
            }
        }

        @Override
        public void reconnecting(boolean ingest, int attempt, String reason) {
            synchronized (RelayService.this) {
                if (current()) {
                    Type t = ingest ? Type.INGEST_RECONNECTING : Type.SOURCE_RECONNECTING;
                    emit(e, t, null, -1, null, "attempt " + attempt + ": " + reason);
                }
            }
        }

        @Override
        public void ingestLagging(boolean lagging, long lagMs, long dropped) {
            synchronized (RelayService.this) {
                if (current()) {
                    Type t = lagging ? Type.INGEST_LAGGING : Type.INGEST_CAUGHT_UP;
                    emit(e, t, null, -1, null, lagMs + " ms behind real time, " + dropped + " video frames dropped");
                }
            }
        }

        @Override
        public void finished() {
            synchronized (RelayService.this) {
                if (current()) {
                    stopRun(e, StopReason.PLAYLIST_FINISHED, null);
                }
            }
        }

        @Override
        public void failed(boolean ingest, String reason) {
            synchronized (RelayService.this) {
                if (current()) {
                    emit(e, ingest ? Type.INGEST_FAILED : Type.SOURCE_FAILED, null, -1, null, reason);
                    stopRun(e, StopReason.ERROR, reason);
                }
            }
        }
    }

    /** One task's mutable state, guarded by the service lock. */
    private static final class Entry {
        final String id;
        RelayTaskSpec spec;
        RelayTaskState state = RelayTaskState.NOT_STARTED;
        StopReason stopReason;
        String invalidReason;
        RelayEngine.Run run;
        RelayStats lastStats = RelayStats.NONE;
        Scheduler.Cancellable startTimer;
        Scheduler.Cancellable endTimer;
        int generation;

        Entry(String id, RelayTaskSpec spec) {
            this.id = id;
            this.spec = spec;
        }

        void endRun() {
            if (run != null) {
                lastStats = run.stats();
                RelayEngine.Run r = run;
                run = null;
                generation++;
                r.stop();
            }
        }

        void cancelTimers() {
            if (startTimer != null) {
                startTimer.cancel();
                startTimer = null;
            }
            if (endTimer != null) {
                endTimer.cancel();
                endTimer = null;
            }
        }

        RelayTask snapshot() {
            RelayStats stats = run != null ? run.stats() : lastStats;
            return new RelayTask(id, spec, state, stopReason, invalidReason, stats);
        }
    }

    /** Builds a {@link RelayService}. */
    public static final class Builder {
        private Scheduler scheduler;
        private RelayEngine engine;
        private int maxRunningTasks = DEFAULT_MAX_RUNNING_TASKS;
        private boolean allowFileSources;
        private boolean callbackRequired = true;
        private MediaAssetResolver assetResolver;
        private RelayListener listener;
        private WebhookSender webhooks;

        private Builder() {}

        /** Posts every event to the task's callback URL through this sender. */
        public Builder webhooks(WebhookSender webhooks) {
            this.webhooks = webhooks;
            return this;
        }

        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        public Builder engine(RelayEngine engine) {
            this.engine = engine;
            return this;
        }

        public Builder maxRunningTasks(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxRunningTasks must be >= 1: " + max);
            }
            this.maxRunningTasks = max;
            return this;
        }

        /** Lets tasks name local files as sources (off by default: the seed allows only URLs). */
        public Builder allowFileSources(boolean allow) {
            this.allowFileSources = allow;
            return this;
        }

        /**
         * Whether tasks must name a callback URL (the seed requires one; embedded uses without
         * webhooks, such as the command line, may turn this off).
         */
        public Builder callbackRequired(boolean required) {
            this.callbackRequired = required;
            return this;
        }

        public Builder assetResolver(MediaAssetResolver resolver) {
            this.assetResolver = resolver;
            return this;
        }

        public Builder listener(RelayListener listener) {
            this.listener = listener;
            return this;
        }

        public RelayService build() {
            return new RelayService(this);
        }
    }
}
