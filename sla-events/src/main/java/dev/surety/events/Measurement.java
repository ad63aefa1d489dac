package dev.surety.events;

import java.time.Instant;

/**
 * A raw metric attributed to one objective of one agreement version, keyed by
 * {@link #key(String, String)}. Event time is the raw metric's timestamp.
 */
public record Measurement(
        String id,
        String rawId,
        String agreementId,
        int agreementVersion,
        String objectiveId,
        String tenant,
        Instant timestamp,
        long good,
        long total) {

    /** The Kafka key of measurements for one objective. */
    public static String key(String agreementId, String objectiveId) {
        return agreementId + "/" + objectiveId;
    }
}
