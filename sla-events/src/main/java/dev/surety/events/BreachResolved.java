package dev.surety.events;

import java.math.BigDecimal;
import java.time.Instant;

/** The breach {@code breachId} ended: its rule has been false for the hold time. */
public record BreachResolved(
        String id,
        String breachId,
        String agreementId,
        String objectiveId,
        String tenant,
        Instant openedAt,
        Instant resolvedAt,
        BigDecimal sli) {
}
