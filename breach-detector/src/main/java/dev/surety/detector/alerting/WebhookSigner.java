package dev.surety.detector.alerting;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: {@code X-Surety-Signature: sha256=<hex>} where hex is the lower-case
 * HMAC-SHA256, keyed with the target's secret (UTF-8), of {@code <X-Surety-Timestamp> "." <body bytes>}.
 * The timestamp (Unix seconds of the attempt) is inside the signed content, so a receiver that
 * rejects old timestamps cannot be fed a captured request again.
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Surety-Signature";
    public static final String TIMESTAMP_HEADER = "X-Surety-Timestamp";
    public static final String EVENT_ID_HEADER = "X-Surety-Event-Id";
    public static final String PREFIX = "sha256=";

    private WebhookSigner() {
    }

    /** The {@code X-Surety-Signature} value for this body sent at {@code timestamp} (Unix seconds). */
    public static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            mac.update(body);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(signature(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
