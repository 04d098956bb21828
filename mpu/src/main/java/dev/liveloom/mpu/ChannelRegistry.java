package dev.liveloom.mpu;

import dev.liveloom.mpu.MpuTaskPlan.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which users are in which channel, with which streams, and whether they ingest now. The host joins
 * a user with a camera and/or shareScreen stream (a URL of any liveloom source, or a stream published
 * into the embedded RTMP server) and reports when ingest starts and stops; a channel exists while it
 * has a user. Thread-safe; listeners are called on the caller's thread after the change, outside the
 * registry's lock, and must not block.
 */
public final class ChannelRegistry {

    /** A user in a channel. */
    public record User(
            String appId,
            String channelId,
            String userId,
            Map<Source, String> streams,
            Map<Source, Boolean> ingesting) {
        public boolean ingesting(Source s) {
            return Boolean.TRUE.equals(ingesting.get(s));
        }

        public boolean ingestingAny() {
            return ingesting.containsValue(Boolean.TRUE);
        }
    }

    /** Channel events. */
    public interface Listener {
        default void userJoined(User user) {}

        default void userLeft(User user, boolean channelClosed) {}

        default void ingestChanged(User user, Source source, boolean ingesting) {}
    }

    private final Map<String, Map<String, User>> channels = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /**
     * Joins a user to a channel with its stream sources (camera and/or shareScreen URLs); a user who
     * is already there gets the new streams.
     */
    public void join(String appId, String channelId, String userId, Map<Source, String> streams) {
        User u;
        synchronized (this) {
            Map<String, User> ch = channels.computeIfAbsent(key(appId, channelId), k -> new LinkedHashMap<>());
            User old = ch.get(userId);
            Map<Source, Boolean> ing = new EnumMap<>(Source.class);
            if (old != null) {
                ing.putAll(old.ingesting());
            }
            u = new User(appId, channelId, userId, Map.copyOf(streams), Map.copyOf(ing));
            ch.put(userId, u);
        }
        for (Listener l : listeners) {
            l.userJoined(u);
        }
    }

    /** Removes a user; the channel closes with its last user. */
    public void leave(String appId, String channelId, String userId) {
        User u;
        boolean closed;
        synchronized (this) {
            Map<String, User> ch = channels.get(key(appId, channelId));
            u = ch == null ? null : ch.remove(userId);
            if (u == null) {
                return;
            }
            closed = ch.isEmpty();
            if (closed) {
                channels.remove(key(appId, channelId));
            }
        }
        for (Listener l : listeners) {
            l.userLeft(u, closed);
        }
    }

    /** Reports that a user's stream started or stopped ingesting. */
    public void ingesting(String appId, String channelId, String userId, Source source, boolean on) {
        User u;
        synchronized (this) {
            Map<String, User> ch = channels.get(key(appId, channelId));
            User old = ch == null ? null : ch.get(userId);
            if (old == null || old.ingesting(source) == on) {
                return;
            }
            Map<Source, Boolean> ing = new EnumMap<>(Source.class);
            ing.putAll(old.ingesting());
            ing.put(source, on);
            u = new User(appId, channelId, userId, old.streams(), Map.copyOf(ing));
            ch.put(userId, u);
        }
        for (Listener l : listeners) {
            l.ingestChanged(u, source, on);
        }
    }

    public synchronized boolean channelExists(String appId, String channelId) {
        return channels.containsKey(key(appId, channelId));
    }

    /** The user, or null when not in the channel. */
    public synchronized User user(String appId, String channelId, String userId) {
        Map<String, User> ch = channels.get(key(appId, channelId));
        return ch == null ? null : ch.get(userId);
    }

    /** The channel's users in join order (empty when the channel does not exist). */
    public synchronized List<User> users(String appId, String channelId) {
        Map<String, User> ch = channels.get(key(appId, channelId));
        return ch == null ? List.of() : new ArrayList<>(ch.values());
    }

    private static String key(String appId, String channelId) {
        return appId + '\u0000' + channelId;
    }
}
