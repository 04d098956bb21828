package dev.liveloom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.Codec;
import dev.liveloom.core.media.MediaParseException;
import dev.liveloom.core.media.TrackFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Formats from the fixtures' records, against `ffprobe -show_streams` (ffprobe 5.1). */
class CodecConfigsTest {
    @ParameterizedTest
    @CsvSource({
        "h264-avc3.mp4, avcC, H264, Main, 12",
        "h264-baseline.mp4, avcC, H264, Constrained Baseline, 12",
        "h264-ctts-v1.mp4, avcC, H264, High, 12",
        "h264-editlist-cut.mp4, avcC, H264, High, 12",
        "h264-fragmented.mp4, avcC, H264, Main, 12",
        "h264-high-bframes.mp4, avcC, H264, High, 12",
        "h264-main-bframes.mp4, avcC, H264, Main, 12",
        "hevc-for-flv.mp4, hvcC, HEVC, Main, 60",
        "hevc-hev1.mp4, hvcC, HEVC, Main, 60",
        "hevc-hvc1.mp4, hvcC, HEVC, Main, 60"
    })
    void videoMatchesFfprobe(String file, String box, Codec codec, String profile, int level) throws Exception {
        TrackFormat f = CodecConfigs.toFormat(codec, FixtureConfigs.box(file, box));
        assertThat(f.profile()).isEqualTo(profile);
        assertThat(f.level()).isEqualTo(level);
        assertThat(f.width()).isEqualTo(320);
        assertThat(f.height()).isEqualTo(180);
        assertThat(f.nalLengthSize()).isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource({
        "aac-44100-2ch.m4a, 44100, 2",
        "aac-16000-1ch.m4a, 16000, 1",
        "h264-editlist-cut.mp4, 32000, 2",
        "h264-main-bframes.mp4, 48000, 1"
    })
    void audioMatchesFfprobe(String file, int rate, int channels) throws Exception {
        TrackFormat f = CodecConfigs.toFormat(Codec.AAC, FixtureConfigs.asc(file));
        assertThat(f.profile()).isEqualTo("LC");
        assertThat(f.sampleRate()).isEqualTo(rate);
        assertThat(f.channels()).isEqualTo(channels);
        assertThat(f.toString()).isEqualTo("audio aac (LC) " + rate + " Hz " + channels + " ch");
    }

    @Test
    void heAacReportsItsOutputRate() throws Exception {
        TrackFormat f = CodecConfigs.toFormat(Codec.AAC, Hex.bytes("eb098800"));
        assertThat(f.profile()).isEqualTo("HE-AACv2");
        assertThat(f.sampleRate()).isEqualTo(48000);
        assertThat(f.channels()).isEqualTo(2);
    }

    @Test
    void unreadableSpsLeavesTheSizeUnknown() throws Exception {
        // a record whose SPS is a 4-byte stub (as hand-made test streams have): profile and level from
        // the record, size 0x0
        TrackFormat f = CodecConfigs.toFormat(Codec.H264, Hex.bytes("0164001fffe1000467640028010004" + "68ee3c80"));
        assertThat(f.toString()).isEqualTo("video h264 (High) 0x0");
        assertThat(f.level()).isEqualTo(31);
        assertThat(f.nalLengthSize()).isEqualTo(4);
    }

    @Test
    void errorsNameTheRecord() {
        assertThatThrownBy(() -> CodecConfigs.toFormat(Codec.H264, Hex.bytes("0164")))
                .isInstanceOf(MediaParseException.class)
                .hasMessage("avcC at byte 2 (truncated): record needs at least 7 bytes, 2 present");
        assertThatThrownBy(() -> CodecConfigs.toFormat(Codec.HEVC, new byte[0]))
                .hasMessage("hvcC at byte 0 (truncated): record needs at least 23 bytes, 0 present");
        assertThatThrownBy(() -> CodecConfigs.toFormat(Codec.AAC, Hex.bytes("12")))
                .hasMessage("AudioSpecificConfig at byte 0 (truncated): needs 4 more bits, 3 left");
    }
}
