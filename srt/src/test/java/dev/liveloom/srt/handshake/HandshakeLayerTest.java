package dev.liveloom.srt.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.srt.packet.ControlPacket;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact bytes of the handshake CIF and its extensions, as libsrt writes them. */
class HandshakeLayerTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void hsv4StyleInductionRequest() throws Exception {
        Handshake h = new Handshake(
                4,
                0,
                Handshake.UDT_DGRAM,
                0x1234,
                1500,
                8192,
                HandshakeType.INDUCTION,
                0x55,
                0,
                Handshake.peerIpField(InetAddress.getByName("127.0.0.1")),
                List.of());
        byte[] b = h.toPacket(0, 0).write();
        assertThat(HEX.formatHex(b))
                .isEqualTo("80000000 00000000 00000000 00000000".replace(" ", "")
                        + "00000004" + "00000002" + "00001234" + "000005dc" + "00002000" + "00000001" + "00000055"
                        + "00000000" + "0100007f" + "00000000" + "00000000" + "00000000");
        assertThat(Handshake.read(ControlPacket.read(b, 0, b.length))).isEqualTo(h);
    }

    @Test
    void conclusionWithExtensions() throws MediaParseException {
        SrtHsExtension hsreq = new SrtHsExtension(0x010502, SrtHsExtension.LIVE_FLAGS, 120, 80);
        assertThat(HEX.formatHex(hsreq.write())).isEqualTo("00010502" + "0000003f" + "00780050");
        assertThat(SrtHsExtension.read(hsreq.write())).isEqualTo(hsreq);
        assertThat(hsreq.versionText()).isEqualTo("1.5.2");
        assertThat(hsreq.has(SrtHsExtension.TLPKTDROP)).isTrue();
        assertThat(hsreq.has(SrtHsExtension.STREAM)).isFalse();
        Handshake h = new Handshake(
                5,
                2,
                Handshake.EXT_HSREQ | Handshake.EXT_CONFIG,
                7,
                1500,
                8192,
                HandshakeType.CONCLUSION,
                9,
                0xCAFEBABE,
                new byte[16],
                List.of(
                        new HandshakeExtension(HandshakeExtension.HSREQ, hsreq.write()),
                        new HandshakeExtension(HandshakeExtension.SID, StreamIdExtension.write("abcdef"))));
        byte[] cif = h.write();
        assertThat(HEX.formatHex(cif, 0, 8)).isEqualTo("00000005" + "00020005");
        assertThat(HEX.formatHex(cif, 48, cif.length))
                .isEqualTo("00010003" + "00010502" + "0000003f" + "00780050" + "00050002" + "64636261" + "00006665");
        Handshake back = Handshake.read(cif);
        assertThat(back).isEqualTo(h);
        assertThat(StreamIdExtension.read(back.extension(HandshakeExtension.SID).content()))
                .isEqualTo("abcdef");
        assertThat(back.extension(HandshakeExtension.KMREQ)).isNull();
    }

    @Test
    void streamIdWordOrder() throws MediaParseException {
        byte[] w = StreamIdExtension.write("#!::r=live");
        assertThat(HEX.formatHex(w)).isEqualTo("3a3a2123" + "696c3d72" + "00006576");
        assertThat(StreamIdExtension.read(w)).isEqualTo("#!::r=live");
        assertThat(StreamIdExtension.write("")).isEmpty();
        assertThatThrownBy(() -> StreamIdExtension.read(new byte[516]))
                .hasMessage("srt stream id at byte 0: 516 bytes, limit 512");
        assertThatThrownBy(() -> StreamIdExtension.write("x".repeat(513))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peerIpFieldAsLibsrtWritesIt() throws Exception {
        assertThat(HEX.formatHex(Handshake.peerIpField(InetAddress.getByName("192.168.1.20"))))
                .isEqualTo("1401a8c0" + "0".repeat(24));
        assertThat(Handshake.peerIpAddress(hex("1401a8c0" + "0".repeat(24))))
                .isEqualTo(InetAddress.getByName("192.168.1.20"));
        byte[] v6 = Handshake.peerIpField(InetAddress.getByName("2001:db8::1"));
        assertThat(HEX.formatHex(v6)).isEqualTo("b80d0120" + "00000000" + "00000000" + "01000000");
        assertThat(Handshake.peerIpAddress(v6)).isEqualTo(InetAddress.getByName("2001:db8::1"));
    }

    @Test
    void truncatedAndOverlongExtensions() {
        assertThatThrownBy(() -> Handshake.read(new byte[47]))
                .hasMessage("srt handshake at byte 0 (truncated): 47 bytes, needs 48");
        byte[] cif = new byte[48 + 8];
        cif[48 + 1] = 1; // HSREQ
        cif[48 + 3] = 3; // 3 words, only 1 present
        assertThatThrownBy(() -> Handshake.read(cif))
                .hasMessage("srt handshake at byte 48 (truncated): extension 1 of 12 bytes past the end");
        byte[] many = new byte[48 + 17 * 4];
        assertThatThrownBy(() -> Handshake.read(many)).hasMessage("srt handshake at byte 112: more than 16 extensions");
        assertThatThrownBy(() -> SrtHsExtension.read(new byte[8]))
                .hasMessage("srt hsreq at byte 0 (truncated): 8 bytes, needs 12");
    }

    @Test
    void rejectionReasons() {
        assertThat(HandshakeType.isRejection(HandshakeType.REJ_BADSECRET)).isTrue();
        assertThat(HandshakeType.rejectionReason(1010)).isEqualTo("wrong password");
        assertThat(HandshakeType.rejectionReason(1011)).isEqualTo("password required or unexpected");
        assertThat(HandshakeType.isRejection(HandshakeType.CONCLUSION)).isFalse();
        assertThat(HandshakeType.name(HandshakeType.INDUCTION)).isEqualTo("induction");
    }
}
