package dev.liveloom.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://cdn.example.com/live/a.flv?auth_key=1700000000-0-0-0a1b2c|http://cdn.example.com/live/a.flv?auth_key=***",
                "http://h/a.flv?txSecret=abcdef&txTime=65A0B1C2|http://h/a.flv?txSecret=***&txTime=65A0B1C2",
                "http://h/a.flv?TXSECRET=abc&wsSecret=d&wsTime=1|http://h/a.flv?TXSECRET=***&wsSecret=***&wsTime=1",
                "https://h/x?a=1&token=t0k&b=2#frag|https://h/x?a=1&token=***&b=2#frag",
                "https://h/x?access_token=a&refresh_token=b&id_token=c|https://h/x?access_token=***&refresh_token=***&id_token=***",
                "https://h/x?Sign=s&signature=s2&sig=s3|https://h/x?Sign=***&signature=***&sig=***",
                "https://b.s3.amazonaws.com/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff&X-Amz-Expires=60|https://b.s3.amazonaws.com/k?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Expires=60",
                "srt://h:9000?streamid=live/a&passphrase=0123456789|srt://h:9000?streamid=live/a&passphrase=***",
                "https://h/x?key=k&api_key=a&apikey=b&monkey=ok&keyframe=1|https://h/x?key=***&api_key=***&apikey=***&monkey=ok&keyframe=1",
                "rtmp://user:p4ss@h/app/stream|rtmp://user:***@h/app/stream",
                "rtmp://user@h/app|rtmp://user@h/app",
                "https://h/x?password=&pwd=1|https://h/x?password=&pwd=***",
                "http://h/plain.mp4|http://h/plain.mp4",
            })
    void redactsUrls(String in, String out) {
        assertThat(Redaction.url(in)).isEqualTo(out);
        assertThat(Redaction.url(out)).as("idempotent").isEqualTo(out);
    }

    @Test
    void redactsUriObjects() {
        assertThat(Redaction.url(URI.create("https://u:pw@h:8443/p?secret=s3&x=1")))
                .isEqualTo("https://u:***@h:8443/p?secret=***&x=1");
    }

    @Test
    void redactsEveryUrlAndParameterInFreeText() {
        String text = "pull http://a/x.flv?auth_key=k1 failed; retry rtmp://u:pw@b/app?token=t2 with passphrase=p3,"
                + " key=k4 (sign=s5) \"secret=s6\"";
        assertThat(Redaction.text(text))
                .isEqualTo(
                        "pull http://a/x.flv?auth_key=*** failed; retry rtmp://u:***@b/app?token=*** with passphrase=***,"
                                + " key=*** (sign=***) \"secret=***\"");
    }

    @Test
    void inputNamesAreRedacted() {
        assertThat(new dev.liveloom.core.io.ByteArrayInput("http://h/x.flv?token=abc", new byte[0]).name())
                .isEqualTo("http://h/x.flv?token=***");
    }

    @Test
    void leavesTextWithoutSecretsAlone() {
        assertThat(Redaction.text("GET http://h/a.mp4: HTTP 404 Not Found"))
                .isEqualTo("GET http://h/a.mp4: HTTP 404 Not Found");
        assertThat(Redaction.text("")).isEmpty();
        assertThat(Redaction.text(null)).isNull();
    }
}
