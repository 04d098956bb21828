package dev.liveloom.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;

/** Run by hand to see that NettyLeaks catches a leak (not a test: it would log a LEAK). */
final class NettyLeaksSelfCheck {
    public static void main(String[] args) throws Exception {
        NettyLeaks.install();
        PooledByteBufAllocator.DEFAULT.buffer(100).writeInt(1);
        try {
            NettyLeaks.assertNone();
            throw new IllegalStateException("leak not detected");
        } catch (AssertionError expected) {
            assertThat(NettyLeaks.leaks()).isNotEmpty();
            System.out.println("detected: " + NettyLeaks.leaks().size());
        }
    }
}
