package dev.surety.credit.repository;

import dev.surety.credit.CreditState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the credit ledger as written and re-read by the write side.
 *
 * @param objectiveId    the objective, or {@code *} for an agreement-level credit over several objectives
 * @param amount         what is owed, at the currency's scale (0 when BELOW_MINIMUM or VOIDED)
 * @param computedAmount what the schedule computed before the minimum credit (null when no tier applied)
 * @param reason         why the row last changed, when it was not a plain computation
 * @param aggregation    HIGHEST or SUM, as applied
 * @param claimDeadline  claim-required agreements: last instant a claim is accepted
 */
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
        Instant createdAt,
        BigDecimal computedAmount,
        String reason,
        String aggregation,
        Instant claimDeadline,
        Instant claimedAt,
        String claimedBy) {

    /** Whether billing was ever told about this credit (a CreditIssued is in the outbox). */
    public boolean published() {
        return state == CreditState.ISSUED || state == CreditState.APPLIED;
    }
}
