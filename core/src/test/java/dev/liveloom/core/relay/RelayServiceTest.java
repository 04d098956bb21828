package dev.liveloom.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.relay.RelayEvent.Type;
import dev.liveloom.core.testing.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every state rule, schedule and quota of relay tasks, in virtual time. */
class RelayServiceTest {
    private VirtualScheduler clock;
    private FakeEngine engine;
    private List<RelayEvent> events;
    private RelayService service;

    /** Records runs; tests drive their callbacks. */
    static final class FakeEngine implements RelayEngine {
        final List<String> started = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        final List<RunListener> listeners = new ArrayList<>();
        RuntimeException failOnStart;

        @Override
        public Run start(String taskId, RelayTaskSpec spec, RunListener listener) {
            if (failOnStart != null) {
                throw failOnStart;
            }
            started.add(taskId);
            listeners.add(listener);
            return new Run() {
                @Override
                public void stop() {
                    stopped.add(taskId);
                }

                @Override
                public RelayStats stats() {
                    return new RelayStats(0, 1000, 0, 2500, 25, 10, 0, 0);
                }
            };
        }

        RunListener last() {
            return listeners.get(listeners.size() - 1);
        }
    }

    @BeforeEach
    void setUp() {
        clock = new VirtualScheduler(Instant.parse("2026-03-01T10:00:00Z"));
        engine = new FakeEngine();
        events = new ArrayList<>();
        service = RelayService.builder()
                .scheduler(clock)
                .engine(engine)
                .maxRunningTasks(3)
                .listener(new RelayListener() {
                    @Override
                    public void onEvent(RelayEvent e) {
                        events.add(e);
                    }
                })
                .build();
    }

    private RelayTaskSpec.Builder spec() {
        return RelayTaskSpec.builder()
                .name("news")
                .region(Region.CN_SHANGHAI)
                .callbackUrl("http://hooks.example/relay")
                .sources(SourceType.VIDEO_URL, List.of("http://vod.example/a.mp4", "https://vod.example/b.flv?t=1"))
                .playbackTimes(2)
                .destinationUrl("rtmp://ingest.example/live/news?auth_key=1700000000-0-0-abcdef");
    }

    private Instant at(String t) {
        return Instant.parse("2026-03-01T" + t + "Z");
    }

    private List<Type> types() {
        clock.runPending();
        return events.stream().map(RelayEvent::type).toList();
    }

    @Test
    void taskWithoutStartTimeRunsAtOnce() {
        String id = service.create(spec().build());
        assertThat(service.get(id).state()).isEqualTo(RelayTaskState.RUNNING);
        assertThat(engine.started).containsExactly(id);
        assertThat(types()).containsExactly(Type.TASK_STARTED);
        assertThat(service.get(id).stats().bitrateKbps()).isEqualTo(2500);
    }

