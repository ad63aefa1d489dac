package dev.surety.credit.rest;

import dev.surety.credit.CreditState;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A ledger credit as the API shows it. */
@Schema(name = "Credit", description = "One credit: what is owed for one agreement, objective and period")
public record CreditView(
        String creditId,
        @Schema(description = "agreementId/objectiveId/periodStart; the same for every delivery of this credit")
        String idempotencyKey,
        String agreementId,
        int agreementVersion,
        String objectiveId,
        @Schema(description = "The tenant the credit is owed to")
        String customer,
        Instant periodStart,
        Instant periodEnd,
        @Schema(description = "Achieved level in percent, rounded down to 6 decimals")
        BigDecimal attainment,
        @Schema(description = "Bound of the credit tier the attainment was strictly below")
        BigDecimal tierBelowPercent,
        @Schema(description = "Percent of the monthly fee credited, after the cap")
        BigDecimal creditPercent,
        @Schema(description = "Exact decimal at the currency's scale, as a string", example = "250.00")
        String amount,
        @Schema(description = "ISO 4217 code", example = "EUR")
        String currency,
        @Schema(description = "ISSUED, ENTITLED (awaiting a claim) or APPLIED (acknowledged by billing)")
        CreditState state,
        Instant createdAt,
        @Schema(description = "When billing acknowledged the credit as applied; null unless APPLIED")
        Instant appliedAt,
        @Schema(description = "Who acknowledged it (the billing token's name); null unless APPLIED")
        String appliedBy) {
}
