package dev.liveloom.mpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.testing.VirtualScheduler;
import dev.liveloom.mpu.MpuEvent.StopReason;
import dev.liveloom.mpu.MpuParams.StopRequest;
import dev.liveloom.mpu.MpuTaskPlan.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MaxIdleTime, channel close, the 2-minute rule, task-ID reuse, the 10 s URL rule, quotas, throttling. */
class MpuLifecycleTest {

    /** Records starts and stops; refuses mixing unless told otherwise. */
    static final class FakeEngine implements MpuEngine {
        final boolean mixing;
        final List<String> started = new ArrayList<>();
        final List<String> stopped = new ArrayList<>();
        final List<MpuTaskPlan> updates = new ArrayList<>();

        FakeEngine(boolean mixing) {
            this.mixing = mixing;
        }

        static FakeEngine allowingMixing() {
            return new FakeEngine(true);
        }

        @Override
        public Run start(MpuTaskPlan plan, RunListener listener) {
            if (plan.mixing() && !mixing) {
                throw new MpuException(
                        MpuException.Code.OPERATION_DENIED, "MixMode", "mixing is not available in this build", null);
            }
            started.add(plan.taskId());
            return new Run() {
                @Override
                public void update(MpuTaskPlan p) {
                    updates.add(p);
                }

                @Override
                public void stop() {
                    stopped.add(plan.taskId());
                }
            };
        }
    }

    VirtualScheduler clock;
    ChannelRegistry channels;
    FakeEngine engine;
    MpuService service;
    List<MpuEvent> events;

    @BeforeEach
    void setUp() {
        clock = new VirtualScheduler();
        channels = new ChannelRegistry();
        engine = new FakeEngine(false);
        events = new ArrayList<>();
        service = MpuService.builder()
                .scheduler(clock)
                .channels(channels)
                .engine(engine)
                .quotas(2, 1)
                .build();
        service.addListener(new MpuEvent.Listener() {
            @Override
            public void onEvent(MpuEvent e) {
                events.add(e);
            }
        });
        channels.join("app", "ch", "host", Map.of(Source.CAMERA, "rtmp://src/live/host"));
    }

    MpuParams.StartRequest bypass(String taskId, String url, String maxIdle) {
        return new MpuParams.StartRequest(
                "app",
                "ch",
                taskId,
                "0",
                url,
                null,
                null,
                maxIdle,
                new MpuParams.SingleSubParams(null, null, "host"),
                null,
                null);
    }

    List<StopReason> stops() {
        clock.runPending();
        return events.stream()
                .filter(e -> e.type() == MpuEvent.Type.TASK_STOPPED)
                .map(MpuEvent::reason)
                .toList();
    }

    @Test
    void channelMustExist() {
        assertThatThrownBy(() -> service.startLiveMpuTask(new MpuParams.StartRequest(
                        "app",
                        "nobody",
                        "t",
                        "0",
                        "rtmp://i/live/a",
                        null,
                        null,
                        null,
                        new MpuParams.SingleSubParams(null, null, "host"),
                        null,
                        null)))
                .isInstanceOfSatisfying(MpuException.class, e -> {
                    assertThat(e.code()).isEqualTo(MpuException.Code.INVALID_PARAM);
                    assertThat(e.getMessage()).contains("channel does not exist");
                    assertThat(e.parameter()).isEqualTo("ChannelId");
                });
    }

