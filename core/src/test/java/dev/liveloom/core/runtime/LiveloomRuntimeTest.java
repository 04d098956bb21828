package dev.liveloom.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveloomRuntimeTest {

    @Test
    void buildsWithTheAskedThreadCountsAndClosesTwice() throws Exception {
        Clock fixed = new Clock() {
            @Override
            public long nanoTime() {
                return 42;
            }

            @Override
            public long currentTimeMillis() {
                return 7;
            }
        };
        LiveloomRuntime rt = LiveloomRuntime.builder()
                .eventLoopThreads(3)
                .workerThreads(2)
                .clock(fixed)
                .build();
        assertThat(rt.eventLoopThreads()).isEqualTo(3);
        assertThat(rt.workerThreads()).isEqualTo(2);
        assertThat(rt.clock().nanoTime()).isEqualTo(42);
        String name = rt.eventLoopGroup()
                .submit(() -> Thread.currentThread().getName())
                .get(5, TimeUnit.SECONDS);
        assertThat(name).startsWith("liveloom-io");
        String worker =
                rt.workers().submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertThat(worker).startsWith("liveloom-worker");
        rt.close();
        rt.close();
        assertThat(rt.isClosed()).isTrue();
        assertThat(rt.eventLoopGroup().isShutdown()).isTrue();
        assertThat(rt.workers().isShutdown()).isTrue();
    }

    @Test
    void defaultsToOneThreadPerCore() {
        try (LiveloomRuntime rt = LiveloomRuntime.builder().build()) {
            int cores = Runtime.getRuntime().availableProcessors();
            assertThat(rt.eventLoopThreads()).isEqualTo(cores);
            assertThat(rt.workerThreads()).isEqualTo(cores);
            assertThat(rt.clock()).isSameAs(Clock.SYSTEM);
        }
    }

    @Test
    void workerPoolIsBounded() throws Exception {
        try (LiveloomRuntime rt =
                LiveloomRuntime.builder().workerThreads(1).workerQueue(1).build()) {
            CountDownLatch block = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            rt.workers().execute(() -> {
                started.countDown();
                try {
                    block.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            started.await(5, TimeUnit.SECONDS);
            rt.workers().execute(() -> {});
            assertThatThrownBy(() -> rt.workers().execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
            block.countDown();
        }
    }

    @Test
    void sharedRuntimeIsOneDaemonInstanceThatIgnoresClose() throws Exception {
        LiveloomRuntime a = LiveloomRuntime.shared();
        assertThat(LiveloomRuntime.shared()).isSameAs(a);
        a.close();
        assertThat(a.isClosed()).isFalse();
        boolean daemon = a.eventLoopGroup()
                .submit(() -> Thread.currentThread().isDaemon())
                .get(5, TimeUnit.SECONDS);
        assertThat(daemon).isTrue();
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> LiveloomRuntime.builder().eventLoopThreads(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventLoopThreads -1, allowed >= 0 (0 = cores)");
        assertThatThrownBy(() -> LiveloomRuntime.builder().workerQueue(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerQueue 0, allowed >= 1");
    }
}
