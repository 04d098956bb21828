package dev.liveloom.rtmp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void createStreamEncodesToTheExactBytes() {
        // "createStream", 2.0, null
        assertThat(HEX.formatHex(Commands.createStream(2).encode()))
                .isEqualTo("02000c63726561746553747265616d" + "004000000000000000" + "05");
    }

    @Test
    void roundTripsEveryStandardCommand() throws MediaParseException {
        for (Command c : List.of(
                Commands.connect("live", "rtmp://h/live", true, true),
                Commands.connect("live", "rtmp://h/live", false, false),
                Commands.releaseStream(2, "s?auth_key=x"),
                Commands.fcPublish(3, "s"),
                Commands.createStream(4),
                Commands.publish(5, "s"),
                Commands.play(4, "s"),
                Commands.deleteStream(6, 1),
                Commands.connectResult(1, true),
                Commands.result(4, 1.0),
                Commands.error(5, "NetStream.Publish.BadName", "Stream already publishing"),
                Commands.onStatus("status", "NetStream.Publish.Start", "Start publishing"))) {
            Command back = Command.decode(ByteBuffer.wrap(c.encode()));
            assertThat(back).isEqualTo(c);
        }
    }

    @Test
    void readsStatusCodes() throws MediaParseException {
        Command c = Command.decode(
                ByteBuffer.wrap(Commands.onStatus("error", "NetStream.Publish.BadName", "already publishing")
                        .encode()));
        assertThat(c.statusCode()).isEqualTo("NetStream.Publish.BadName");
        assertThat(c.statusDescription()).isEqualTo("already publishing");
        assertThat(Commands.connect("a", "b", true, true).commandObject().get("fourCcList"))
                .isEqualTo(List.of("hvc1", "avc1"));
    }

    @Test
    void refusesAPayloadThatIsNotACommand() {
        assertThatThrownBy(() -> Command.decode(ByteBuffer.wrap(HEX.parseHex("00400000000000000005"))))
                .isInstanceOf(MediaParseException.class)
                .hasMessageContaining("rtmp command");
    }
}
