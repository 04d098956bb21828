package dev.liveloom.srt;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.srt.session.SrtStats;
import dev.liveloom.ts.TsListener;
import dev.liveloom.ts.TsPushSource;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An {@code srt://} live source: an {@link SrtReceiver} whose payloads feed a {@link TsPushSource}
 * (MPEG-TS over SRT). It ends when the peer shuts down and fails when the connection fails (peer
 * silent for the idle timeout, handshake refused). A listener URL waits for a caller. The receiver
 * feeds on its event loop and the pipeline reads on its own, so every call holds this object's lock.
 */
public final class SrtSource implements MediaSource {
    private final String name;
    private final TsPushSource ts;
    private SrtReceiver receiver;
    private String streamId;
    private boolean connected;

    private SrtSource(String name) {
        this.name = name;
        this.ts = new TsPushSource(name, TsListener.NONE, this::closeReceiver);
    }

    /** Opens {@code url} on {@code group}. */
    public static SrtSource open(String url, EventLoopGroup group) throws IOException {
        SrtUrl u = SrtUrl.parse(url);
        SrtSource s = new SrtSource(u.toString());
        SrtReceiver r = SrtReceiver.open(u, group, new SrtReceiver.Listener() {
            @Override
            public void connected(String id) {
                synchronized (s) {
                    s.connected = true;
                    s.streamId = id;
                }
            }

            @Override
            public void payload(byte[] payload) {
                synchronized (s) {
                    s.ts.feed(ByteBuffer.wrap(payload));
                }
            }

            @Override
            public void ended() {
                synchronized (s) {
                    s.ts.end();
                }
            }

            @Override
            public void failed(IOException error) {
                synchronized (s) {
                    s.ts.fail(error);
                }
            }
        });
        synchronized (s) {
            s.receiver = r;
        }
        return s;
    }

    /** True once a handshake completed. */
    public synchronized boolean connected() {
        return connected;
    }

    /** The stream ID of the connection (sent by the caller), or null. */
    public synchronized String streamId() {
        return streamId;
    }

    /** The connection's statistics. */
    public SrtStats stats() {
        SrtReceiver r;
        synchronized (this) {
            r = receiver;
        }
        return r == null ? SrtStats.NONE : r.stats();
    }

    /** The local address once bound. */
    public CompletableFuture<java.net.InetSocketAddress> bound() {
        synchronized (this) {
            return receiver.bound();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized MediaPacket read() throws IOException {
        return ts.read();
    }

    @Override
    public synchronized List<TrackFormat> tracks() {
        return ts.tracks();
    }

    @Override
    public synchronized boolean ended() {
        return ts.ended();
    }

    @Override
    public synchronized CompletableFuture<Void> ready() {
        return ts.ready();
    }

    @Override
    public synchronized void close() {
        ts.close();
    }

    private void closeReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Override
    public String toString() {
        return "SrtSource[" + name + "]";
    }
}
