package dev.liveloom.rtmp.internal.netty;

import java.util.concurrent.ConcurrentHashMap;

/** The server's streams by "app/stream"; a stream with neither publisher nor players is forgotten. */
public final class StreamHubs implements ServerSession.Hubs {
    private final ConcurrentHashMap<String, StreamHub> hubs = new ConcurrentHashMap<>();
    private final long maxGopBytes;

    private StreamHubs(long maxGopBytes) {
        this.maxGopBytes = maxGopBytes;
    }

    public static StreamHubs create(long maxGopBytes) {
        return new StreamHubs(maxGopBytes);
    }

    @Override
    public StreamHub publish(String key, ServerSession s) {
        StreamHub[] claimed = {null};
        hubs.compute(key, (k, h) -> {
            StreamHub hub = h != null ? h : new StreamHub(k, maxGopBytes);
            if (hub.claim(s)) {
                claimed[0] = hub;
            }
            return hub;
        });
        return claimed[0];
    }

    @Override
    public StreamHub play(String key, ServerSession s, java.util.List<dev.liveloom.rtmp.message.RtmpMessage> first) {
        return hubs.compute(key, (k, h) -> {
            StreamHub hub = h != null ? h : new StreamHub(k, maxGopBytes);
            first.addAll(hub.join(s));
            return hub;
        });
    }

    @Override
    public void maybeRemove(StreamHub hub) {
        hubs.computeIfPresent(hub.key, (k, h) -> h == hub && h.idle() ? null : h);
    }

    public int size() {
        return hubs.size();
    }
}
