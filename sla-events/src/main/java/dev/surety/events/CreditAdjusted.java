package dev.surety.events;

import java.math.BigDecimal;
import java.time.Instant;

/** A correction of an issued credit after late data changed a final compliance. */
public record CreditAdjusted(
        String id,
        String creditId,
        String idempotencyKey,
        String agreementId,
        String objectiveId,
        String tenant,
        Instant periodStart,
        Instant periodEnd,
        BigDecimal previousAmount,
        BigDecimal newAmount,
        BigDecimal delta,
        String currency,
        String reason,
        Instant adjustedAt) {
}