    @Test
    void startsAtStartTimeAndEndsAtEndTime() {
        String id = service.create(
                spec().startTime(at("10:05:00")).endTime(at("11:00:00")).build());
        assertThat(service.get(id).state()).isEqualTo(RelayTaskState.NOT_STARTED);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(engine.started).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.get(id).state()).isEqualTo(RelayTaskState.RUNNING);
        clock.advance(Duration.ofMinutes(55));
        RelayTask t = service.get(id);
        assertThat(t.state()).isEqualTo(RelayTaskState.STOPPED);
        assertThat(t.stopReason()).isEqualTo(StopReason.END_TIME);
        assertThat(engine.stopped).containsExactly(id);
        assertThat(types()).containsExactly(Type.TASK_STARTED, Type.TASK_STOPPED);
        assertThat(events.get(1).stopReason()).isEqualTo(StopReason.END_TIME);
        assertThat(events.get(1).eventTimeMillis()).isEqualTo(at("11:00:00").toEpochMilli());
    }

    @Test
    void aTaskThatNeverStartedStillStopsAtItsEndTime() {
        String id = service.create(
                spec().startTime(at("12:00:00")).endTime(at("12:30:00")).build());
        service.update(
                id,
                service.get(id).spec().toBuilder()
                        .startTime(at("12:40:00"))
                        .endTime(at("12:45:00"))
                        .build());
        clock.advance(Duration.ofHours(2).plusMinutes(41));
        assertThat(service.get(id).state()).isEqualTo(RelayTaskState.RUNNING);
        clock.advance(Duration.ofMinutes(5));
        assertThat(service.get(id).stopReason()).isEqualTo(StopReason.END_TIME);
    }

    @Test
    void stopOnlyWhenRunningAndEnableOnlyWhenStopped() {
        String id = service.create(spec().startTime(at("10:30:00")).build());
        assertThatThrownBy(() -> service.stop(id))
                .isInstanceOf(RelayException.class)
                .hasMessage("cannot stop task " + id + ": state NOT_STARTED, allowed RUNNING");
        assertThatThrownBy(() -> service.start(id))
                .hasMessage("cannot start task " + id + ": state NOT_STARTED, allowed STOPPED");
        assertThatThrownBy(() -> service.restart(id))
                .hasMessage("cannot restart task " + id + ": state NOT_STARTED, allowed RUNNING");
        clock.advance(Duration.ofMinutes(30));
        service.stop(id);
        assertThat(service.get(id).stopReason()).isEqualTo(StopReason.USER);
        assertThatThrownBy(() -> service.restart(id))
                .hasMessage("cannot restart task " + id + ": state STOPPED, allowed RUNNING");
        service.start(id);
        assertThat(service.get(id).state()).isEqualTo(RelayTaskState.RUNNING);
        assertThat(engine.started).containsExactly(id, id);
    }

    @Test
    void restartBeginsANewRunAndIgnoresTheOldRunsReports() {
        String id = service.create(spec().build());
        RelayEngine.RunListener first = engine.last();
        service.restart(id);
        assertThat(engine.stopped).containsExactly(id);
        assertThat(engine.started).containsExactly(id, id);
        first.failed(true, "old run");
        assertThat(service.get(id).state()).isEqualTo(RelayTaskState.RUNNING);
        assertThat(types()).containsExactly(Type.TASK_STARTED, Type.TASK_RESTARTED);
    }

    @Test
    void updateRulesFollowTheSeed() {
        String id = service.create(spec().startTime(at("11:00:00")).build());
        RelayTaskSpec s = service.get(id).spec();
        // NOT_STARTED: time, callback and source editable
        service.update(
                id,
                s.toBuilder()
                        .startTime(at("11:30:00"))
                        .callbackUrl("https://h.example/x")
                        .sources(SourceType.VIDEO_URL, List.of("http://v.example/c.mp4"))
                        .build());
        assertThat(service.get(id).spec().callbackUrl()).isEqualTo("https://h.example/x");
        assertThatThrownBy(() -> service.update(
                        id, service.get(id).spec().toBuilder().name("other").build()))
                .isInstanceOf(RelayException.class)
                .hasMessage("TaskName: cannot change TaskName of task " + id
                        + " in state NOT_STARTED; editable: TaskTime, CallbackUrl, Source");
        clock.advance(Duration.ofMinutes(90));
        RelayTaskSpec running = service.get(id).spec();
        // RUNNING: nothing
        assertThatThrownBy(() -> service.update(
                        id, running.toBuilder().callbackUrl("http://x.example/").build()))
                .isInstanceOf(RelayException.class)
                .extracting(e -> ((RelayException) e).code())
                .isEqualTo(RelayException.Code.INVALID_STATE);
        service.stop(id);
        // STOPPED: callback and source, not time
        service.update(id, running.toBuilder().callbackUrl("http://y.example/").build());
        assertThatThrownBy(() -> service.update(
                        id,
                        service.get(id).spec().toBuilder()
                                .endTime(at("23:00:00"))
                                .build()))
                .hasMessageContaining("cannot change TaskTime")
                .hasMessageContaining("in state STOPPED; editable: CallbackUrl, Source");
        assertThatThrownBy(() -> service.update(
                        id,
                        service.get(id).spec().toBuilder()
                                .destinationUrl("rtmp://other.example/live/s")
                                .build()))
                .hasMessageStartingWith("DestinationUrl: cannot change DestinationUrl");
    }

    @Test
    void quotaRefusesTheTaskBeyondTheLimit() {
        for (int i = 0; i < 3; i++) {
            service.create(spec().name("t" + i).build());
        }
        assertThatThrownBy(() -> service.create(spec().name("t3").build()))
                .isInstanceOf(RelayException.class)
                .hasMessage("quota exceeded: 3 relay tasks are already running (the limit)")
                .extracting(e -> ((RelayException) e).code())
                .isEqualTo(RelayException.Code.QUOTA_EXCEEDED);
        assertThat(service.list()).hasSize(3);
        // a scheduled start over quota stops the task with the reason, and says so in an event
        String later =
                service.create(spec().name("later").startTime(at("10:10:00")).build());
        clock.advance(Duration.ofMinutes(10));
        RelayTask t = service.get(later);
        assertThat(t.state()).isEqualTo(RelayTaskState.STOPPED);
        assertThat(t.invalidReason()).startsWith("quota exceeded");
        // after one stops, enabling works
        service.stop(service.query("t0").get(0).id());
        service.start(later);
        assertThat(service.runningCount()).isEqualTo(3);
    }

    @Test
    void playlistEndAndFailuresStopTheTaskWithTheirReason() {
        String a = service.create(spec().name("a").build());
        engine.last().itemStarted(0, "http://vod.example/a.mp4?auth_key=secret1");
        engine.last().itemSkipped(1, "http://vod.example/b.flv", "HTTP 404 Not Found");
        engine.last().finished();
        assertThat(service.get(a).stopReason()).isEqualTo(StopReason.PLAYLIST_FINISHED);
        String b = service.create(spec().name("b").build());
        engine.last().reconnecting(true, 1, "connection reset");
        engine.last().failed(true, "ingest unreachable after 5 attempts");
        RelayTask tb = service.get(b);
        assertThat(tb.stopReason()).isEqualTo(StopReason.ERROR);
        assertThat(tb.invalidReason()).isEqualTo("ingest unreachable after 5 attempts");
        assertThat(types())
                .containsExactly(
                        Type.TASK_STARTED,
                        Type.ITEM_STARTED,
                        Type.ITEM_SKIPPED,
                        Type.TASK_STOPPED,
                        Type.TASK_STARTED,
                        Type.INGEST_RECONNECTING,
                        Type.INGEST_FAILED,
                        Type.TASK_STOPPED);
        assertThat(events.get(1).itemUrl()).isEqualTo("http://vod.example/a.mp4?auth_key=***");
        assertThat(events.get(2).detail()).isEqualTo("HTTP 404 Not Found");
    }

    @Test
    void deleteIsIrreversibleAndStopsARunningTask() {
        String id = service.create(spec().build());
        service.delete(id);
        assertThat(engine.stopped).containsExactly(id);
        assertThatThrownBy(() -> service.get(id))
                .isInstanceOf(RelayException.class)
                .hasMessage("TaskId: no relay task " + id);
        assertThat(types()).containsExactly(Type.TASK_STARTED, Type.TASK_STOPPED, Type.TASK_DELETED);
    }

    @Test
    void termQueryMatchesIdNameOrDestination() {
        String a = service.create(spec().name("a").build());
        service.create(
                spec().name("b").destinationUrl("rtmp://i.example/live/b").build());
        assertThat(service.query("a")).extracting(RelayTask::id).containsExactly(a);
        assertThat(service.query(a)).hasSize(1);
        assertThat(service.query("rtmp://i.example/live/b"))
                .extracting(t -> t.spec().name())
                .containsExactly("b");
        assertThat(service.query("rtmp://ingest.example/live/news?auth_key=1700000000-0-0-abcdef"))
                .hasSize(1);
        assertThat(service.query("nothing")).isEmpty();
    }

    @Test
    void engineThatCannotStartStopsTheTaskWithTheError() {
        engine.failOnStart = new IllegalStateException("no route to rtmp://x/live/s?auth_key=zzz");
        String id = service.create(spec().build());
        RelayTask t = service.get(id);
        assertThat(t.state()).isEqualTo(RelayTaskState.STOPPED);
        assertThat(t.invalidReason()).isEqualTo("no route to rtmp://x/live/s?auth_key=***");
    }

    @Test
    void closeStopsEverything() {
        String id = service.create(spec().build());
        service.close();
        service.close();
        assertThat(service.get(id).stopReason()).isEqualTo(StopReason.SHUTDOWN);
        assertThatThrownBy(() -> service.create(spec().build())).isInstanceOf(IllegalStateException.class);
    }
}
