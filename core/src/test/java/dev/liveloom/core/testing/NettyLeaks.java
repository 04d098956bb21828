package dev.liveloom.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns Netty's leak reports for {@link ByteBuf}s into a test failure: {@link #install()} before the
 * tests, {@link #assertNone()} after them. Leaks are found when a buffer was garbage-collected
 * without being released, so {@code assertNone} collects garbage and allocates to make the detector
 * look. Run with {@code -Dio.netty.leakDetection.level=paranoid} (surefire sets it) to track every
 * buffer.
 */
public final class NettyLeaks {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private NettyLeaks() {}

    public static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Class<?> c = Class.forName("io.netty.buffer.AbstractByteBuf");
            Field f = c.getDeclaredField("leakDetector");
            f.setAccessible(true);
            ResourceLeakDetector<?> d = (ResourceLeakDetector<?>) f.get(null);
            d.setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot hook Netty's ByteBuf leak detector", e);
        }
        installed = true;
    }

    /** Leaks reported so far. */
    public static List<String> leaks() {
        return List.copyOf(LEAKS);
    }

    public static void assertNone() throws InterruptedException {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            // the detector polls its reference queue when a buffer is tracked
            for (int j = 0; j < 50; j++) {
                PooledByteBufAllocator.DEFAULT.buffer(16).release();
                UnpooledByteBufAllocator.DEFAULT.buffer(16).release();
                PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
        }
        assertThat(LEAKS).as("Netty ByteBuf leaks").isEmpty();
    }
}
