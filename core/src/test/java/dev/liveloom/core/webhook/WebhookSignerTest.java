package dev.liveloom.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheStandardWebhooksTestVector() {
        WebhookSigner s = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(s.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void verifiesAnyOfSeveralSignaturesAndRejectsTampering() {
        WebhookSigner s = new WebhookSigner("plain secret");
        String sig = s.sign("msg_1", 100, BODY);
        assertThat(s.verify("msg_1", 100, BODY, "v1,bm90IGl0 " + sig)).isTrue();
        assertThat(s.verify("msg_1", 101, BODY, sig)).isFalse();
        assertThat(s.verify("msg_2", 100, BODY, sig)).isFalse();
        assertThat(s.verify("msg_1", 100, "{}".getBytes(StandardCharsets.UTF_8), sig))
                .isFalse();
        assertThat(s.verify("msg_1", 100, BODY, "v1,%%%")).isFalse();
        assertThat(new WebhookSigner("other").verify("msg_1", 100, BODY, sig)).isFalse();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> new WebhookSigner("")).isInstanceOf(IllegalArgumentException.class);
    }
}
