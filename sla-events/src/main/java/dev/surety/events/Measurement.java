package dev.surety.events;

import java.time.Instant;

/**
 * A raw metric attributed to one objective of one agreement version, keyed by
 * {@link #key(String, String)}. Event time is the raw metric's timestamp.
 *
 * <p>{@code good} and {@code total} are always set: counted samples carry their counts; a value sample
 * counts as one event, good when it meets the objective's bound. {@code value} carries the sample's
 * value for value-based indicators (THRESHOLD, PERCENTILE, TIME_SLICE with gauges).
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
        long total,
        @OptionalField Double value) {

    /** A counted measurement without a value. */
    public Measurement(String id, String rawId, String agreementId, int agreementVersion, String objectiveId,
            String tenant, Instant timestamp, long good, long total) {
        this(id, rawId, agreementId, agreementVersion, objectiveId, tenant, timestamp, good, total, null);
    }

    /** The Kafka key of measurements for one objective. */
    public static String key(String agreementId, String objectiveId) {
        return agreementId + "/" + objectiveId;
    }
}
