package dev.liveloom.srt.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact bytes and round trips of every SRT packet this module reads or writes. */
class PacketLayerTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void dataPacketBytes() throws MediaParseException {
        DataPacket p = new DataPacket(
                0x12345678,
                DataPacket.POSITION_SOLO,
                false,
                DataPacket.KEY_ODD,
                true,
                5,
                0x01020304,
                0x0A0B0C0D,
                hex("4711"));
        // PP=11 O=0 KK=10 R=1 msg=5: 1101 0100 ... = 0xD4000005
        byte[] b = p.write();
        assertThat(HEX.formatHex(b)).isEqualTo("12345678" + "d4000005" + "01020304" + "0a0b0c0d" + "4711");
        assertThat(DataPacket.read(b, 0, b.length)).isEqualTo(p);
    }

    @Test
    void dataPacketFlagsOneByOne() throws MediaParseException {
        DataPacket p = DataPacket.read(hex("00000001 e8000002 00000000 00000007"), 0, 16);
        assertThat(p.position()).isEqualTo(3);
        assertThat(p.inOrder()).isTrue();
        assertThat(p.keyFlag()).isEqualTo(DataPacket.KEY_EVEN);
        assertThat(p.retransmitted()).isFalse();
        assertThat(p.messageNumber()).isEqualTo(2);
        assertThat(p.payload()).isEmpty();
    }

    @Test
    void dataPacketRefusesControlAndShortDatagrams() {
        assertThatThrownBy(() -> DataPacket.read(hex("80020000 00000000 00000000 00000000"), 0, 16))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("srt data packet at byte 0: F bit set: a control packet");
        assertThatThrownBy(() -> DataPacket.read(new byte[15], 0, 15))
                .hasMessage("srt data packet at byte 0 (truncated): datagram of 15 bytes, header needs 16");
        assertThatThrownBy(() -> DataPacket.read(new byte[1501], 0, 1501))
                .hasMessage("srt data packet at byte 0: datagram of 1501 bytes, limit 1500");
    }

    @Test
    void controlPacketHeader() throws MediaParseException {
        ControlPacket c = new ControlPacket(ControlType.EXTENSION, 3, 9, 100, 42, hex("cafe0000"));
        byte[] b = c.write();
        assertThat(HEX.formatHex(b)).isEqualTo("ffff0003" + "00000009" + "00000064" + "0000002a" + "cafe0000");
        assertThat(ControlPacket.read(b, 0, b.length)).isEqualTo(c);
        assertThatThrownBy(() -> ControlPacket.read(hex("00000001 00000000 00000000 00000000"), 0, 16))
                .hasMessage("srt control packet at byte 0: F bit clear: a data packet");
    }

    @Test
    void fullAck() throws MediaParseException {
        Ack a = Ack.full(7, 1000, 20_000, 5_000, 8000, 1900, 1900, 2_500_000);
        byte[] b = a.toPacket(1, 2).write();
        assertThat(HEX.formatHex(b))
                .isEqualTo("80020000" + "00000007" + "00000001" + "00000002" + "000003e8" + "00004e20" + "00001388"
                        + "00001f40" + "0000076c" + "0000076c" + "002625a0");
        assertThat(Ack.read(ControlPacket.read(b, 0, b.length))).isEqualTo(a);
    }

    @Test
    void lightAndSmallAcks() throws MediaParseException {
        Ack light = Ack.read(ControlPacket.read(hex("80020000 00000000 00000000 00000001 00000010"), 0, 20));
        assertThat(light).isEqualTo(Ack.light(16));
        assertThat(light.isFull()).isFalse();
        Ack small = Ack.read(ControlPacket.read(
                hex("80020000 00000003 00000000 00000001 00000010 00000064 00000032 00000100"), 0, 32));
        assertThat(small.words()).isEqualTo(Ack.SMALL);
        assertThat(small.rttUs()).isEqualTo(100);
        assertThat(small.availableBuffer()).isEqualTo(256);
        assertThatThrownBy(() -> Ack.read(ControlPacket.read(hex("80020000 00000000 00000000 00000001"), 0, 16)))
                .hasMessage("srt ack at byte 16 (truncated): ACK without a sequence number");
    }

    @Test
    void ackAckKeepaliveShutdown() throws MediaParseException {
        byte[] b = new AckAck(7).toPacket(3, 4).write();
        assertThat(HEX.formatHex(b)).isEqualTo("80060000" + "00000007" + "00000003" + "00000004" + "00000000");
        assertThat(AckAck.read(ControlPacket.read(b, 0, b.length))).isEqualTo(new AckAck(7));
        assertThat(HEX.formatHex(Signal.KEEPALIVE.toPacket(0, 9).write()))
                .isEqualTo("80010000 00000000 00000000 00000009 00000000".replace(" ", ""));
        assertThat(HEX.formatHex(Signal.SHUTDOWN.toPacket(0, 9).write()))
                .isEqualTo("80050000 00000000 00000000 00000009 00000000".replace(" ", ""));
        // no CIF is accepted as well
        assertThat(Signal.read(ControlPacket.read(hex("80050000 00000000 00000000 00000009"), 0, 16)))
                .isEqualTo(Signal.SHUTDOWN);
    }

    @Test
    void dropRequest() throws MediaParseException {
        DropRequest d = new DropRequest(12, 100, 103);
        byte[] b = d.toPacket(0, 1).write();
        assertThat(HEX.formatHex(b))
                .isEqualTo("80070000" + "0000000c" + "00000000" + "00000001" + "00000064" + "00000067");
        assertThat(DropRequest.read(ControlPacket.read(b, 0, b.length))).isEqualTo(d);
        assertThatThrownBy(() -> DropRequest.read(
                        ControlPacket.read(hex("80070000 00000000 00000000 00000001 00000001"), 0, 20)))
                .hasMessage("srt drop request at byte 16 (truncated): CIF of 4 bytes, needs 8");
    }

    @Test
    void nakSinglesAndRanges() throws MediaParseException {
        Nak n = new Nak(List.of(new Nak.Range(5, 5), new Nak.Range(10, 12), new Nak.Range(0x7FFFFFFF, 0x7FFFFFFF)));
        byte[] b = n.toPacket(0, 1).write();
        assertThat(HEX.formatHex(b))
                .isEqualTo("80030000" + "00000000" + "00000000" + "00000001" + "00000005" + "8000000a" + "0000000c"
                        + "7fffffff");
        assertThat(Nak.read(ControlPacket.read(b, 0, b.length))).isEqualTo(n);
    }

    @Test
    void nakErrors() {
        assertThatThrownBy(
                        () -> Nak.read(ControlPacket.read(hex("80030000 00000000 00000000 00000001 8000000a"), 0, 20)))
                .hasMessage("srt nak at byte 16 (truncated): range start without its end");
        assertThatThrownBy(() -> Nak.read(
                        ControlPacket.read(hex("80030000 00000000 00000000 00000001 8000000a 8000000c"), 0, 24)))
                .hasMessage("srt nak at byte 20: range end with the top bit set");
        assertThatThrownBy(() -> new Nak(java.util.Collections.nCopies(372, new Nak.Range(1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a NAK of 372 words is over the limit of 371");
    }

    @Test
    void kmControl() throws MediaParseException {
        KmControl k = new KmControl(false, hex("12202901 00000000"));
        byte[] b = k.toPacket(0, 5).write();
        assertThat(HEX.formatHex(b)).isEqualTo("ffff0003" + "00000000" + "00000000" + "00000005" + "1220290100000000");
        assertThat(KmControl.read(ControlPacket.read(b, 0, b.length))).isEqualTo(k);
        KmControl rsp = new KmControl(true, hex("00000004"));
        byte[] r = rsp.toPacket(0, 5).write();
        assertThat(HEX.formatHex(r, 0, 4)).isEqualTo("ffff0004");
        assertThat(KmControl.read(ControlPacket.read(r, 0, r.length))).isEqualTo(rsp);
        assertThatThrownBy(() -> KmControl.read(ControlPacket.read(hex("ffff0001 00000000 00000000 00000005"), 0, 16)))
                .hasMessage("srt km control at byte 0: not a KMREQ/KMRSP: extension subtype 1");
    }
}
