package dev.liveloom.rtmp.internal.netty;

import dev.liveloom.flv.tag.VideoTagBody;
import dev.liveloom.rtmp.message.MessageTypes;
import dev.liveloom.rtmp.message.RtmpMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One app/stream of the server: its publisher, what a joining player needs first (metadata,
 * sequence headers, the current GOP) and its players. Guarded by its own lock; delivery to players
 * happens outside it, on each player's event loop.
 */
final class StreamHub {
    final String key;
    private final long maxGopBytes;
    private ServerSession publisher;
    private RtmpMessage metadata;
    private RtmpMessage videoHeader;
    private RtmpMessage audioHeader;
    private final List<RtmpMessage> gop = new ArrayList<>();
    private long gopBytes;
    private final List<ServerSession> players = new ArrayList<>();

    StreamHub(String key, long maxGopBytes) {
        this.key = key;
        this.maxGopBytes = maxGopBytes;
    }

    synchronized boolean claim(ServerSession s) {
        if (publisher != null) {
            return false;
        }
        publisher = s;
        metadata = null;
        videoHeader = null;
        audioHeader = null;
        gop.clear();
        gopBytes = 0;
        return true;
    }

    /** Ends the publisher's session; returns the players to tell. */
    synchronized List<ServerSession> release(ServerSession s) {
        if (publisher != s) {
            return List.of();
        }
        publisher = null;
        gop.clear();
        gopBytes = 0;
        return new ArrayList<>(players);
    }

    synchronized boolean hasPublisher() {
        return publisher != null;
    }

    /** Registers a player; returns what it must receive before live messages (empty without a publisher). */
    synchronized List<RtmpMessage> join(ServerSession p) {
        players.add(p);
        List<RtmpMessage> first = new ArrayList<>();
        if (publisher == null) {
            return first;
        }
        if (metadata != null) {
            first.add(metadata);
        }
        if (videoHeader != null) {
            first.add(videoHeader);
        }
        if (audioHeader != null) {
            first.add(audioHeader);
        }
        first.addAll(gop);
        return first;
    }

    synchronized void leave(ServerSession p) {
        players.remove(p);
    }

    synchronized boolean idle() {
        return publisher == null && players.isEmpty();
    }

    /** Records a message from the publisher and returns the players to deliver it to. */
    synchronized List<ServerSession> publish(RtmpMessage m) {
        switch (m.typeId()) {
            case MessageTypes.DATA_AMF0 -> metadata = m;
            case MessageTypes.VIDEO -> {
                ByteBuffer p = m.payload();
                if (isSequenceHeader(p, true)) {
                    videoHeader = m;
                } else {
                    if (isKey(p)) {
                        gop.clear();
                        gopBytes = 0;
                    }
                    cache(m);
                }
            }
            case MessageTypes.AUDIO -> {
                if (isSequenceHeader(m.payload(), false)) {
                    audioHeader = m;
                } else if (!gop.isEmpty()) {
                    cache(m);
                }
            }
            default -> {}
        }
        return players.isEmpty() ? List.of() : new ArrayList<>(players);
    }

    private void cache(RtmpMessage m) {
        gopBytes += m.payload().remaining();
        if (gopBytes > maxGopBytes) {
            // a GOP too long to keep: joiners wait for the next keyframe instead
            gop.clear();
            gopBytes = 0;
            return;
        }
        gop.add(m);
    }

    private static boolean isKey(ByteBuffer p) {
        return p.hasRemaining() && ((p.get(p.position()) >> 4) & 7) == VideoTagBody.FRAME_KEY;
    }

    /** True for an AVC/HEVC sequence header (legacy or enhanced) or an AAC AudioSpecificConfig. */
    static boolean isSequenceHeader(ByteBuffer p, boolean video) {
        if (p.remaining() < 2) {
            return false;
        }
        int b0 = p.get(p.position()) & 0xff;
        if (!video) {
            return (b0 >> 4) == 10 && p.get(p.position() + 1) == 0;
        }
        if ((b0 & 0x80) != 0) {
            return (b0 & 0x0f) == 0; // enhanced: PacketType SequenceStart
        }
        return p.get(p.position() + 1) == 0; // legacy: AVCPacketType 0
    }
}
