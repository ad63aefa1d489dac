package dev.surety.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A credit billing must pay, once: {@code idempotencyKey} is the same for every delivery of the
 * credit for one agreement, objective and period.
 */
public record CreditIssued(
        String id,
        String creditId,
        String idempotencyKey,
        String agreementId,
        int agreementVersion,
        String objectiveId,
        String tenant,
        Instant periodStart,
        Instant periodEnd,
        BigDecimal attainment,
        BigDecimal tierBelowPercent,
        BigDecimal creditPercent,
        BigDecimal amount,
        String currency,
        Instant issuedAt) {
}
