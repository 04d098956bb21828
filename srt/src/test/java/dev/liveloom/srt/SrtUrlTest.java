package dev.liveloom.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liveloom.core.media.MediaIo;
import dev.liveloom.core.runtime.LiveloomRuntime;
import org.junit.jupiter.api.Test;

class SrtUrlTest {
    @Test
    void callerWithEveryOption() {
        SrtUrl u = SrtUrl.parse("srt://example.net:9000?mode=caller&streamid=%23!::r=live/a,m=request"
                + "&passphrase=0123456789xyz&pbkeylen=32&latency=300&peeridletimeo=2000&conntimeo=1500&fc=4096"
                + "&transtype=live&pkt_size=1316");
        assertThat(u.host()).isEqualTo("example.net");
        assertThat(u.port()).isEqualTo(9000);
        assertThat(u.listener()).isFalse();
        assertThat(u.config().streamId()).isEqualTo("#!::r=live/a,m=request");
        assertThat(new String(u.config().passphrase().chars())).isEqualTo("0123456789xyz");
        assertThat(u.config().keyLength()).isEqualTo(32);
        assertThat(u.config().latencyMs()).isEqualTo(300);
        assertThat(u.config().idleTimeoutMs()).isEqualTo(2000);
        assertThat(u.config().connectTimeoutMs()).isEqualTo(1500);
        assertThat(u.config().flowWindow()).isEqualTo(4096);
        assertThat(u.toString()).doesNotContain("0123456789xyz").contains("passphrase=***");
        assertThat(u.config().toString()).doesNotContain("0123456789xyz");
    }

    @Test
    void defaults() {
        SrtUrl caller = SrtUrl.parse("srt://127.0.0.1:1234");
        assertThat(caller.listener()).isFalse();
        assertThat(caller.config().latencyMs()).isEqualTo(120);
        assertThat(caller.config().passphrase()).isNull();
        assertThat(caller.config().idleTimeoutMs()).isEqualTo(5000);
        assertThat(SrtUrl.parse("srt://:9000").listener()).isTrue();
        assertThat(SrtUrl.parse("srt://:9000?mode=listener").listener()).isTrue();
        SrtUrl bound = SrtUrl.parse("srt://0.0.0.0:9000?mode=listener");
        assertThat(bound.listener()).isTrue();
        assertThat(bound.host()).isEqualTo("0.0.0.0");
        assertThat(SrtUrl.parse("srt://[::1]:9000").host()).isEqualTo("::1");
        assertThat(SrtUrl.parse("srt://h:1?streamid=#!::u=x").config().streamId())
                .isEqualTo("#!::u=x");
        assertThat(SrtUrl.parse("srt://h:1?pbkeylen=0&passphrase=0123456789")
                        .config()
                        .keyLength())
                .isEqualTo(16);
    }

    @Test
    void badUrlsSayWhyWithoutThePassphrase() {
        assertThatThrownBy(() -> SrtUrl.parse("srt://host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("srt://host: no port (srt://host:port)");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:x9")).hasMessage("srt://host:x9: port 'x9' is not a number");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:70000"))
                .hasMessage("srt://host:70000: port 70000 is out of range");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1/live"))
                .hasMessage("srt://host:1/live: srt:// URLs have no path (put the stream ID in ?streamid=)");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1?mode=rendezvous"))
                .hasMessage("srt://host:1?mode=rendezvous: mode=rendezvous is not supported (use caller or listener)");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1?mode=push"))
                .hasMessage("srt://host:1?mode=push: mode 'push', allowed caller or listener");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1?pbkeylen=20"))
                .hasMessage("srt://host:1?pbkeylen=20: pbkeylen 20, allowed 16, 24, 32");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1?latency=abc"))
                .hasMessage("srt://host:1?latency=abc: latency 'abc' is not a number");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1?transtype=file"))
                .hasMessage("srt://host:1?transtype=file: transtype file is not supported (only live)");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1?passphrase=short"))
                .hasMessage("srt://host:1?passphrase=***: passphrase of 5 characters, SRT allows 10 to 79");
        assertThatThrownBy(() -> SrtUrl.parse("srt://host:1?passphrase=secret%zz1234"))
                .hasMessage("srt://host:1?passphrase=***: bad percent escape");
        assertThatThrownBy(() -> SrtUrl.parse("srt://:0?mode=caller"))
                .hasMessage("srt://:0?mode=caller: a caller needs a host and a port");
        assertThatThrownBy(() -> SrtUrl.parse("rtmp://host:1")).hasMessage("not an srt:// URL: rtmp://host:1");
    }

    @Test
    void providerServesSrtAndReportsBadUrlsAsIoExceptions() {
        try (LiveloomRuntime rt =
                LiveloomRuntime.builder().eventLoopThreads(1).workerThreads(1).build()) {
            assertThat(new SrtIoProvider().readsFrom(java.net.URI.create("srt://h:1")))
                    .isTrue();
            assertThat(new SrtIoProvider().readsFrom(java.net.URI.create("rtmp://h:1")))
                    .isFalse();
            assertThatThrownBy(() -> MediaIo.source("srt://h:1?passphrase=tiny", rt, false))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessage("srt://h:1?passphrase=***: passphrase of 4 characters, SRT allows 10 to 79");
        }
    }
}