    @Test
    void maxIdleTimeStopsAnIdleTask() {
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", "10"));
        channels.ingesting("app", "ch", "host", Source.CAMERA, true);
        clock.advance(Duration.ofSeconds(60));
        assertThat(stops()).isEmpty();
        channels.ingesting("app", "ch", "host", Source.CAMERA, false);
        clock.advance(Duration.ofSeconds(9));
        assertThat(stops()).isEmpty();
        channels.ingesting("app", "ch", "host", Source.CAMERA, true);
        channels.ingesting("app", "ch", "host", Source.CAMERA, false);
        clock.advance(Duration.ofSeconds(9));
        assertThat(stops()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(stops()).containsExactly(StopReason.IDLE);
        assertThat(engine.stopped).containsExactly("t1");
    }

    @Test
    void withoutMaxIdleTimeTheTaskStopsWhenTheChannelCloses() {
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", null));
        clock.advance(Duration.ofHours(1));
        assertThat(stops()).isEmpty();
        channels.leave("app", "ch", "host");
        assertThat(stops()).containsExactly(StopReason.CHANNEL_CLOSED);
    }

    @Test
    void twoMinutesAfterTheTasksUsersLeftItStopsByItself() {
        channels.join("app", "ch", "guest", Map.of());
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", "3600"));
        channels.leave("app", "ch", "host");
        clock.advance(Duration.ofSeconds(119));
        assertThat(stops()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(stops()).containsExactly(StopReason.USERS_LEFT);
    }

    @Test
    void theUserComingBackCancelsTheTwoMinuteStop() {
        channels.join("app", "ch", "guest", Map.of());
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", null));
        channels.leave("app", "ch", "host");
        clock.advance(Duration.ofSeconds(100));
        channels.join("app", "ch", "host", Map.of(Source.CAMERA, "rtmp://src/live/host"));
        clock.advance(Duration.ofMinutes(10));
        assertThat(stops()).isEmpty();
    }

    @Test
    void aTaskIdExistsUntilTheTaskIsClearedThenCanBeReused() {
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", null));
        assertThatThrownBy(() -> service.startLiveMpuTask(bypass("t1", "rtmp://i/live/b", null)))
                .hasMessageContaining("Task already exists");
        service.stopLiveMpuTask(new StopRequest("app", "ch", "t1"));
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/b", null));
        assertThat(engine.started).containsExactly("t1", "t1");
        assertThatThrownBy(() -> service.stopLiveMpuTask(new StopRequest("app", "ch", "nope")))
                .hasMessageContaining("Task does not exist");
    }

    @Test
    void aStreamUrlServesOneRunningTaskAndWaitsTenSecondsAfterAStop() {
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", null));
        assertThatThrownBy(() -> service.startLiveMpuTask(bypass("t2", "rtmp://i/live/a", null)))
                .isInstanceOfSatisfying(MpuException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("StreamURL");
                    assertThat(e.getMessage()).contains("already used by running task t1");
                });
        service.stopLiveMpuTask(new StopRequest("app", "ch", "t1"));
        clock.advance(Duration.ofSeconds(9));
        assertThatThrownBy(() -> service.startLiveMpuTask(bypass("t2", "rtmp://i/live/a", null)))
                .hasMessageContaining("stopped less than 10 s ago; wait 1 s");
        clock.advance(Duration.ofSeconds(1));
        service.startLiveMpuTask(bypass("t2", "rtmp://i/live/a", null));
    }

    @Test
    void quotasArePerAppIdAndMode() {
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", null));
        service.startLiveMpuTask(bypass("t2", "rtmp://i/live/b", null));
        assertThatThrownBy(() -> service.startLiveMpuTask(bypass("t3", "rtmp://i/live/c", null)))
                .isInstanceOfSatisfying(MpuException.class, e -> {
                    assertThat(e.code().id()).isEqualTo("Forbidden");
                    assertThat(e.code().httpStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("quota exceeded");
                });
    }

    @Test
    void mixingIsRefusedExplicitlyByABuildWithoutTheMixingEngine() throws Exception {
        channels.join("app1", "ch1", "u1", Map.of());
        channels.join("app1", "ch1", "u2", Map.of());
        assertThatThrownBy(() -> service.startLiveMpuTask(MpuJson.startRequest(MpuValidationTest.MIXING)))
                .isInstanceOfSatisfying(MpuException.class, e -> {
                    assertThat(e.code().id()).isEqualTo("OperationDenied");
                    assertThat(e.getMessage()).isEqualTo("mixing is not available in this build");
                });
        assertThat(service.tasks("app1")).isEmpty();
    }

    @Test
    void moreThan500CallsASecondAreThrottled() {
        MpuService s = MpuService.builder()
                .scheduler(clock)
                .channels(channels)
                .engine(engine)
                .build();
        int throttled = 0;
        for (int i = 0; i < 600; i++) {
            try {
                s.stopLiveMpuTask(new StopRequest("app", "ch", "none"));
            } catch (MpuException e) {
                if (e.code() == MpuException.Code.THROTTLING) {
                    throttled++;
                }
            }
        }
        assertThat(throttled).isEqualTo(100);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> s.stopLiveMpuTask(new StopRequest("app", "ch", "none")))
                .isInstanceOfSatisfying(
                        MpuException.class, e -> assertThat(e.code()).isEqualTo(MpuException.Code.INVALID_PARAM));
    }

    @Test
    void updateChangesOutputsWithoutRestartingAndFreesTheOldUrl() {
        service.startLiveMpuTask(bypass("t1", "rtmp://i/live/a", null));
        service.updateLiveMpuTask(
                new MpuParams.UpdateRequest("app", "ch", "t1", null, "rtmp://i/live/b", null, null, null, null));
        assertThat(engine.started).containsExactly("t1");
        assertThat(engine.updates).hasSize(1);
        assertThat(engine.updates.get(0).outputs()).containsExactly("rtmp://i/live/b");
        assertThat(engine.updates.get(0).single().userId()).isEqualTo("host");
        clock.advance(Duration.ofSeconds(10));
        service.startLiveMpuTask(bypass("t2", "rtmp://i/live/a", null));
    }
}
