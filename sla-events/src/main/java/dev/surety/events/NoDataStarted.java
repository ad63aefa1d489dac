package dev.surety.events;

import java.time.Instant;

/**
 * An objective's source went silent: no measurement since {@code lastDataAt} for longer than the
 * objective's no-data delay, detected by the wall clock at {@code detectedAt}. The silent time is
 * judged by {@code policy} from {@code lastDataAt} on until a {@link NoDataEnded} with the same
 * {@code episodeId}.
 */
public record NoDataStarted(
        String id,
        String episodeId,
        String agreementId,
        int agreementVersion,
        String objectiveId,
        String tenant,
        Instant lastDataAt,
        Instant detectedAt,
        NoDataPolicy policy) {
}
