package dev.liveloom.sei.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liveloom.core.media.Codec;
import dev.liveloom.sei.LayoutSei;
import dev.liveloom.sei.SeiMessage;
import dev.liveloom.sei.SeiWriter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeiNalTemplateTest {
    @Test
    void sameBytesAsTheWriter() {
        List<UUID> uuids = Arrays.asList(
                null,
                new UUID(0, 0), // all zeros: emulation prevention inside the head
                UUID.fromString("00000000-0000-0000-0000-000000000300"),
                UUID.fromString("78ddf909-6617-40c8-9273-b9181390d1b5"));
        List<LayoutSei> contents = List.of(
                LayoutSei.singleStreamer("streamer111", 1920, 1080),
                LayoutSei.singleStreamer("s", 1, 1).toBuilder()
                        .passThrough("x".repeat(230))
                        .build(), // payload size crosses 255 as ts grows
                LayoutSei.singleStreamer("u\u0000", 2, 2).toBuilder()
                        .passThrough("k", "v\u0000\u0001")
                        .build());
        long[] tss = {0, 9, 10, 99, 100, 1697696105170L, -1, -1234, Long.MAX_VALUE, Long.MIN_VALUE};
        for (Codec codec : List.of(Codec.H264, Codec.HEVC)) {
            for (UUID uuid : uuids) {
                int type = uuid == null ? 100 : 5;
                for (LayoutSei c : contents) {
                    SeiNalTemplate t = new SeiNalTemplate(codec, type, uuid, c);
                    for (long ts : tss) {
                        byte[] json = c.withTs(ts).toJsonBytes();
                        byte[] want = SeiWriter.write(
                                codec, uuid == null ? SeiMessage.of(type, json) : SeiMessage.userData(uuid, json));
                        byte[] got = new byte[t.nalSize(ts) + 4];
                        Arrays.fill(got, (byte) 0x55);
                        int end = t.write(ts, got, 2);
                        assertThat(end).isEqualTo(2 + want.length);
                        assertThat(Arrays.copyOfRange(got, 2, end))
                                .as("%s %s %s", codec, uuid, ts)
                                .isEqualTo(want);
                        assertThat(got[got.length - 1]).isEqualTo((byte) 0x55);
                    }
                }
            }
        }
    }

    @Test
    void decimalDigits() {
        byte[] b = new byte[24];
        for (long v : new long[] {0, 7, 10, 999, 1000, Long.MAX_VALUE, -5, Long.MIN_VALUE}) {
            int end = SeiNalTemplate.writeDecimal(v, b, 1);
            assertThat(new String(b, 1, end - 1, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(v));
            assertThat(SeiNalTemplate.digits(v)).isEqualTo(Long.toString(v).length());
        }
    }
}
