package dev.liveloom.rtmp.message;

import static dev.liveloom.rtmp.testing.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.rtmp.testing.Hex;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ControlMessagesTest {
    private static ByteBuffer p(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    private static void assertControl(RtmpMessage m, int type, String payloadHex) {
        assertThat(m.chunkStreamId()).isEqualTo(2);
        assertThat(m.streamId()).isZero();
        assertThat(m.timestampMs()).isZero();
        assertThat(m.typeId()).isEqualTo(type);
        assertThat(Hex.of(m.payloadBytes())).isEqualTo(payloadHex);
    }

    @Test
    void setChunkSize() throws MediaParseException {
        assertControl(new SetChunkSize(4096).toMessage(), 1, "00001000");
        assertThat(SetChunkSize.read(p("00001000"))).isEqualTo(new SetChunkSize(4096));
        assertThat(SetChunkSize.read(p("7fffffff")).chunkSize()).isEqualTo(0x7FFFFFFF);
        assertThatThrownBy(() -> SetChunkSize.read(p("000010")))
                .hasMessage("rtmp SetChunkSize at byte 3 (truncated): needs 4 bytes, has 3");
        assertThatThrownBy(() -> SetChunkSize.read(p("0000100000")))
                .hasMessage("rtmp SetChunkSize at byte 4: needs 4 bytes, has 5");
    }

    @Test
    void abort() throws MediaParseException {
        assertControl(new Abort(3).toMessage(), 2, "00000003");
        assertThat(Abort.read(p("ffffffff")).chunkStreamId()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void acknowledgement() throws MediaParseException {
        assertControl(new Acknowledgement(0x80000001L).toMessage(), 3, "80000001");
        assertThat(Acknowledgement.read(p("80000001"))).isEqualTo(new Acknowledgement(0x80000001L));
    }

    @Test
    void windowAcknowledgementSize() throws MediaParseException {
        assertControl(new WindowAcknowledgementSize(2_500_000).toMessage(), 5, "002625a0");
        assertThat(WindowAcknowledgementSize.read(p("002625a0")).windowSize()).isEqualTo(2_500_000);
    }

    @Test
    void setPeerBandwidth() throws MediaParseException {
        assertControl(new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC).toMessage(), 6, "002625a002");
        assertThat(SetPeerBandwidth.read(p("002625a001")))
                .isEqualTo(new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.SOFT));
        assertThat(SetPeerBandwidth.read(p("0000000100")).limitType()).isEqualTo(SetPeerBandwidth.LimitType.HARD);
        assertThatThrownBy(() -> SetPeerBandwidth.read(p("0000000103")))
                .hasMessage("rtmp SetPeerBandwidth at byte 4: limit type 3 (allowed 0 hard, 1 soft, 2 dynamic)");
    }

    @Test
    void userControlEvents() throws MediaParseException {
        assertControl(UserControl.of(UserControl.Event.STREAM_BEGIN, 1).toMessage(), 4, "000000000001");
        assertControl(UserControl.of(UserControl.Event.STREAM_EOF, 1).toMessage(), 4, "000100000001");
        assertControl(UserControl.of(UserControl.Event.STREAM_DRY, 1).toMessage(), 4, "000200000001");
        assertControl(UserControl.setBufferLength(1, 3000).toMessage(), 4, "00030000000100000bb8");
        assertControl(UserControl.of(UserControl.Event.STREAM_IS_RECORDED, 1).toMessage(), 4, "000400000001");
        assertControl(
                UserControl.of(UserControl.Event.PING_REQUEST, 0xdeadbeefL).toMessage(), 4, "0006deadbeef");
        assertControl(UserControl.of(UserControl.Event.PING_RESPONSE, 7).toMessage(), 4, "000700000007");

        UserControl sbl = UserControl.read(p("00030000000100000bb8"));
        assertThat(sbl.event()).isEqualTo(UserControl.Event.SET_BUFFER_LENGTH);
        assertThat(sbl.value()).isEqualTo(1);
        assertThat(sbl.bufferLengthMs()).isEqualTo(3000);
        UserControl ping = UserControl.read(p("0006deadbeef"));
        assertThat(ping).isEqualTo(UserControl.of(UserControl.Event.PING_REQUEST, 0xdeadbeefL));
        assertThat(ping.value()).isEqualTo(0xdeadbeefL);
        UserControl swf = UserControl.read(p("001a"));
        assertThat(swf.event()).isNull();
        assertThat(swf.eventType()).isEqualTo(26);
        assertThat(Hex.of(swf.toMessage().payloadBytes())).isEqualTo("001a");
    }

    @Test
    void userControlErrors() {
        assertThatThrownBy(() -> UserControl.read(p("00")))
                .hasMessage("rtmp UserControl at byte 1 (truncated): needs an event type, has 1 bytes");
        assertThatThrownBy(() -> UserControl.read(p("0003000000010000")))
                .hasMessage("rtmp UserControl at byte 8 (truncated): SET_BUFFER_LENGTH needs 8 data bytes, has 6");
        assertThatThrownBy(() -> UserControl.read(p("00060000000100")))
                .hasMessage("rtmp UserControl at byte 6: PING_REQUEST needs 4 data bytes, has 5");
        assertThatThrownBy(() -> UserControl.read(ByteBuffer.allocate(100)))
                .hasMessage("rtmp UserControl at byte 6: STREAM_BEGIN needs 4 data bytes, has 98");
        assertThatThrownBy(() -> UserControl.read(ByteBuffer.allocate(100).putShort(0, (short) 99)))
                .hasMessage("rtmp UserControl at byte 2: event 99 data of 98 bytes exceeds 64");
    }

    @Test
    void messageTypeConstants() {
        assertThat(new int[] {
                    MessageTypes.AUDIO,
                    MessageTypes.VIDEO,
                    MessageTypes.DATA_AMF0,
                    MessageTypes.DATA_AMF3,
                    MessageTypes.COMMAND_AMF0,
                    MessageTypes.COMMAND_AMF3,
                    MessageTypes.AGGREGATE
                })
                .containsExactly(8, 9, 18, 15, 20, 17, 22);
        assertThat(MessageTypes.name(20)).isEqualTo("CommandAmf0");
        assertThat(MessageTypes.name(77)).isEqualTo("type 77");
        assertThat(MessageTypes.isProtocolControl(1)).isTrue();
        assertThat(MessageTypes.isProtocolControl(4)).isFalse();
    }

    @Test
    void acknowledgementWindow() {
        AcknowledgementWindow w = new AcknowledgementWindow(1000);
        assertThat(w.onReceived(999)).isNull();
        assertThat(w.onReceived(1)).isEqualTo(new Acknowledgement(1000));
        assertThat(w.onReceived(500)).isNull();
        assertThat(w.onReceived(2500)).isEqualTo(new Acknowledgement(4000));
        w.setWindowSize(0);
        assertThat(w.onReceived(1_000_000)).isNull();
        AcknowledgementWindow wrap = new AcknowledgementWindow(0x8000_0000L);
        wrap.onReceived(0x8000_0000L);
        assertThat(wrap.onReceived(0x8000_0010L)).isEqualTo(new Acknowledgement(0x10));
        assertThat(wrap.received()).isEqualTo(0x1_0000_0010L);
    }

    @Test
    void rtmpMessageRejectsBadFields() {
        assertThatThrownBy(() -> RtmpMessage.of(1, 8, 0, 0, new byte[0]))
                .hasMessage("chunk stream id 1 outside 2..65599");
        assertThatThrownBy(() -> RtmpMessage.of(3, 8, 0, -1, new byte[0]))
                .hasMessage("timestamp -1 ms outside 0..2^32-1");
        assertThatThrownBy(() -> RtmpMessage.of(3, 8, 0, 0, new byte[1 << 24]))
                .hasMessage("payload of 16777216 bytes exceeds the 24-bit message length");
    }
}
