package dev.surety.credit.repository;

import dev.surety.credit.CreditState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of the credit ledger as written. */
public record LedgerEntry(
        UUID creditId,
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
        CreditState state,
        String complianceId,
        Instant createdAt) {
}
