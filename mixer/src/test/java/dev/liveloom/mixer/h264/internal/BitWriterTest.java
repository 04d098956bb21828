package dev.liveloom.mixer.h264.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BitWriterTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void expGolombCodes() {
        BitWriter bw = new BitWriter(4);
        // ue: 0 -> 1, 1 -> 010, 2 -> 011, 3 -> 00100 ; se(-1) -> ue(2) 011, se(2) -> ue(3) 00100
        bw.ue(0);
        bw.ue(1);
        bw.ue(2);
        bw.ue(3);
        bw.se(-1);
        bw.se(2);
        // 1 010 011 00100 011 00100 = 1010 0110 0100 0110 0100 + trailing 1 000
        bw.trailingBits();
        assertArrayEquals(hex("a64648"), bw.toByteArray());
    }

    @Test
    void largeUeAndFixedFields() {
        BitWriter bw = new BitWriter(1);
        bw.u(32, 0xdeadbeef);
        bw.ue(65534); // 65535 is 16 one bits: 15 zeros, the 16 ones, then the trailing one
        bw.trailingBits();
        assertArrayEquals(hex("deadbeef0001ffff"), bw.toByteArray());
        assertEquals(64, bw.bitCount());
    }

    @Test
    void emulationPreventionAfterTwoZeros() {
        byte[] rbsp = hex("0000000000010000020003000004");
        byte[] nal = NalWriter.nal(3, 7, rbsp, rbsp.length);
        assertArrayEquals(hex("670000030000030001000003020003000004"), nal);
    }

    @Test
    void lengthPrefixedAccessUnit() {
        NalWriter w = new NalWriter();
        byte[] a = hex("000001");
        w.add(3, 5, a, a.length);
        w.add(0, 6, hex("80"), 1);
        assertArrayEquals(hex("0000000565000003010000000206" + "80"), w.toByteArray());
    }
}
