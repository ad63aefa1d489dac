package dev.surety.credit.rest;

import dev.surety.credit.CreditState;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ledger credit as the API shows it. */
@Schema(name = "Credit", description = "One credit: what is owed for one agreement, objective (or * for the "
        + "agreement-level credit of a multi-objective agreement) and period")
public record CreditView(
        String creditId,
        @Schema(description = "agreementId/objectiveId/periodStart (objectiveId * for an agreement-level credit); "
                + "the same for every delivery of this credit")
        String idempotencyKey,
        String agreementId,
        @Schema(description = "The agreement version in force at the period's end, which the credit was computed with")
        int agreementVersion,
        @Schema(description = "The objective, or * for an agreement-level credit across several objectives")
        String objectiveId,
        @Schema(description = "The tenant the credit is owed to")
        String customer,
        Instant periodStart,
        Instant periodEnd,
        @Schema(description = "Achieved level in percent, rounded down to 6 decimals (of the objective earning the most)")
        BigDecimal attainment,
        @Schema(description = "Bound of the credit tier the attainment was strictly below; null when none")
        BigDecimal tierBelowPercent,
        @Schema(description = "Percent of the monthly fee credited, after aggregation and the cap; null when none")
        BigDecimal creditPercent,
        @Schema(description = "What is owed: exact decimal at the currency's scale, as a string; 0 when "
                + "BELOW_MINIMUM or VOIDED", example = "250.00")
        String amount,
        @Schema(description = "What the schedule computed before the minimum credit; null when no tier applied",
                example = "4.00")
        String computedAmount,
        @Schema(description = "ISO 4217 code", example = "EUR")
        String currency,
        @Schema(description = "ENTITLED, CLAIMED, ISSUED, APPLIED, BELOW_MINIMUM or VOIDED")
        CreditState state,
        @Schema(description = "Why the credit last changed (late data, minimum credit); null for a plain computation")
        String reason,
        @Schema(description = "HIGHEST or SUM: how the objectives' credits were combined")
        String aggregation,
        Instant createdAt,
        @Schema(description = "Claim-required agreements: the last instant a claim is accepted")
        Instant claimDeadline,
        @Schema(description = "When the customer claimed it; null unless claimed")
        Instant claimedAt,
        @Schema(description = "When billing acknowledged the credit as applied; null unless APPLIED")
        Instant appliedAt,
        @Schema(description = "Who acknowledged it (the billing token's name); null unless APPLIED")
        String appliedBy) {
}
