package dev.liveloom.rtmp;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.core.media.MediaSource;
import dev.liveloom.core.media.TrackFormat;
import dev.liveloom.rtmp.internal.netty.ClientChannels;
import dev.liveloom.rtmp.internal.netty.PlaySession;
import dev.liveloom.rtmp.url.RtmpUrl;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plays an rtmp:// or rtmps:// live stream as a {@link MediaSource}: video is track 0, audio track 1;
 * the publisher going away (StreamEOF, UnpublishNotify) ends the source. Connects when created; no
 * thread of its own. When the reader falls more than {@code MAX_QUEUED} packets behind, the socket
 * stops being read until it catches up (TCP pushes back on the server).
 */
public final class RtmpPlayer implements MediaSource {
    /** Packets buffered before reading from the socket pauses. */
    static final int MAX_QUEUED = 2048;

    private final RtmpUrl url;
    private final ArrayDeque<MediaPacket> queue = new ArrayDeque<>();
    private final List<TrackFormat> tracks = new ArrayList<>(List.of());
    private CompletableFuture<Void> ready = new CompletableFuture<>();
    private IOException failure;
    private boolean ended;
    private volatile Channel channel;
    private volatile boolean closed;

    private RtmpPlayer(RtmpUrl url) {
        this.url = url;
    }

    /** Connects and starts playing {@code url}. */
    public static RtmpPlayer open(String url, EventLoopGroup group, TrustManagerFactory trust) {
        RtmpPlayer p = new RtmpPlayer(RtmpUrl.parse(url));
        p.connect(group, trust);
        return p;
    }

    private void connect(EventLoopGroup group, TrustManagerFactory trust) {
        io.netty.handler.ssl.SslContext ssl;
        try {
            ssl = ClientChannels.tls(url, trust);
        } catch (SSLException e) {
            onFailed(new IOException(url + ": TLS setup failed: " + e.getMessage(), e));
            return;
        }
        PlaySession session = new PlaySession(url, new PlaySession.Sink() {
            @Override
            public void packet(MediaPacket p) {
                onPacket(p);
            }

            @Override
            public void ended() {
                onEnded();
            }

            @Override
            public void failed(IOException e) {
                onFailed(e);
            }
        });
        ClientChannels.connect(url, group, ssl, java.time.Duration.ofSeconds(10), session)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        onFailed(new IOException(
                                url + ": connect failed: " + f.cause().getMessage(), f.cause()));
                    } else {
                        channel = f.channel();
                        if (closed) {
                            channel.close();
                        }
                    }
                });
    }

    private synchronized void onPacket(MediaPacket p) {
        queue.add(p);
        int t = p.track();
        while (tracks.size() <= t) {
            tracks.add(null);
        }
        tracks.set(t, p.format());
        if (queue.size() >= MAX_QUEUED && channel != null) {
            channel.config().setAutoRead(false);
        }
        wake();
    }

    private synchronized void onEnded() {
        ended = true;
        wake();
    }

    private synchronized void onFailed(IOException e) {
        if (failure == null && !ended) {
            failure = e;
        }
        wake();
    }

    private void wake() {
        CompletableFuture<Void> r = ready;
        ready = new CompletableFuture<>();
        r.complete(null);
    }

    @Override
    public String name() {
        return url.toString();
    }

    @Override
    public synchronized MediaPacket read() throws IOException {
        MediaPacket p = queue.poll();
        if (p != null) {
            if (queue.size() == MAX_QUEUED / 2 && channel != null) {
                channel.config().setAutoRead(true);
            }
            return p;
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    @Override
    public synchronized boolean ended() {
        return ended && queue.isEmpty();
    }

    @Override
    public synchronized CompletableFuture<Void> ready() {
        return !queue.isEmpty() || ended || failure != null ? CompletableFuture.completedFuture(null) : ready;
    }

    @Override
    public synchronized List<TrackFormat> tracks() {
        return tracks.stream().filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void close() {
        closed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
