package dev.surety.events;

import java.time.Instant;

/** Measurements for an objective arrive again after the silent episode {@code episodeId}. */
public record NoDataEnded(
        String id,
        String episodeId,
        String agreementId,
        String objectiveId,
        String tenant,
        Instant lastDataAt,
        Instant dataResumedAt,
        NoDataPolicy policy) {
}
