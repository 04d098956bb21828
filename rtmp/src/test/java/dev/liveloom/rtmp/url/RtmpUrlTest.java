package dev.liveloom.rtmp.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtmpUrlTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "rtmp://h/live/s|h|1935|live|s|rtmp://h/live",
                "rtmp://h:1936/live/s|h|1936|live|s|rtmp://h:1936/live",
                "rtmps://h/live/s|h|443|live|s|rtmps://h/live",
                "rtmp://h/app/inst/s|h|1935|app/inst|s|rtmp://h/app/inst",
                "rtmp://h/app/inst/a/b|h|1935|app/inst|a/b|rtmp://h/app/inst",
                "rtmp://h/vod/mp4:dir/file.mp4|h|1935|vod|mp4:dir/file.mp4|rtmp://h/vod",
                "rtmp://h/s|h|1935||s|rtmp://h/",
                "rtmp://ingest.example/live/news?auth_key=1700000000-0-0-abc|ingest.example|1935|live|"
                        + "news?auth_key=1700000000-0-0-abc|rtmp://ingest.example/live?auth_key=1700000000-0-0-abc"
            })
    void splitsLikeFfmpeg(String url, String host, int port, String app, String stream, String tcUrl) {
        RtmpUrl u = RtmpUrl.parse(url);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.port()).isEqualTo(port);
        assertThat(u.app()).isEqualTo(app == null ? "" : app);
        assertThat(u.streamName()).isEqualTo(stream);
        assertThat(u.tcUrl()).isEqualTo(tcUrl);
    }

    @org.junit.jupiter.api.Test
    void toStringRedactsSecretsAndErrorsDoToo() {
        assertThat(RtmpUrl.parse("rtmp://h/live/s?auth_key=123-0-0-secret").toString())
                .isEqualTo("rtmp://h/live/s?auth_key=***");
        assertThatThrownBy(() -> RtmpUrl.parse("http://h/live/s?auth_key=secret"))
                .hasMessage("not an rtmp:// or rtmps:// URL: http://h/live/s?auth_key=***");
    }
}
