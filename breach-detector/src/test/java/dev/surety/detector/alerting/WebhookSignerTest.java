package dev.surety.detector.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final byte[] BODY = "{\"id\":\"evt-1\"}".getBytes(StandardCharsets.UTF_8);

    /** The vector in the README, computed independently with {@code openssl dgst -sha256 -hmac}. */
    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        assertEquals("sha256=253257c22b06465c46e337a2d681c35ef57203b3171e840bd8655a641a522e7f",
                WebhookSigner.signature("surety-test-secret", 1700000000L, BODY));
    }

    @Test
    void receiverVerificationRejectsAnyChange() {
        String signature = WebhookSigner.signature("surety-test-secret", 1700000000L, BODY);
        assertTrue(WebhookSigner.verify("surety-test-secret", "1700000000", BODY, signature));
        assertFalse(WebhookSigner.verify("surety-test-secret", "1700000001", BODY, signature), "replayed with a new timestamp");
        assertFalse(WebhookSigner.verify("another-secret", "1700000000", BODY, signature));
        assertFalse(WebhookSigner.verify("surety-test-secret", "1700000000",
                "{\"id\":\"evt-2\"}".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(WebhookSigner.verify("surety-test-secret", null, BODY, signature));
        assertFalse(WebhookSigner.verify("surety-test-secret", "soon", BODY, signature));
    }
}
