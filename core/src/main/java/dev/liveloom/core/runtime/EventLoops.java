package dev.liveloom.core.runtime;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

/** Where a new connection should live. */
public final class EventLoops {
    private EventLoops() {}

    /**
     * The event loop of the calling thread when it is one of {@code group}'s, else {@code group}
     * (which then picks one). A relay task runs on one event loop and opens its ingest and its
     * sources from there: with all of a task's sockets on that loop, a packet goes from the HTTP
     * read to the RTMP write without a hand-over between threads, and no lock is ever contended.
     */
    public static EventLoopGroup preferCurrent(EventLoopGroup group) {
        for (EventExecutor e : group) {
            if (e.inEventLoop() && e instanceof EventLoop loop) {
                return loop;
            }
        }
        return group;
    }
}
