package dev.liveloom.rtmp.testing;

import dev.liveloom.core.media.MediaPacket;
import dev.liveloom.rtmp.RtmpPlayer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reading a player in tests. */
public final class Players {
    private Players() {}

    /** Every packet until the play ends or {@code timeoutMs} pass. */
    public static List<MediaPacket> drain(RtmpPlayer player, long timeoutMs) throws Exception {
        List<MediaPacket> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!player.ended() && System.currentTimeMillis() < deadline) {
            MediaPacket p = player.read();
            if (p != null) {
                got.add(p);
            } else {
                try {
                    player.ready().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    break;
                }
            }
        }
        return got;
    }
}
