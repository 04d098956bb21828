package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.codec.AudioSpecificConfig.Signalling;
import dev.liveloom.core.media.MediaParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioSpecificConfigTest {
    @Test
    void plainLc() throws Exception {
        AudioSpecificConfig a = AudioSpecificConfig.parse(Hex.bytes("1210"));
        assertThat(a.objectType()).isEqualTo(2);
        assertThat(a.profileName()).isEqualTo("LC");
        assertThat(a.sampleRate()).isEqualTo(44100);
        assertThat(a.outputSampleRate()).isEqualTo(44100);
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.signalling()).isEqualTo(Signalling.NONE);
        assertThat(Hex.of(a.write())).isEqualTo("1210");
        assertThat(Hex.of(AudioSpecificConfig.of(2, 44100, 2).write())).isEqualTo("1210");
    }

    /** ffmpeg's AAC encoder writes the sync extension 0x2b7 with sbrPresentFlag 0 into esds. */
    @Test
    void backwardCompatibleSignallingWithoutSbr() throws Exception {
        AudioSpecificConfig a = AudioSpecificConfig.parse(Hex.bytes("121056e500"));
        assertThat(a.signalling()).isEqualTo(Signalling.BACKWARD_COMPATIBLE);
        assertThat(a.sbr()).isFalse();
        assertThat(a.profileName()).isEqualTo("LC");
        assertThat(a.outputSampleRate()).isEqualTo(44100);
        assertThat(Hex.of(a.write())).isEqualTo("121056e500");
    }

    @Test
    void backwardCompatibleSbrAndPs() throws Exception {
        AudioSpecificConfig a = AudioSpecificConfig.parse(Hex.bytes("131056e59d4880"));
        assertThat(a.objectType()).isEqualTo(2);
        assertThat(a.sampleRate()).isEqualTo(24000);
        assertThat(a.sbr()).isTrue();
        assertThat(a.ps()).isTrue();
        assertThat(a.outputSampleRate()).isEqualTo(48000);
        assertThat(a.profileName()).isEqualTo("HE-AACv2");
        assertThat(Hex.of(a.write())).isEqualTo("131056e59d4880");
    }

    @Test
    void hierarchicalHeAac() throws Exception {
        AudioSpecificConfig a = AudioSpecificConfig.parse(Hex.bytes("2b118800"));
        assertThat(a.signalling()).isEqualTo(Signalling.HIERARCHICAL);
        assertThat(a.objectType()).isEqualTo(2);
        assertThat(a.sampleRate()).isEqualTo(24000);
        assertThat(a.outputSampleRate()).isEqualTo(48000);
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.profileName()).isEqualTo("HE-AAC");
        assertThat(Hex.of(a.write())).isEqualTo("2b118800");
    }

    @Test
    void hierarchicalHeAacV2MakesMonoStereo() throws Exception {
        AudioSpecificConfig a = AudioSpecificConfig.parse(Hex.bytes("eb098800"));
        assertThat(a.ps()).isTrue();
        assertThat(a.channelConfiguration()).isEqualTo(1);
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.outputSampleRate()).isEqualTo(48000);
        assertThat(a.profileName()).isEqualTo("HE-AACv2");
        assertThat(Hex.of(a.write())).isEqualTo("eb098800");
    }

    @Test
    void explicitTwentyFourBitFrequency() throws Exception {
        AudioSpecificConfig a = AudioSpecificConfig.parse(Hex.bytes("1780562210"));
        assertThat(a.frequencyIndex()).isEqualTo(15);
        assertThat(a.sampleRate()).isEqualTo(44100);
        assertThat(a.channels()).isEqualTo(2);
        assertThat(Hex.of(a.write())).isEqualTo("1780562210");
    }

    @Test
    void escapedObjectTypeIsReadThenRefused() {
        // 11111 001010 = object type 42 (USAC)
        assertThatThrownBy(() -> AudioSpecificConfig.parse(Hex.bytes("f94620")))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("AudioSpecificConfig at byte 0: audio object type 42");
        BitWriter w = new BitWriter();
        AudioSpecificConfig.writeObjectType(w, 42);
        assertThat(Hex.of(w.toByteArray())).isEqualTo("f940");
    }

    /** AAC LC 48 kHz with channel configuration 0 and a PCE: SCE + CPE front, CPE back, one LFE. */
    static byte[] withPce() {
        BitWriter w = new BitWriter();
        w.writeBits(2, 5).writeBits(3, 4).writeBits(0, 4).writeBits(0, 3); // LC, 48000, config 0, GA flags
        w.writeBits(0, 4).writeBits(1, 2).writeBits(3, 4); // tag, object type, frequency index
        w.writeBits(2, 4)
                .writeBits(0, 4)
                .writeBits(1, 4)
                .writeBits(1, 2)
                .writeBits(0, 3)
                .writeBits(0, 4);
        w.writeBit(0).writeBit(0).writeBit(0); // no mixdowns
        w.writeBit(0).writeBits(0, 4).writeBit(1).writeBits(1, 4); // front SCE 0, CPE 1
        w.writeBit(1).writeBits(2, 4); // back CPE 2
        w.writeBits(0, 4); // LFE tag
        w.alignZero();
        w.writeBits(2, 8).writeBits(0x6869, 16); // comment "hi"
        return w.toByteArray();
    }

    @Test
    void programConfigElementCountsChannels() throws Exception {
        byte[] b = withPce();
        assertThat(Hex.of(b)).isEqualTo("118004c805000119" + "00" + "026869");
        AudioSpecificConfig a = AudioSpecificConfig.parse(b);
        assertThat(a.channelConfiguration()).isZero();
        assertThat(a.pce().front()).containsExactly(0x00, 0x11);
        assertThat(a.pce().back()).containsExactly(0x12);
        assertThat(a.pce().lfe()).isEqualTo(1);
        assertThat(a.channels()).isEqualTo(6);
        assertThat(a.write()).isEqualTo(b);
    }

    @Test
    void pceCommentPastTheEndIsTruncated() {
        byte[] b = withPce();
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
        assertThatThrownBy(() -> AudioSpecificConfig.parse(cut))
                .hasMessage("AudioSpecificConfig at byte 10 (truncated): needs 16 more bits, 8 left");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> AudioSpecificConfig.parse(Hex.bytes("12")))
                .hasMessage("AudioSpecificConfig at byte 0 (truncated): needs 4 more bits, 3 left");
        assertThatThrownBy(() -> AudioSpecificConfig.parse(Hex.bytes("1690")))
                .hasMessage("AudioSpecificConfig at byte 0: reserved sampling frequency index 13");
        assertThatThrownBy(() -> AudioSpecificConfig.parse(Hex.bytes("1240")))
                .hasMessage("AudioSpecificConfig at byte 1: reserved channel configuration 8");
    }

    @ParameterizedTest
    @CsvSource({
        "aac-16000-1ch.m4a, 16000, 1",
        "aac-16000-2ch.m4a, 16000, 2",
        "aac-22050-1ch.m4a, 22050, 1",
        "aac-22050-2ch.m4a, 22050, 2",
        "aac-32000-1ch.m4a, 32000, 1",
        "aac-32000-2ch.m4a, 32000, 2",
        "aac-44100-1ch.m4a, 44100, 1",
        "aac-44100-2ch.m4a, 44100, 2",
        "aac-48000-1ch.m4a, 48000, 1",
        "aac-48000-2ch.m4a, 48000, 2",
        "h264-main-bframes.mp4, 48000, 1",
        "hevc-hev1.mp4, 16000, 2",
        "hevc-hvc1.mp4, 22050, 1"
    })
    void fixturesMatchFfprobe(String file, int rate, int channels) throws Exception {
        byte[] asc = FixtureConfigs.asc(file);
        AudioSpecificConfig a = AudioSpecificConfig.parse(asc);
        assertThat(a.profileName()).isEqualTo("LC");
        assertThat(a.outputSampleRate()).isEqualTo(rate);
        assertThat(a.channels()).isEqualTo(channels);
        assertThat(a.write()).isEqualTo(asc);
    }
}
