package dev.liveloom.mixer.aac.internal;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.testing.Mutations;
import dev.liveloom.mixer.AudioEncoder;
import dev.liveloom.mixer.AudioEncoderConfig;
import dev.liveloom.mixer.EncodedAudioFrame;
import org.junit.jupiter.api.Test;

/** The ADTS header and AudioSpecificConfig readers fail only with MediaParseException. */
class AacConfigsFuzzTest {

    @FuzzTest
    void readersOnlyThrowMediaParseException(byte[] data) {
        parse(data);
    }

    private static void parse(byte[] data) {
        try {
            int[] h = AacConfigs.readAdtsHeader(data, 0);
            assertTrue(h[3] >= AacConfigs.ADTS_HEADER_SIZE && h[3] <= AacConfigs.MAX_ADTS_FRAME);
        } catch (MediaParseException expected) {
            assertNotNull(expected.getMessage());
        }
        try {
            int[] asc = AacConfigs.readAsc(data);
            byte[] again = AacConfigs.writeAsc(asc[1], asc[2]);
            // object type, rate index and channels round-trip; the GASpecificConfig flags are written 0
            assertEquals(data[0], again[0], "ASC round trip");
            assertEquals(data[1] & 0xF8, again[1] & 0xFF, "ASC round trip");
        } catch (MediaParseException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    /** 200k fixed-seed mutants of real ADTS frames and ASCs from the encoder. */
    @Test
    void mutantsOfRealHeadersOnlyThrowMediaParseException() {
        AudioEncoderConfig cfg = AudioEncoderConfig.builder()
                .sampleRate(22050)
                .channels(2)
                .bitrateKbps(64)
                .build();
        byte[] frame;
        try (AudioEncoder enc = AudioEncoder.aacLc(cfg)) {
            enc.encode(new short[4096], 0, 2048);
            enc.flush();
            EncodedAudioFrame f = enc.poll();
            frame = new byte[7 + f.data().length];
            AacConfigs.writeAdtsHeader(frame, 0, 22050, 2, f.data().length);
            System.arraycopy(f.data(), 0, frame, 7, f.data().length);
        }
        byte[][] seeds = {frame, AacConfigs.writeAsc(22050, 2), AacConfigs.writeAsc(8000, 1)};
        Mutations m = new Mutations(42);
        for (int i = 0; i < 200_000; i++) {
            parse(m.mutate(seeds[i % seeds.length]));
        }
    }

    @Test
    void exactErrorMessages() {
        assertEquals(
                "adts at byte 0: no syncword",
                assertThrows(MediaParseException.class, () -> AacConfigs.readAdtsHeader(new byte[7], 0))
                        .getMessage());
        assertEquals(
                "aac asc at byte 0: unsupported audio object type 5",
                assertThrows(MediaParseException.class, () -> AacConfigs.readAsc(new byte[] {0x2b, (byte) 0x92}))
                        .getMessage());
    }
}
